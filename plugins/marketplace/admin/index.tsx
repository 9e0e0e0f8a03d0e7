/**
 * Console part of the marketplace: staff's catalog (list, create, edit, lifecycle actions confirmed with what they
 * mean for buyers) and every tenant's purchases; the tenant admin's Marketplace (browse, search, detail with
 * screenshots, buy with a confirmation showing the price and the next invoice), My add-ons (history, cancel with
 * the refund shown first, buy again) and Integrations. Tenant pages call tenant routes only. Paths match the
 * manifest's nav items (`src/marketplace-nav.ts`).
 */
import { defineAdminPlugin } from '@platform/sdk/admin';
import { AddonCreate, AddonEdit, AddonList, PurchaseList } from './addon-pages.tsx';
import { IntegrationsPage } from './integrations-page.tsx';
import { MyAddonsPage } from './my-addons-page.tsx';
import { StoreDetailPage, StorePage } from './store-page.tsx';

export default defineAdminPlugin({
  name: 'marketplace',
  resources: [
    { name: 'marketplace/addons', list: AddonList, create: AddonCreate, edit: AddonEdit, options: { label: 'Marketplace catalog' }, recordRepresentation: 'name', navItem: 'marketplace.addons' },
    { name: 'marketplace/purchases', list: PurchaseList, options: { label: 'Add-on purchases' }, recordRepresentation: 'addonName', navItem: 'marketplace.purchases' },
  ],
  routes: [
    { path: '/marketplace/store', component: StorePage, navItem: 'marketplace.store' },
    { path: '/marketplace/store/:id', component: StoreDetailPage, navItem: 'marketplace.store' },
    { path: '/marketplace/my-addons', component: MyAddonsPage, navItem: 'marketplace.my' },
    { path: '/marketplace/integrations', component: IntegrationsPage, navItem: 'marketplace.integrations' },
  ],
});

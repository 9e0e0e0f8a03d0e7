import type { NavItemDefinition } from '@platform/sdk';

/**
 * The console menu of the marketplace (pages in `admin/`). Staff curate the catalog; tenant admins browse and
 * buy, see their add-ons and connect integrations, through tenant routes only.
 */
export const MARKETPLACE_NAV: NavItemDefinition[] = [
  { id: 'marketplace.addons', label: 'Marketplace catalog', path: '/marketplace/addons', icon: 'Category', section: 'marketplace', order: 10, permission: 'marketplace.catalog.read', audience: 'staff' },
  { id: 'marketplace.purchases', label: 'Add-on purchases', path: '/marketplace/purchases', icon: 'ReceiptLong', section: 'marketplace', order: 20, permission: 'marketplace.purchases.read', audience: 'staff' },
  { id: 'marketplace.store', label: 'Marketplace', path: '/marketplace/store', icon: 'Storefront', section: 'marketplace', order: 5, permission: 'marketplace.browse', audience: 'tenant' },
  { id: 'marketplace.my', label: 'My add-ons', path: '/marketplace/my-addons', icon: 'Extension', section: 'marketplace', order: 6, permission: 'marketplace.browse', audience: 'tenant' },
  { id: 'marketplace.integrations', label: 'Integrations', path: '/marketplace/integrations', icon: 'Hub', section: 'marketplace', order: 7, permission: 'marketplace.integrations.read', audience: 'tenant' },
];

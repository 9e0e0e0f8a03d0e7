/**
 * Console part of billing: the staff overview (MRR, ARR, outstanding, overdue, failed payments, churned MRR, 12-month
 * chart), invoices (list, detail with confirmed state actions and payment recording, manual invoice, overage report),
 * and the tenant admin's "Billing" page (tenant routes only). Paths match the manifest's nav (`src/billing-nav.ts`).
 */
import { defineAdminPlugin } from '@platform/sdk/admin';
import { OverviewPage } from './overview-page.tsx';
import { InvoicesPage } from './invoices-page.tsx';
import { MyBillingPage } from './my-billing-page.tsx';
import { BillingSettingsPage } from './settings/settings-page.tsx';

export default defineAdminPlugin({
  name: 'billing',
  routes: [
    { path: '/billing/overview', component: OverviewPage, navItem: 'billing.overview' },
    { path: '/billing/invoices', component: InvoicesPage, navItem: 'billing.invoices' },
    { path: '/billing/settings', component: BillingSettingsPage, navItem: 'billing.settings' },
    { path: '/billing/my', component: MyBillingPage, navItem: 'billing.my' },
  ],
});

import type { NavItemDefinition } from '@platform/sdk';

/** The console menu of billing (pages in `admin/`). The tenant's "Billing" page calls only tenant routes. */
export const BILLING_NAV: NavItemDefinition[] = [
  { id: 'billing.overview', label: 'Billing overview', path: '/billing/overview', icon: 'Insights', section: 'monetization', order: 60, permission: 'billing.write', audience: 'staff' },
  { id: 'billing.invoices', label: 'Invoices', path: '/billing/invoices', icon: 'ReceiptLong', section: 'monetization', order: 70, permission: 'billing.write', audience: 'staff' },
  { id: 'billing.settings', label: 'Billing settings', path: '/billing/settings', icon: 'Settings', section: 'monetization', order: 75, permission: 'billing.write', audience: 'staff' },
  { id: 'billing.my', label: 'Billing', path: '/billing/my', icon: 'CreditCard', section: 'monetization', order: 5, permission: 'billing.read', audience: 'tenant' },
];

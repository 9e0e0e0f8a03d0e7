import type { PermissionDefinition } from '@platform/sdk';

export const BILLING_PERMISSIONS = {
  /** A tenant's own billing: account, invoices, preview (tenant admins, staff in a tenant). */
  read: 'billing.read',
  /** Pay the tenant's own open invoices through the payment provider. */
  pay: 'billing.pay',
  /** Accounts, tax rates, meter prices, charges, invoice states, cycle runs: staff only. */
  write: 'billing.write',
} as const;

export const billingPermissions: PermissionDefinition[] = [
  { key: BILLING_PERMISSIONS.read, label: 'View billing: account, invoices, next invoice', scope: 'tenant', grantTo: ['admin', 'support', 'read_only', 'tenant_admin'] },
  { key: BILLING_PERMISSIONS.pay, label: "Pay the tenant's invoices", scope: 'tenant', grantTo: ['admin', 'tenant_admin'] },
  { key: BILLING_PERMISSIONS.write, label: 'Manage billing: accounts, tax, prices, charges, invoices', scope: 'platform', grantTo: ['admin'] },
];

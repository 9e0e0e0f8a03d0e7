import type { PermissionDefinition } from '@platform/sdk';

/** Permissions of the SMS credit ledger. */
export const CREDIT_PERMISSIONS = {
  read: 'messaging.credits.read',
  write: 'messaging.credits.write',
  tenantRead: 'messaging.credits.tenant.read',
} as const;

export const creditPermissions: PermissionDefinition[] = [
  { key: CREDIT_PERMISSIONS.read, label: "View every tenant's SMS credit account and ledger", scope: 'platform', grantTo: ['admin', 'support', 'read_only'] },
  { key: CREDIT_PERMISSIONS.write, label: 'Top up, record purchases of and set thresholds for SMS credits', scope: 'platform', grantTo: ['admin'] },
  { key: CREDIT_PERMISSIONS.tenantRead, label: "View your tenant's SMS credits and their ledger", scope: 'tenant', grantTo: ['tenant_admin'] },
];

import type { PermissionDefinition } from '@platform/sdk';

/** Health scores are about every tenant: staff only (platform scope; a tenant-bound caller never holds these). */
export const CUSTOMER_SUCCESS_PERMISSIONS = {
  read: 'customer-success.health.read',
  recompute: 'customer-success.health.recompute',
} as const;

export const customerSuccessPermissions: PermissionDefinition[] = [
  { key: CUSTOMER_SUCCESS_PERMISSIONS.read, label: 'See customer health scores, their breakdown, trends and the CSV export', scope: 'platform', grantTo: ['admin', 'support', 'read_only'] },
  { key: CUSTOMER_SUCCESS_PERMISSIONS.recompute, label: 'Recompute customer health scores on demand', scope: 'platform', grantTo: ['admin'] },
];

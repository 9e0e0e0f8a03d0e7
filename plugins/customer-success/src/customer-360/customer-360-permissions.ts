import type { PermissionDefinition } from '@platform/sdk';

/**
 * Customer 360 is staff's view of a tenant: platform scope, so a tenant-bound caller (tenant user or tenant API key)
 * never reads a panel, a note or a tag, not even its own tenant's. Internal notes are staff-only by design.
 */
export const CUSTOMER_360_PERMISSIONS = {
  read: 'customer-success.customers.read',
  write: 'customer-success.customers.write',
  act: 'customer-success.customers.act',
} as const;

export const customer360Permissions: PermissionDefinition[] = [
  { key: CUSTOMER_360_PERMISSIONS.read, label: "See a tenant's customer 360 page: panels, internal notes, contact log and tags", scope: 'platform', grantTo: ['admin', 'support', 'read_only'] },
  { key: CUSTOMER_360_PERMISSIONS.write, label: 'Write internal notes, log contacts and tag tenants', scope: 'platform', grantTo: ['admin', 'support'] },
  { key: CUSTOMER_360_PERMISSIONS.act, label: 'Quick actions on a tenant: extend its trial, change its plan, suspend it, contact it', scope: 'platform', grantTo: ['admin'] },
];

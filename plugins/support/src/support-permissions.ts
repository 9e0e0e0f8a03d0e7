import type { PermissionDefinition } from '@platform/sdk';

/**
 * Who sees which tickets:
 * - a tenant member (`support.tickets.use`) sees and replies to the tickets they reported themselves;
 * - a tenant admin also holds `support.tickets.tenant`: every ticket of their tenant (colleagues' included);
 * - staff with `support.queue` work the queue across tenants (assignment, status, priority, internal notes);
 *   `support.snapshot` takes debug snapshots. Staff see every ticket; tenants never see another tenant's.
 */
export const SUPPORT_PERMISSIONS = {
  use: 'support.tickets.use',
  tenantWide: 'support.tickets.tenant',
  queue: 'support.queue',
  snapshot: 'support.snapshot',
} as const;

export const supportPermissions: PermissionDefinition[] = [
  { key: SUPPORT_PERMISSIONS.use, label: 'Open support tickets, reply and attach files (own tickets)', scope: 'tenant', grantTo: ['tenant_admin', 'tenant_member'] },
  { key: SUPPORT_PERMISSIONS.tenantWide, label: "See and reply to every support ticket of the own tenant", scope: 'tenant', grantTo: ['tenant_admin'] },
  { key: SUPPORT_PERMISSIONS.queue, label: 'Work the support queue across tenants: assign, status, priority, replies, internal notes', scope: 'platform', grantTo: ['admin', 'support'] },
  { key: SUPPORT_PERMISSIONS.snapshot, label: 'Take debug snapshots of a tenant on a ticket', scope: 'platform', grantTo: ['admin', 'support'] },
];

import type { PermissionDefinition } from '@platform/sdk';

/** Tenant admins manage their tenant's rules; platform admins also the platform's rules (tenant null) and every tenant's. */
export const NOTIFICATIONS_READ = 'messaging.notifications.read';
export const NOTIFICATIONS_WRITE = 'messaging.notifications.write';
export const NOTIFICATIONS_PLATFORM = 'messaging.notifications.platform';

export const NOTIFICATION_PERMISSIONS: PermissionDefinition[] = [
  { key: NOTIFICATIONS_READ, label: 'View notification rules and their deliveries', scope: 'tenant', grantTo: ['admin', 'support', 'read_only', 'tenant_admin'] },
  { key: NOTIFICATIONS_WRITE, label: 'Manage notification rules', scope: 'tenant', grantTo: ['admin', 'tenant_admin'] },
  { key: NOTIFICATIONS_PLATFORM, label: 'Manage platform notification rules and every tenant\u2019s', scope: 'platform', grantTo: ['admin'] },
];

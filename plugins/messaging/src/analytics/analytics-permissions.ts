import type { PermissionDefinition } from '@platform/sdk';

/** Permissions of the delivery analytics. */
export const ANALYTICS_PERMISSIONS = {
  /** Every tenant's and provider's counts, delivery rates and costs. */
  read: 'messaging.analytics.read',
  /** A tenant's own usage, remaining credits and delivery status counts. */
  tenantUsage: 'messaging.usage.read',
} as const;

export const analyticsPermissions: PermissionDefinition[] = [
  { key: ANALYTICS_PERMISSIONS.read, label: 'View messaging analytics across tenants and providers (counts, delivery rates, costs)', scope: 'platform', grantTo: ['admin', 'support', 'read_only'] },
  { key: ANALYTICS_PERMISSIONS.tenantUsage, label: "View your tenant's messaging usage, remaining credits and delivery status", scope: 'tenant', grantTo: ['tenant_admin'] },
];

import type { PermissionDefinition } from '@platform/sdk';

export const GDPR_PERMISSIONS = {
  read: 'gdpr.read',
  manage: 'gdpr.manage',
  tenantExport: 'gdpr.tenant_export',
} as const;

export const gdprPermissions: PermissionDefinition[] = [
  { key: GDPR_PERMISSIONS.read, label: 'View GDPR requests, previews and certificates of every tenant', scope: 'platform', grantTo: ['admin', 'support'] },
  { key: GDPR_PERMISSIONS.manage, label: 'Open, execute and reject GDPR requests; set retention', scope: 'platform', grantTo: ['admin'] },
  { key: GDPR_PERMISSIONS.tenantExport, label: "Request and list exports of one's own tenant's data", scope: 'tenant', grantTo: ['admin', 'tenant_admin'] },
];

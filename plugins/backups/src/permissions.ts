import type { PermissionDefinition } from '@platform/sdk';

export const BACKUP_PERMISSIONS = {
  read: 'backups.read',
  manage: 'backups.manage',
  restore: 'backups.restore',
} as const;

export const backupPermissions: PermissionDefinition[] = [
  { key: BACKUP_PERMISSIONS.read, label: 'See tenant backups, restores and backup schedules', scope: 'platform', grantTo: ['admin', 'support', 'read_only'] },
  { key: BACKUP_PERMISSIONS.manage, label: 'Take and delete tenant backups, edit backup schedules', scope: 'platform', grantTo: ['admin'] },
  { key: BACKUP_PERMISSIONS.restore, label: 'Restore a tenant from a backup (replace or clone)', scope: 'platform', grantTo: ['admin'] },
];

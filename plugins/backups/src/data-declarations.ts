import { defineDataDeclarations } from '@platform/sdk/data-protection';

/**
 * The backups plugin's own rows are about backups, not the tenant's data: left out of backups (`restore: 'exclude'`),
 * so a restore never rewrites the list of backups it was started from.
 */
export const backupDataDeclarations = defineDataDeclarations([
  {
    table: 'backups_backups',
    subjects: [{ column: 'created_by', kind: 'user_id' }],
    personalFields: [{ column: 'created_by', category: 'activity' }],
    exported: false,
    deletion: { action: 'anonymize' },
    restore: 'exclude',
  },
  {
    table: 'backups_restores',
    subjects: [{ column: 'created_by', kind: 'user_id' }],
    personalFields: [{ column: 'created_by', category: 'activity' }],
    exported: false,
    deletion: { action: 'anonymize' },
    restore: 'exclude',
  },
  {
    table: 'backups_schedules',
    personalFields: [],
    deletion: { action: 'delete' },
    restore: 'exclude',
  },
]);

import { defineDataDeclarations } from '@platform/sdk/data-protection';

/** The logging plugin's tenant data: stored log lines (they may name a user), error counters, debug windows. */
export const loggingDataDeclarations = defineDataDeclarations([
  {
    table: 'platform_logs',
    subjects: [{ column: 'user_id', kind: 'user_id' }],
    personalFields: [
      { column: 'user_id', category: 'technical' },
      { column: 'message', category: 'technical' },
      { column: 'data', category: 'technical' },
      { column: 'error_message', category: 'technical' },
    ],
    deletion: { action: 'delete' },
    purpose: 'Structured logs of the tenant’s requests (PII paths redacted when written).',
  },
  {
    table: 'logging_debug_windows',
    subjects: [{ column: 'created_by', kind: 'user_id' }],
    personalFields: [{ column: 'created_by', category: 'activity' }],
    deletion: { action: 'anonymize' },
    purpose: 'Periods when DEBUG lines are stored for the tenant.',
  },
  { table: 'logging_error_group_hours', personalFields: [], deletion: { action: 'delete' }, purpose: 'Error counts per hour.' },
  { table: 'logging_error_group_tenants', personalFields: [], deletion: { action: 'delete' }, purpose: 'Which error groups the tenant saw.' },
  {
    table: 'logging_error_group_users',
    subjects: [{ column: 'user_id', kind: 'user_id' }],
    personalFields: [{ column: 'user_id', category: 'technical' }],
    deletion: { action: 'delete' },
    purpose: 'Which of the tenant’s users met an error.',
  },
]);

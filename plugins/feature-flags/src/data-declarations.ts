import { defineDataDeclarations } from '@platform/sdk/data-protection';

/** The feature-flags plugin's tenant data: per-tenant and per-user overrides, and the flags' change log. */
export const featureFlagsDataDeclarations = defineDataDeclarations([
  {
    table: 'feature_flag_overrides',
    subjects: [
      { column: 'user_id', kind: 'user_id' },
      { column: 'created_by', kind: 'user_id' },
    ],
    personalFields: [
      { column: 'user_id', category: 'technical' },
      { column: 'created_by', category: 'activity' },
    ],
    deletion: { action: 'delete' },
    purpose: 'Flag values set for the tenant or one of its users.',
  },
  {
    table: 'feature_flag_audit',
    subjects: [{ column: 'actor_id', kind: 'user_id' }],
    personalFields: [
      { column: 'actor_id', category: 'activity' },
      { column: 'actor_label', category: 'activity' },
    ],
    deletion: { action: 'anonymize' },
    purpose: 'Who changed a flag for the tenant, and when.',
  },
]);

import { defineDataDeclarations } from '@platform/sdk/data-protection';

/** Scores hold no personal data: numbers and reasons about the tenant as a whole. */
export const CUSTOMER_SUCCESS_DATA = defineDataDeclarations([
  {
    table: 'customer_success_scores',
    subjects: [],
    personalFields: [],
    deletion: { action: 'delete' },
    exported: false,
    purpose: 'Daily customer health-score snapshots of the tenant (total, bucket, per-signal points and reasons) for trends',
  },
]);

import { defineDataDeclarations } from '@platform/sdk/data-protection';

/** The plans plugin's tenant data: plan assignments (who assigned them is personal), usage and threshold crossings. */
export const plansDataDeclarations = defineDataDeclarations([
  {
    table: 'plans_assignments',
    subjects: [{ column: 'assigned_by', kind: 'user_id' }],
    personalFields: [
      { column: 'assigned_by', category: 'activity' },
      { column: 'assigned_by_label', category: 'activity' },
    ],
    deletion: { action: 'retain', legalBasis: 'Billing records (commercial and tax law): the plan a tenant was on and when', periodDays: 3650 },
    purpose: 'The tenant’s plan history, the base of its invoices.',
  },
  { table: 'plans_usage_records', personalFields: [], deletion: { action: 'delete' }, purpose: 'Metered usage of the tenant.' },
  { table: 'plans_threshold_crossings', personalFields: [], deletion: { action: 'delete' }, purpose: 'Quota thresholds the tenant crossed.' },
]);

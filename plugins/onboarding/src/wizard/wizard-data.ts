import { defineDataDeclarations } from '@platform/sdk/data-protection';

/** The wizard's tenant tables: what they hold and what deleting a person's data means for them. */
export const WIZARD_DATA = defineDataDeclarations([
  {
    table: 'onboarding_sessions',
    subjects: [{ column: 'started_by', kind: 'user_id' }, { column: 'completed_by', kind: 'user_id' }],
    // The answers hold the brand's profile and the addresses of people invited in step 5 (who are no subject here:
    // the invitations themselves carry them).
    personalFields: [
      { column: 'started_by', category: 'activity' },
      { column: 'completed_by', category: 'activity' },
    ],
    deletion: { action: 'anonymize' },
    purpose: "The tenant's onboarding wizard: current step, answers per step, skipped steps, launch",
  },
  {
    table: 'onboarding_connections',
    personalFields: [],
    deletion: { action: 'delete' },
    exportOmits: ['secrets', 'oauth_state'],
    purpose: 'External accounts connected in the wizard (Shopify, Stripe Connect, Wise) with their tokens sealed',
  },
  { table: 'onboarding_imports', personalFields: [], deletion: { action: 'delete' }, purpose: 'Progress of the historical data import' },
  { table: 'onboarding_imported_orders', personalFields: [], deletion: { action: 'delete' }, purpose: 'Orders imported from Shopify: ids, amounts and dates, no customer data' },
  {
    table: 'onboarding_tour_states',
    subjects: [{ column: 'user_id', kind: 'user_id' }],
    personalFields: [{ column: 'user_id', category: 'activity' }, { column: 'dismissed_at', category: 'activity' }],
    deletion: { action: 'delete' },
    purpose: 'Who dismissed the guided tour of the console, and when',
  },
]);

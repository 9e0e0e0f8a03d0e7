import { defineDataDeclarations } from '@platform/sdk/data-protection';

/** The alerts plugin's tenant data: alert instances about the tenant and their history (who acknowledged, with what comment). */
export const alertsDataDeclarations = defineDataDeclarations([
  { table: 'alerts_instances', personalFields: [], deletion: { action: 'delete' }, purpose: 'Alerts firing about the tenant.' },
  {
    table: 'alerts_history',
    personalFields: [
      { column: 'actor', category: 'activity' },
      { column: 'comment', category: 'content' },
    ],
    deletion: { action: 'anonymize' },
    purpose: 'State changes of the tenant’s alerts, with who acted.',
  },
]);

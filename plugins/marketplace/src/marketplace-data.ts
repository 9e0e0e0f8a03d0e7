import type { TenantDataDeclaration } from '@platform/sdk/data-protection';

/** The marketplace's tenant tables (the catalog, `marketplace_addons`, is platform-level). */
export const MARKETPLACE_DATA: TenantDataDeclaration[] = [
  {
    table: 'marketplace_purchases',
    // `purchased_by` is the buyer's e-mail or name as shown in the history.
    personalFields: [{ column: 'purchased_by', category: 'billing' }],
    deletion: { action: 'retain', legalBasis: 'Purchase records back invoices (tax law)', periodDays: 3650 },
  },
  {
    table: 'marketplace_integrations',
    // Credentials are sealed; the rows are the tenant's configuration, not about a person.
    personalFields: [],
    deletion: { action: 'delete' },
  },
  {
    table: 'marketplace_webhook_deliveries',
    personalFields: [{ column: 'payload', category: 'content' }],
    deletion: { action: 'delete' },
    restoreAfter: ['marketplace_integrations'],
  },
];

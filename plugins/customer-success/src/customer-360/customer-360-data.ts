import { defineDataDeclarations } from '@platform/sdk/data-protection';

/**
 * Customer 360's tables. Notes and the contact log are staff's own writing about the tenant (and, for a note on a
 * user, about that user): exported with the tenant's data and deleted with the person they name. Tags are labels.
 */
export const CUSTOMER_360_DATA = defineDataDeclarations([
  {
    table: 'customer_success_notes',
    subjects: [{ column: 'user_id', kind: 'user_id' }],
    personalFields: [{ column: 'body', category: 'content' }],
    deletion: { action: 'delete' },
    purpose: "Staff's internal notes about the tenant or one of its users, shown on the customer 360 page",
  },
  {
    table: 'customer_success_contacts',
    subjects: [],
    personalFields: [{ column: 'summary', category: 'contact' }],
    deletion: { action: 'anonymize' },
    purpose: 'The log of when and how staff contacted the tenant, with a summary',
  },
  {
    table: 'customer_success_tags',
    subjects: [],
    personalFields: [],
    deletion: { action: 'delete' },
    exported: false,
    purpose: 'Admin tags on the tenant (VIP, high-touch...) for filtering and the 360 page',
  },
]);

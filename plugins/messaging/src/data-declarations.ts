import { defineDataDeclarations } from '@platform/sdk/data-protection';

/**
 * The messaging plugin's tenant data. Messages keep their counts and costs after a deletion (anonymized: recipient
 * and content erased); the SMS credit ledger is an accounting record and is retained.
 */
export const messagingDataDeclarations = defineDataDeclarations([
  {
    table: 'messaging_messages',
    subjects: [
      { column: 'recipient', kind: 'email' },
      { column: 'recipient', kind: 'phone' },
    ],
    personalFields: [
      { column: 'recipient', category: 'contact' },
      { column: 'recipients', category: 'contact' },
      { column: 'sender', category: 'contact' },
      { column: 'reply_to', category: 'contact' },
      { column: 'subject', category: 'content' },
      { column: 'body', category: 'content' },
      { column: 'html', category: 'content' },
    ],
    deletion: { action: 'anonymize' },
    purpose: 'Emails and SMS sent for the tenant.',
  },
  {
    table: 'messaging_message_attempts',
    tenantVia: { column: 'message_id', parentTable: 'messaging_messages', parentColumn: 'id' },
    personalFields: [],
    deletion: { action: 'delete' },
    purpose: 'Provider attempts of each message.',
  },
  {
    table: 'messaging_message_events',
    tenantVia: { column: 'message_id', parentTable: 'messaging_messages', parentColumn: 'id' },
    personalFields: [],
    deletion: { action: 'delete' },
    purpose: 'Delivery status changes of each message.',
  },
  { table: 'messaging_assignments', personalFields: [], deletion: { action: 'delete' }, purpose: 'Which providers send for the tenant.' },
  { table: 'messaging_credit_accounts', personalFields: [], deletion: { action: 'delete' }, purpose: 'The tenant’s SMS credit balance.' },
  {
    table: 'messaging_credit_ledger',
    subjects: [{ column: 'actor_id', kind: 'user_id' }],
    personalFields: [
      { column: 'actor_id', category: 'billing' },
      { column: 'actor_label', category: 'billing' },
    ],
    deletion: { action: 'retain', legalBasis: 'Accounting records of purchased credits (commercial and tax law)', periodDays: 3650 },
    purpose: 'Every credit movement of the tenant.',
  },
  {
    table: 'messaging_notification_rules',
    subjects: [{ column: 'recipients', kind: 'email' }],
    personalFields: [{ column: 'recipients', category: 'contact' }],
    deletion: { action: 'anonymize' },
    purpose: 'Who the tenant’s notifications go to.',
  },
  {
    table: 'messaging_notification_deliveries',
    subjects: [
      { column: 'recipient', kind: 'email' },
      { column: 'recipient', kind: 'phone' },
    ],
    personalFields: [{ column: 'recipient', category: 'contact' }],
    deletion: { action: 'anonymize' },
    purpose: 'Notifications delivered for the tenant’s events.',
  },
  {
    table: 'messaging_templates',
    subjects: [{ column: 'created_by', kind: 'user_id' }],
    personalFields: [{ column: 'created_by', category: 'activity' }],
    deletion: { action: 'anonymize' },
    purpose: 'The tenant’s message templates.',
  },
  {
    table: 'messaging_template_versions',
    subjects: [{ column: 'created_by', kind: 'user_id' }],
    personalFields: [{ column: 'created_by', category: 'activity' }],
    deletion: { action: 'anonymize' },
    purpose: 'Versions of the tenant’s templates.',
  },
  { table: 'messaging_tenant_template_seeds', personalFields: [], deletion: { action: 'delete' }, purpose: 'Which default templates were copied to the tenant at provisioning.' },
]);

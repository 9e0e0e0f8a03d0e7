import { defineDataDeclarations } from '@platform/sdk/data-protection';

/**
 * The personal data support keeps. A GDPR deletion anonymizes tickets (the count and timing of a tenant's tickets
 * stay, what the person wrote goes) and deletes attachments and snapshots outright.
 */
export const SUPPORT_DATA = defineDataDeclarations([
  {
    table: 'support_tickets',
    subjects: [
      { column: 'reporter_user_id', kind: 'user_id' },
      { column: 'reporter_email', kind: 'email' },
    ],
    personalFields: [
      { column: 'reporter_email', category: 'contact' },
      { column: 'reporter_name', category: 'profile' },
      { column: 'subject', category: 'tickets' },
      { column: 'body', category: 'tickets' },
    ],
    deletion: { action: 'anonymize' },
  },
  {
    table: 'support_ticket_messages',
    subjects: [{ column: 'author_user_id', kind: 'user_id' }],
    personalFields: [
      { column: 'author_label', category: 'profile' },
      { column: 'body', category: 'tickets' },
    ],
    deletion: { action: 'anonymize' },
    restoreAfter: ['support_tickets'],
  },
  {
    table: 'support_attachments',
    subjects: [{ column: 'uploaded_by_user_id', kind: 'user_id' }],
    personalFields: [{ column: 'filename', category: 'tickets' }],
    deletion: { action: 'delete' },
    restoreAfter: ['support_tickets'],
  },
  {
    table: 'support_snapshots',
    subjects: [],
    personalFields: [
      { column: 'taken_by_label', category: 'activity' },
      { column: 'sections', category: 'technical' },
    ],
    deletion: { action: 'delete' },
    exported: false,
    restoreAfter: ['support_tickets'],
  },
]);

import type { DefaultMessageTemplate } from '@platform/sdk/messaging';

const STYLE = `<style>
  body { font-family: -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; color: #1f2937; line-height: 1.5 }
  .card { max-width: 560px; margin: 0 auto; padding: 24px; border: 1px solid #e5e7eb; border-radius: 8px }
  .muted { color: #6b7280; font-size: 13px }
</style>`;
const layout = (inner: string) => `<html><head>${STYLE}</head><body><div class="card">${inner}<p class="muted">{{platformName}} support</p></div></body></html>`;

const platformName = { name: 'platformName', type: 'string', required: true, sample: 'Acme Platform' } as const;
const ticketNumber = { name: 'ticketNumber', type: 'number', required: true, sample: 1042 } as const;
const subject = { name: 'subject', type: 'string', required: true, sample: 'The export fails' } as const;
const reporterName = { name: 'reporterName', type: 'string', required: false, sample: 'Ada' } as const;

/**
 * The emails support sends, seeded by the messaging plugin as platform templates (operators edit them there, a
 * tenant may override them): the auto-reply to a new ticket, staff's new-ticket notice, and status changes.
 */
export const SUPPORT_TEMPLATES: DefaultMessageTemplate[] = [
  {
    key: 'support.ticket_received',
    channel: 'email',
    description: 'Auto-reply to the reporter of a new support ticket',
    defaultLanguage: 'en',
    variables: [platformName, ticketNumber, subject, reporterName, { name: 'firstResponseDueAt', type: 'date', required: false, sample: '2026-03-02T11:00:00Z' }],
    content: {
      subject: '[#{{ticketNumber}}] We received your request: {{subject}}',
      html: layout(
        '<h1>We received your request</h1><p>Hello{{#if reporterName}} {{reporterName}}{{/if}},</p><p>Your request <strong>#{{ticketNumber}}: {{subject}}</strong> is in our queue.{{#if firstResponseDueAt}} We aim to answer by {{firstResponseDueAt}}.{{/if}}</p><p>Reply from the Support page of the console to add details.</p>',
      ),
    },
  },
  {
    key: 'support.ticket_new_staff',
    channel: 'email',
    description: 'Tells the staff inbox about a new support ticket',
    defaultLanguage: 'en',
    variables: [
      platformName,
      ticketNumber,
      subject,
      { name: 'tenantName', type: 'string', required: true, sample: 'Initech' },
      { name: 'priority', type: 'string', required: true, sample: 'high' },
      { name: 'category', type: 'string', required: true, sample: 'problem' },
    ],
    content: {
      subject: '[{{priority}}] New ticket #{{ticketNumber}} from {{tenantName}}: {{subject}}',
      html: layout('<h1>New ticket #{{ticketNumber}}</h1><p><strong>{{tenantName}}</strong> opened a {{priority}} {{category}} ticket: {{subject}}</p>'),
    },
  },
  {
    key: 'support.ticket_status_changed',
    channel: 'email',
    description: "Tells the reporter that their ticket's status changed",
    defaultLanguage: 'en',
    variables: [platformName, ticketNumber, subject, reporterName, { name: 'status', type: 'string', required: true, sample: 'solved' }, { name: 'statusLabel', type: 'string', required: true, sample: 'solved' }],
    content: {
      subject: '[#{{ticketNumber}}] Your request is now {{statusLabel}}',
      html: layout('<h1>Request #{{ticketNumber}}: {{statusLabel}}</h1><p>Hello{{#if reporterName}} {{reporterName}}{{/if}},</p><p>Your request <strong>{{subject}}</strong> is now {{statusLabel}}.</p>'),
    },
  },
];

export const STATUS_LABELS: Record<string, string> = { open: 'open', pending: 'waiting for your reply', on_hold: 'on hold', solved: 'solved', closed: 'closed' };

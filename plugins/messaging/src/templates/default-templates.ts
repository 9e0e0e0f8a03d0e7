import type { MessageChannel } from '@platform/sdk/messaging';
import type { TemplateContent } from './template-content.ts';
import type { TemplateVariable } from './template-variables.ts';

/** A platform template the plugin seeds at boot (once per database). */
export interface DefaultTemplate {
  key: string;
  channel: MessageChannel;
  description: string;
  variables: TemplateVariable[];
  defaultLanguage: string;
  content: TemplateContent;
}

const LAYOUT_STYLE = `<style>
  body { font-family: -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; color: #1f2937; line-height: 1.5 }
  .card { max-width: 560px; margin: 0 auto; padding: 24px; border: 1px solid #e5e7eb; border-radius: 8px }
  .button { display: inline-block; padding: 10px 18px; background: #2563eb; color: #ffffff; text-decoration: none; border-radius: 6px }
  .muted { color: #6b7280; font-size: 13px }
</style>`;

const emailLayout = (inner: string) => `<html><head>${LAYOUT_STYLE}</head><body><div class="card">${inner}{{> footer}}</div></body></html>`;

const FOOTER = { footer: '<p class="muted">Sent by {{platformName}}. If this was not you, you can ignore this email.</p>' };

const platformName: TemplateVariable = { name: 'platformName', type: 'string', required: true, sample: 'Acme Platform', description: 'The platform (or tenant) name shown to the recipient' };

/** What later features send: alert notifications, invitations, password resets, invoices, low SMS credits. */
export const DEFAULT_TEMPLATES: readonly DefaultTemplate[] = [
  {
    key: 'alert.fired',
    channel: 'sms',
    description: 'An alert fired (alert-channel-sms, notification rules on alert.fired)',
    defaultLanguage: 'en',
    variables: [
      { name: 'alertName', type: 'string', required: true, sample: 'API error rate' },
      { name: 'severity', type: 'string', required: true, sample: 'critical' },
      { name: 'summary', type: 'string', required: false, sample: '5xx above 5% for 10 min' },
      { name: 'url', type: 'string', required: false, sample: 'https://console.example.test/alerts/42' },
    ],
    content: { body: '[{{severity}}] {{alertName}}{{#if summary}}: {{summary}}{{/if}}{{#if url}} {{url}}{{/if}}' },
  },
  {
    key: 'invitation',
    channel: 'email',
    description: 'An invitation to join a tenant (onboarding)',
    defaultLanguage: 'en',
    variables: [
      platformName,
      { name: 'inviterName', type: 'string', required: true, sample: 'Grace Hopper' },
      { name: 'tenantName', type: 'string', required: true, sample: 'Initech' },
      { name: 'acceptUrl', type: 'string', required: true, sample: 'https://console.example.test/invitations/abc' },
      { name: 'expiresAt', type: 'date', required: false, sample: '2026-12-31T00:00:00Z' },
    ],
    content: {
      subject: '{{inviterName}} invited you to {{tenantName}} on {{platformName}}',
      html: emailLayout(
        '<h1>Join {{tenantName}}</h1><p>{{inviterName}} invited you to {{tenantName}}.</p><p><a class="button" href="{{acceptUrl}}">Accept the invitation</a></p>{{#if expiresAt}}<p class="muted">The invitation expires on {{expiresAt}}.</p>{{/if}}',
      ),
      partials: FOOTER,
    },
  },
  {
    key: 'password_reset',
    channel: 'email',
    description: 'A password reset link',
    defaultLanguage: 'en',
    variables: [
      platformName,
      { name: 'userName', type: 'string', required: false, sample: 'Ada' },
      { name: 'resetUrl', type: 'string', required: true, sample: 'https://console.example.test/reset/xyz' },
      { name: 'expiresInMinutes', type: 'number', required: true, sample: 30 },
    ],
    content: {
      subject: 'Reset your {{platformName}} password',
      html: emailLayout(
        '<h1>Reset your password</h1><p>Hello{{#if userName}} {{userName}}{{/if}},</p><p>Someone asked to reset the password of your account. The link works for {{expiresInMinutes}} minutes.</p><p><a class="button" href="{{resetUrl}}">Choose a new password</a></p>',
      ),
      partials: FOOTER,
    },
  },
  {
    key: 'invoice.issued',
    channel: 'email',
    description: 'An invoice was issued (billing)',
    defaultLanguage: 'en',
    variables: [
      platformName,
      { name: 'tenantName', type: 'string', required: true, sample: 'Initech' },
      { name: 'invoiceNumber', type: 'string', required: true, sample: 'INV-2026-0042' },
      { name: 'total', type: 'string', required: true, sample: '€49.00', description: 'Formatted amount with currency' },
      { name: 'dueDate', type: 'date', required: true, sample: '2027-01-15' },
      { name: 'lines', type: 'list', required: false, sample: [{ description: 'Pro plan', amount: '€39.00' }, { description: '1,000 SMS credits', amount: '€10.00' }] },
      { name: 'invoiceUrl', type: 'string', required: true, sample: 'https://console.example.test/invoices/42' },
    ],
    content: {
      subject: 'Invoice {{invoiceNumber}} from {{platformName}}: {{total}}',
      html: emailLayout(
        '<h1>Invoice {{invoiceNumber}}</h1><p>Hello {{tenantName}}, here is your invoice, due {{dueDate}}.</p>{{#if lines}}<table>{{#each lines}}<tr><td>{{description}}</td><td>{{amount}}</td></tr>{{/each}}</table>{{/if}}<p><strong>Total: {{total}}</strong></p><p><a class="button" href="{{invoiceUrl}}">View the invoice</a></p>',
      ),
      partials: FOOTER,
    },
  },
  {
    key: 'credits.low',
    channel: 'email',
    description: 'The SMS credit balance fell under the low-balance threshold (credits ledger)',
    defaultLanguage: 'en',
    variables: [
      platformName,
      { name: 'tenantName', type: 'string', required: true, sample: 'Initech' },
      { name: 'balance', type: 'number', required: true, sample: 42 },
      { name: 'threshold', type: 'number', required: true, sample: 100 },
      { name: 'topUpUrl', type: 'string', required: false, sample: 'https://console.example.test/messaging/credits' },
    ],
    content: {
      subject: '{{tenantName}}: {{balance}} SMS credits left',
      html: emailLayout(
        '<h1>Your SMS credits are running low</h1><p>{{tenantName}} has {{balance}} SMS credits left (alert threshold: {{threshold}}). Messages stop when they run out.</p>{{#if topUpUrl}}<p><a class="button" href="{{topUpUrl}}">Buy credits</a></p>{{/if}}',
      ),
      partials: FOOTER,
    },
  },
];

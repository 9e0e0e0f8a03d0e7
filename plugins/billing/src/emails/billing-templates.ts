import type { DefaultMessageTemplate } from '@platform/sdk/messaging';

const STYLE = `<style>
  body { font-family: -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif; color: #1f2937; line-height: 1.5 }
  .card { max-width: 560px; margin: 0 auto; padding: 24px; border: 1px solid #e5e7eb; border-radius: 8px }
  .button { display: inline-block; padding: 10px 18px; background: #2563eb; color: #ffffff; text-decoration: none; border-radius: 6px }
  .muted { color: #6b7280; font-size: 13px }
</style>`;
const layout = (inner: string) => `<html><head>${STYLE}</head><body><div class="card">${inner}<p class="muted">{{platformName}} billing</p></div></body></html>`;

const platformName = { name: 'platformName', type: 'string', required: true, sample: 'Acme Platform' } as const;
const tenantName = { name: 'tenantName', type: 'string', required: true, sample: 'Initech' } as const;
const invoiceNumber = { name: 'invoiceNumber', type: 'string', required: true, sample: 'INV-000042' } as const;
const billingUrl = { name: 'billingUrl', type: 'string', required: true, sample: 'https://console.example.test/billing/my-billing' } as const;

export const RECEIPT_TEMPLATE = 'billing.payment_receipt';
export const PAYMENT_FAILED_TEMPLATE = 'billing.payment_failed';

/**
 * The emails billing sends besides the invoice itself (messaging's own `invoice.issued`), seeded by the messaging
 * plugin as platform templates so operators can edit them and tenants override them: the receipt of a payment, and
 * the dunning notice after a failed collection (to every tenant admin and the billing contact).
 */
export const BILLING_TEMPLATES: DefaultMessageTemplate[] = [
  {
    key: RECEIPT_TEMPLATE,
    channel: 'email',
    description: 'Receipt of a payment of an invoice (billing)',
    defaultLanguage: 'en',
    variables: [
      platformName,
      tenantName,
      invoiceNumber,
      { name: 'amount', type: 'string', required: true, sample: '€49.00', description: 'The amount received, formatted with its currency' },
      { name: 'paidAt', type: 'date', required: true, sample: '2027-01-10T09:30:00Z' },
      { name: 'amountDue', type: 'string', required: false, sample: '€10.00', description: 'What is still due, when the invoice is not paid in full' },
      billingUrl,
    ],
    content: {
      subject: 'Payment received: {{amount}} for invoice {{invoiceNumber}}',
      html: layout(
        '<h1>Thank you for your payment</h1><p>Hello {{tenantName}}, we received <strong>{{amount}}</strong> for invoice {{invoiceNumber}} on {{paidAt}}.</p>{{#if amountDue}}<p>Still due: {{amountDue}}.</p>{{else}}<p>The invoice is paid in full.</p>{{/if}}<p><a class="button" href="{{billingUrl}}">See your invoices</a></p>',
      ),
    },
  },
  {
    key: PAYMENT_FAILED_TEMPLATE,
    channel: 'email',
    description: 'A collection of an invoice failed (billing dunning), sent to every tenant admin and the billing contact',
    defaultLanguage: 'en',
    variables: [
      platformName,
      tenantName,
      invoiceNumber,
      { name: 'amountDue', type: 'string', required: true, sample: '€49.00' },
      { name: 'reason', type: 'string', required: true, sample: 'card_declined' },
      { name: 'failures', type: 'number', required: true, sample: 2 },
      { name: 'nextAttemptAt', type: 'date', required: false, sample: '2027-01-14T00:00:00Z', description: 'Absent after the last attempt' },
      { name: 'finalAction', type: 'string', required: false, sample: 'suspended', description: 'After the last attempt: what happens to the tenant (suspended, moved to the free plan)' },
      billingUrl,
    ],
    content: {
      subject: 'Payment failed for invoice {{invoiceNumber}} ({{amountDue}})',
      html: layout(
        '<h1>Your payment failed</h1><p>Hello {{tenantName}}, collecting {{amountDue}} for invoice {{invoiceNumber}} failed ({{reason}}, attempt {{failures}}).</p>{{#if nextAttemptAt}}<p>We will try again on {{nextAttemptAt}}.</p>{{else}}<p>That was the last attempt.{{#if finalAction}} Your account will be {{finalAction}}.{{/if}}</p>{{/if}}<p><a class="button" href="{{billingUrl}}">Check your payment method</a></p>',
      ),
    },
  },
];

import type { PluginContext } from '@platform/sdk';
import { formatMoney } from '@platform/sdk/money';
import { MESSAGING_SERVICE, type MessageSender } from '@platform/sdk/messaging';
import type { InvoiceStore } from '../invoices/invoice-store.ts';
import type { PaymentFailedEvent } from '../dunning/dunning.ts';
import type { PaymentSucceededEvent } from '../payments/invoice-settlement.ts';
import type { BillingRecipients } from './billing-recipients.ts';
import { PAYMENT_FAILED_TEMPLATE, RECEIPT_TEMPLATE } from './billing-templates.ts';

/** `billing.invoice.issued`: an invoice was numbered and opened (emailed to the billing contact). */
export interface InvoiceIssuedEvent {
  invoiceId: string;
  tenantId: string;
}

const day = (iso: string) => iso.slice(0, 10);

/**
 * Emails through messaging (when it is loaded), each from a durable event so a crash never loses one, and with an
 * idempotency key per message and recipient so a redelivered event never sends one twice:
 * - `invoice.issued` (messaging's template) to the billing contact (or the tenant admins without one);
 * - `billing.payment_receipt` after each succeeded payment, to the same;
 * - `billing.payment_failed` after each failed collection, to the billing contact and every tenant admin, naming
 *   the next attempt or, after the last, the dunning action.
 * The invoice PDF is not attached: messaging's email contract has no attachments; the email links to the invoice.
 */
export interface BillingEmailDeps {
  recipients: BillingRecipients;
  invoices: InvoiceStore;
  /** The issuer's name, shown as the sender in the templates. */
  platformName: string;
  now: () => Date;
}

export function subscribeBillingEmails(ctx: PluginContext, { recipients, invoices, platformName, now }: BillingEmailDeps): void {
  const sender = (): MessageSender | null => {
    try {
      return ctx.resolve<MessageSender>(MESSAGING_SERVICE);
    } catch {
      return null;
    }
  };
  const consoleUrl = (path: string) => `${ctx.kernel.baseUrl.replace(/\/+$/, '')}${path}`;
  const tenantName = async (tenantId: string) => (await ctx.tenants.get(tenantId))?.name ?? '';

  ctx.events.subscribe('billing.invoice-email', 'billing.invoice.issued', async (payload) => {
    const { invoiceId, tenantId } = payload as unknown as InvoiceIssuedEvent;
    const send = sender();
    const invoice = await invoices.get(invoiceId, [tenantId]);
    if (!send || !invoice || invoice.totalMinor <= 0) return;
    const data = {
      platformName,
      tenantName: await tenantName(tenantId),
      invoiceNumber: invoice.number ?? invoice.id,
      total: formatMoney({ amountMinor: invoice.totalMinor, currency: invoice.currency }),
      dueDate: day(invoice.dueAt ?? invoice.issuedAt ?? now().toISOString()),
      lines: (invoice.lines ?? []).map((l) => ({ description: l.description, amount: formatMoney({ amountMinor: l.amountMinor, currency: invoice.currency }) })),
      invoiceUrl: consoleUrl(`/billing/my-billing?invoice=${invoice.id}`),
    };
    for (const to of await recipients.forInvoices(tenantId)) {
      await send.send({ channel: 'email', tenantId, to, template: 'invoice.issued', data, idempotencyKey: `billing:invoice-issued:${invoice.id}:${to.toLowerCase()}`, purpose: 'invoice', wait: true });
    }
  });

  ctx.events.subscribe('billing.receipt-email', 'billing.payment.succeeded', async (payload) => {
    const event = payload as unknown as PaymentSucceededEvent;
    const send = sender();
    const invoice = await invoices.get(event.invoiceId, [event.tenantId]);
    if (!send || !invoice) return;
    const data = {
      platformName,
      tenantName: await tenantName(event.tenantId),
      invoiceNumber: invoice.number ?? invoice.id,
      amount: formatMoney({ amountMinor: event.amountMinor, currency: event.currency }),
      paidAt: day(now().toISOString()),
      ...(invoice.amountDueMinor > 0 ? { amountDue: formatMoney({ amountMinor: invoice.amountDueMinor, currency: invoice.currency }) } : {}),
      billingUrl: consoleUrl(`/billing/my-billing?invoice=${invoice.id}`),
    };
    for (const to of await recipients.forInvoices(event.tenantId)) {
      await send.send({ channel: 'email', tenantId: event.tenantId, to, template: RECEIPT_TEMPLATE, data, idempotencyKey: `billing:receipt:${event.paymentId}:${to.toLowerCase()}`, purpose: 'receipt', wait: true });
    }
  });

  ctx.events.subscribe('billing.dunning-email', 'billing.payment.failed', async (payload) => {
    const event = payload as unknown as PaymentFailedEvent;
    const send = sender();
    const invoice = await invoices.get(event.invoiceId, [event.tenantId]);
    if (!send || !invoice) return;
    const finalAction = event.action === 'suspend' ? 'suspended' : event.action === 'downgrade' && event.downgradePlanKey ? `moved to the ${event.downgradePlanKey} plan` : null;
    const data = {
      platformName,
      tenantName: await tenantName(event.tenantId),
      invoiceNumber: invoice.number ?? invoice.id,
      amountDue: formatMoney({ amountMinor: invoice.amountDueMinor, currency: invoice.currency }),
      reason: event.reason.slice(0, 200) || 'declined',
      failures: event.failures,
      ...(event.nextAttemptAt ? { nextAttemptAt: day(event.nextAttemptAt) } : {}),
      ...(finalAction ? { finalAction } : {}),
      billingUrl: consoleUrl('/billing/my-billing'),
    };
    for (const to of await recipients.forDunning(event.tenantId)) {
      await send.send({ channel: 'email', tenantId: event.tenantId, to, template: PAYMENT_FAILED_TEMPLATE, data, idempotencyKey: `billing:dunning:${event.invoiceId}:${event.failures}:${to.toLowerCase()}`, purpose: 'dunning', wait: true });
    }
  });
}

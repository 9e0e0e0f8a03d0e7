import type { PluginContext } from '@platform/sdk';
import { formatMoney } from '@platform/sdk/money';
import { MESSAGING_SERVICE, type MessageSender } from '@platform/sdk/messaging';
import type { AccountStore } from '../accounts/account-store.ts';
import type { InvoiceStore } from '../invoices/invoice-store.ts';
import type { PaymentFailedEvent } from '../dunning/dunning.ts';
import type { PaymentSucceededEvent } from '../payments/invoice-settlement.ts';

/** `billing.invoice.issued`: an invoice was numbered and opened (emailed to the billing contact). */
export interface InvoiceIssuedEvent {
  invoiceId: string;
  tenantId: string;
}

/**
 * Emails through messaging (when it is loaded), each from a durable event so a crash never loses one and the
 * idempotency key never sends one twice: `invoice.issued` (messaging's template) to the billing contact,
 * `payment.receipt` after a payment, and a dunning notice after a failed collection.
 */
export function subscribeBillingEmails(ctx: PluginContext, accounts: AccountStore, invoices: InvoiceStore): void {
  const sender = (): MessageSender | null => {
    try {
      return ctx.resolve<MessageSender>(MESSAGING_SERVICE);
    } catch {
      return null;
    }
  };
  const consoleUrl = (path: string) => `${ctx.kernel.baseUrl.replace(/\/+$/, '')}${path}`;
  const contact = async (tenantId: string) => (await accounts.get(tenantId))?.contactEmail ?? null;

  ctx.events.subscribe('billing.invoice-email', 'billing.invoice.issued', async (payload) => {
    const { invoiceId, tenantId } = payload as unknown as InvoiceIssuedEvent;
    const [send, to, invoice, tenant] = [sender(), await contact(tenantId), await invoices.get(invoiceId, [tenantId]), await ctx.tenants.get(tenantId)];
    if (!send || !to || !invoice || invoice.totalMinor <= 0) return;
    await send.send({
      channel: 'email',
      tenantId,
      to,
      template: 'invoice.issued',
      data: {
        platformName: 'Billing',
        tenantName: tenant?.name ?? '',
        invoiceNumber: invoice.number ?? invoice.id,
        total: formatMoney({ amountMinor: invoice.totalMinor, currency: invoice.currency }),
        dueDate: invoice.dueAt ?? invoice.issuedAt ?? new Date().toISOString(),
        lines: (invoice.lines ?? []).map((l) => ({ description: l.description, amount: formatMoney({ amountMinor: l.amountMinor, currency: invoice.currency }) })),
        invoiceUrl: consoleUrl(`/billing/my-billing?invoice=${invoice.id}`),
      },
      idempotencyKey: `billing:invoice-issued:${invoice.id}`,
      purpose: 'invoice',
      wait: false,
    });
  });

  ctx.events.subscribe('billing.receipt-email', 'billing.payment.succeeded', async (payload) => {
    const event = payload as unknown as PaymentSucceededEvent;
    const [send, to, invoice] = [sender(), await contact(event.tenantId), await invoices.get(event.invoiceId, [event.tenantId])];
    if (!send || !to || !invoice) return;
    const amount = formatMoney({ amountMinor: event.amountMinor, currency: event.currency });
    await send.send({
      channel: 'email',
      tenantId: event.tenantId,
      to,
      subject: `Payment received: ${amount} for invoice ${invoice.number}`,
      text: `We received ${amount} for invoice ${invoice.number}. ${invoice.amountDueMinor > 0 ? `Still due: ${formatMoney({ amountMinor: invoice.amountDueMinor, currency: invoice.currency })}.` : 'The invoice is paid.'}`,
      idempotencyKey: `billing:receipt:${event.paymentId}`,
      purpose: 'receipt',
      wait: false,
    });
  });

  ctx.events.subscribe('billing.dunning-email', 'billing.payment.failed', async (payload) => {
    const event = payload as unknown as PaymentFailedEvent;
    const [send, to] = [sender(), await contact(event.tenantId)];
    if (!send || !to) return;
    const next = event.nextAttemptAt ? `We will try again on ${event.nextAttemptAt.slice(0, 10)}.` : 'This was the last attempt.';
    await send.send({
      channel: 'email',
      tenantId: event.tenantId,
      to,
      subject: 'Your payment failed',
      text: `The payment of your invoice failed (${event.reason}). ${next} Please check your payment method: ${consoleUrl('/billing/my-billing')}`,
      idempotencyKey: `billing:dunning:${event.invoiceId}:${event.failures}`,
      purpose: 'dunning',
      wait: false,
    });
  });
}

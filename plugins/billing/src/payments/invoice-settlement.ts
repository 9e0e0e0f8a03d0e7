import { ProblemError, type EntityManager, type EventBus } from '@platform/sdk';
import type { BillingDeps } from '../billing-deps.ts';
import type { Auditor } from '../invoices/invoice-transitions.ts';
import { summary } from '../invoices/invoice-transitions.ts';
import type { InvoiceStore } from '../invoices/invoice-store.ts';
import type { InvoiceView } from '../invoices/invoice-view.ts';
import type { PaymentView } from './payment-records.ts';

/** `billing.payment.succeeded`: money was received for an invoice (a receipt is emailed). */
export interface PaymentSucceededEvent {
  paymentId: string;
  invoiceId: string;
  tenantId: string;
  amountMinor: number;
  currency: string;
}

/**
 * What money does to an invoice, inside the caller's transaction: a succeeded payment adds to what is paid and,
 * once nothing is due, moves the invoice to `paid` (audited); it never takes more than is due (409).
 */
export class InvoiceSettlement {
  constructor(
    private readonly d: () => BillingDeps,
    private readonly invoices: InvoiceStore,
    private readonly events: EventBus,
  ) {}

  async applyPayment(em: EntityManager, invoice: InvoiceView, payment: PaymentView, audit: Auditor): Promise<InvoiceView> {
    if (invoice.state !== 'open' && invoice.state !== 'uncollectible') throw new ProblemError(409, 'invalid_transition', `An invoice that is ${invoice.state} takes no payment`, { field: 'state' });
    if (payment.currency !== invoice.currency) throw new ProblemError(400, 'validation_failed', `The invoice is in ${invoice.currency}`, { field: 'currency' });
    if (payment.amountMinor > invoice.amountDueMinor) throw new ProblemError(409, 'overpayment', `Only ${invoice.amountDueMinor} is due`, { field: 'amountMinor' });
    const settled = payment.amountMinor === invoice.amountDueMinor;
    const now = this.d().now().toISOString();
    await this.d().db.sql(
      `UPDATE billing_invoices SET amount_paid_minor = amount_paid_minor + $2, state = CASE WHEN $3 THEN 'paid' ELSE state END,
          paid_at = CASE WHEN $3 THEN $4::timestamptz ELSE paid_at END, next_collection_at = CASE WHEN $3 THEN NULL ELSE next_collection_at END, updated_at = now()
        WHERE id = $1`,
      [invoice.id, payment.amountMinor, settled, now],
      em,
    );
    const after = (await this.invoices.get(invoice.id, null, em))!;
    await audit({ action: settled ? 'billing.invoice.paid' : 'billing.invoice.partially_paid', tenantId: invoice.tenantId, targetType: 'billing.invoice', targetId: invoice.id, before: summary(invoice), after: { ...summary(after), paymentId: payment.id, method: payment.method }, reason: payment.reason }, em);
    await this.events.emitDurable(em, 'billing.payment.succeeded', { paymentId: payment.id, invoiceId: invoice.id, tenantId: invoice.tenantId, amountMinor: payment.amountMinor, currency: payment.currency } satisfies PaymentSucceededEvent);
    return after;
  }
}

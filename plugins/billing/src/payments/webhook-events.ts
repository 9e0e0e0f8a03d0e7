import type { EntityManager } from '@platform/sdk';
import type { PaymentWebhookEvent } from '@platform/sdk/payments';
import type { BillingDeps } from '../billing-deps.ts';
import type { Dunning } from '../dunning/dunning.ts';
import type { InvoiceStore } from '../invoices/invoice-store.ts';
import type { Auditor } from '../invoices/invoice-transitions.ts';
import type { InvoiceSettlement } from './invoice-settlement.ts';
import type { PaymentRecords } from './payment-records.ts';

/**
 * Applies a provider's webhook events in one transaction. Each event is claimed by its provider event id (a unique
 * row per configuration): an event seen before is skipped, so the same delivery twice (or two at once) changes
 * nothing more. Payment events move the matching payment (by the provider's reference) and its invoice; refund
 * events move the credit note with that refund reference.
 */
export class WebhookEvents {
  constructor(
    private readonly d: () => BillingDeps,
    private readonly invoices: InvoiceStore,
    private readonly payments: PaymentRecords,
    private readonly settlement: InvoiceSettlement,
    private readonly dunning: Dunning,
  ) {}

  async apply(configId: string, events: PaymentWebhookEvent[], audit: Auditor): Promise<{ received: number; applied: number; duplicates: number }> {
    const d = this.d();
    return d.db.system().transactional(async (em) => {
      let applied = 0;
      let duplicates = 0;
      for (const event of events) {
        const [claimed] = await d.db.sql(
          `INSERT INTO billing_webhook_events (id, config_id, event_id, type) VALUES (gen_random_uuid(), $1, $2, $3) ON CONFLICT (config_id, event_id) DO NOTHING RETURNING id`,
          [configId, event.eventId, event.type],
          em,
        );
        if (!claimed) {
          duplicates++;
          continue;
        }
        if (await this.applyOne(em, configId, event, audit)) applied++;
      }
      return { received: events.length, applied, duplicates };
    });
  }

  private async applyOne(em: EntityManager, configId: string, event: PaymentWebhookEvent, audit: Auditor): Promise<boolean> {
    const d = this.d();
    if (event.type === 'ignored') return false;
    if (event.type === 'refund.succeeded' || event.type === 'refund.failed') {
      const rows = await d.db.sql(`UPDATE billing_credit_notes SET refund_status = $2, updated_at = now() WHERE refund_ref = $1 AND refund_status = 'pending' RETURNING id`, [event.refundRef, event.type === 'refund.succeeded' ? 'succeeded' : 'failed'], em);
      return rows.length > 0;
    }
    const paymentEvent = event as Extract<PaymentWebhookEvent, { paymentRef: string; type: 'payment.succeeded' | 'payment.failed' | 'payment.processing' }>;
    const payment = await this.payments.findForWebhook(em, configId, paymentEvent.paymentRef);
    if (!payment || payment.status === 'succeeded' || payment.status === 'failed') return false;
    const invoice = (await this.invoices.get(payment.invoiceId, null, em, true))!;
    if (event.type === 'payment.processing') {
      await this.payments.update(em, payment.id, { status: 'processing' });
      return true;
    }
    if (event.type === 'payment.succeeded') {
      const updated = await this.payments.update(em, payment.id, { status: 'succeeded' });
      if (invoice.state === 'open' || invoice.state === 'uncollectible') await this.settlement.applyPayment(em, invoice, updated, audit);
      return true;
    }
    await this.payments.update(em, payment.id, { status: 'failed', failureReason: paymentEvent.failureReason ?? 'failed' });
    if (invoice.state === 'open') await this.dunning.recordFailure(em, invoice, paymentEvent.failureReason ?? 'failed', audit);
    return true;
  }
}

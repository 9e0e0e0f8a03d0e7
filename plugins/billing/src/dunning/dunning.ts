import type { EntityManager, EventBus, SettingsAccessor } from '@platform/sdk';
import type { BillingDeps } from '../billing-deps.ts';
import type { Auditor } from '../invoices/invoice-transitions.ts';
import type { InvoiceView } from '../invoices/invoice-view.ts';
import { dunningPolicyOf, nextAttemptAfter, type DunningPolicy } from './dunning-policy.ts';

/** `billing.payment.failed`: a collection attempt failed (the billing contact is notified). */
export interface PaymentFailedEvent {
  invoiceId: string;
  tenantId: string;
  failures: number;
  reason: string;
  nextAttemptAt: string | null;
  /** The configured action, when this was the last attempt. */
  action: DunningPolicy['action'] | null;
  downgradePlanKey: string | null;
}

/** Dunning: counts failed collections on an invoice, schedules the retry, and after the last one queues the action. */
export class Dunning {
  constructor(
    private readonly d: () => BillingDeps,
    private readonly settings: Pick<SettingsAccessor, 'get'>,
    private readonly events: EventBus,
  ) {}

  async policy(): Promise<DunningPolicy> {
    return dunningPolicyOf(await this.settings.get());
  }

  /** In the caller's transaction (the invoice locked): one more failure, the next attempt or the action, audited. */
  async recordFailure(em: EntityManager, invoice: InvoiceView, reason: string, audit: Auditor): Promise<PaymentFailedEvent> {
    const d = this.d();
    const policy = await this.policy();
    const now = d.now();
    const failures = invoice.paymentFailures + 1;
    const [row] = await d.db.sql<{ first_failed_at: Date | null }>('SELECT first_failed_at FROM billing_invoices WHERE id = $1', [invoice.id], em);
    const firstFailedAt = row?.first_failed_at ? new Date(row.first_failed_at) : now;
    const next = nextAttemptAfter(policy, failures, firstFailedAt);
    const action = next ? null : policy.action;
    await d.db.sql(
      `UPDATE billing_invoices SET payment_failures = $2, first_failed_at = $3, next_collection_at = $4, dunning_action = coalesce($5, dunning_action), updated_at = now() WHERE id = $1`,
      [invoice.id, failures, firstFailedAt.toISOString(), next?.toISOString() ?? null, action],
      em,
    );
    const event: PaymentFailedEvent = { invoiceId: invoice.id, tenantId: invoice.tenantId, failures, reason, nextAttemptAt: next?.toISOString() ?? null, action, downgradePlanKey: policy.downgradePlanKey };
    await audit({ action: 'billing.dunning.payment_failed', tenantId: invoice.tenantId, targetType: 'billing.invoice', targetId: invoice.id, after: event, reason }, em);
    await this.events.emitDurable(em, 'billing.payment.failed', { ...event });
    return event;
  }
}

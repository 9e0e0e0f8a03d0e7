import { ProblemError, type AuditInput, type EntityManager, type EventBus } from '@platform/sdk';
import type { BillingDeps } from '../billing-deps.ts';
import { DEFAULT_ISSUER, invoiceNumberOf, type InvoiceNumbers } from './invoice-numbers.ts';
import { requireTransition, type InvoiceState } from './invoice-states.ts';
import type { InvoiceStore } from './invoice-store.ts';
import type { InvoiceView } from './invoice-view.ts';

export type Auditor = (entry: AuditInput, em: EntityManager) => Promise<void>;

const DAY_MS = 86_400_000;

/** State changes of invoices, each in one transaction with its audit entry. */
export class InvoiceTransitions {
  constructor(
    private readonly d: () => BillingDeps,
    private readonly invoices: InvoiceStore,
    private readonly numbers: InvoiceNumbers,
    private readonly netDays: number,
    private readonly events: EventBus,
  ) {}

  /** `draft → open`: takes the issuer's next number (gapless, under the counter lock) and sets issue and due dates. */
  async finalize(id: string, tenantIds: readonly string[] | null, audit: Auditor, reason: string | null = null): Promise<InvoiceView> {
    const d = this.d();
    return d.db.system().transactional(async (em) => {
      const counter = await this.numbers.lock(em, DEFAULT_ISSUER);
      const before = await this.locked(em, id, tenantIds);
      requireTransition(before.state, 'open');
      const sequence = counter.last + 1;
      const now = d.now();
      const settled = before.totalMinor <= 0;
      await d.db.sql(
        `UPDATE billing_invoices SET state = $2, sequence = $3, number = $4, issued_at = $5, due_at = $6, paid_at = $7, updated_at = now(),
            next_collection_at = CASE WHEN $2 = 'open' THEN $5::timestamptz END WHERE id = $1`,
        [id, settled ? 'paid' : 'open', sequence, invoiceNumberOf(counter.prefix, sequence), now.toISOString(), new Date(now.getTime() + this.netDays * DAY_MS).toISOString(), settled ? now.toISOString() : null],
        em,
      );
      await this.numbers.advance(em, DEFAULT_ISSUER, sequence);
      const after = (await this.invoices.get(id, null, em))!;
      if (after.state === 'open') await this.events.emitDurable(em, 'billing.invoice.issued', { invoiceId: id, tenantId: after.tenantId });
      await audit({ action: 'billing.invoice.finalized', tenantId: after.tenantId, targetType: 'billing.invoice', targetId: id, before: summary(before), after: summary(after), reason }, em);
      return after;
    });
  }

  /** `→ void` or `→ uncollectible` (staff, with a reason). Voiding keeps the invoice and its number. */
  async mark(id: string, to: Extract<InvoiceState, 'void' | 'uncollectible'>, tenantIds: readonly string[] | null, audit: Auditor, reason: string): Promise<InvoiceView> {
    const d = this.d();
    return d.db.system().transactional(async (em) => {
      const before = await this.locked(em, id, tenantIds);
      requireTransition(before.state, to);
      await d.db.sql(`UPDATE billing_invoices SET state = $2, voided_at = CASE WHEN $2 = 'void' THEN $3::timestamptz ELSE voided_at END, updated_at = now() WHERE id = $1`, [id, to, d.now().toISOString()], em);
      const after = (await this.invoices.get(id, null, em))!;
      await audit({ action: `billing.invoice.${to === 'void' ? 'voided' : 'uncollectible'}`, tenantId: after.tenantId, targetType: 'billing.invoice', targetId: id, before: summary(before), after: summary(after), reason }, em);
      return after;
    });
  }

  private async locked(em: EntityManager, id: string, tenantIds: readonly string[] | null): Promise<InvoiceView> {
    const invoice = await this.invoices.get(id, tenantIds, em, true);
    if (!invoice) throw new ProblemError(404, 'not_found', `invoice ${id} not found`);
    return invoice;
  }
}

export function summary(i: InvoiceView) {
  return { number: i.number, state: i.state, totalMinor: i.totalMinor, amountPaidMinor: i.amountPaidMinor, currency: i.currency };
}

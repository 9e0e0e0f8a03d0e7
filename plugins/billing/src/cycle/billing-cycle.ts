import type { EntityManager, EventBus, TenantDirectory } from '@platform/sdk';
import type { BillingAccount } from '../accounts/billing-account.ts';
import type { AccountStore } from '../accounts/account-store.ts';
import { dayOf, isoDay, periodContaining } from '../accounts/billing-schedule.ts';
import type { PendingCharges } from '../charges/pending-charges.ts';
import { composeCycleInvoice } from '../invoices/compose-invoice.ts';
import { loadInvoiceInputs, type InvoiceSources, type InvoiceUnit } from '../invoices/invoice-inputs.ts';
import { DEFAULT_ISSUER, invoiceNumberOf, type InvoiceNumbers } from '../invoices/invoice-numbers.ts';
import { insertInvoices, type InvoiceToWrite } from '../invoices/invoice-writer.ts';
import { billToOf } from '../invoices/bill-to.ts';

export interface CycleDeps extends InvoiceSources {
  accounts: AccountStore;
  charges: PendingCharges;
  numbers: InvoiceNumbers;
  tenants: TenantDirectory;
  events: EventBus;
  /** Days from issue to due date. */
  netDays: number;
  /** Tenants per transaction. */
  batchSize: number;
}

export interface CycleResult {
  /** Invoices this run created. */
  created: number;
  /** Periods found due that another run had invoiced meanwhile. */
  alreadyInvoiced: number;
  passes: number;
}

const DAY_MS = 86_400_000;
/** At most this many overdue periods per tenant are caught up in one run. */
const MAX_PASSES = 36;

/**
 * The billing cycle: invoices every period that is over and not yet invoiced, oldest first, for every billing
 * account of an active or suspended tenant. Safe to re-run and to run on several instances at once:
 * - each batch runs in one transaction that first locks the issuer's number counter (FOR UPDATE), so concurrent
 *   runs take turns; once it holds the lock, a run re-reads which (tenant, period) are invoiced and skips them;
 * - the unique index on (tenant, period start) of cycle invoices is the last word;
 * - numbers are consecutive per issuer: assigned under the same lock, committed or rolled back with the invoices.
 */
export class BillingCycle {
  constructor(private readonly d: CycleDeps) {}

  async run(now: Date): Promise<CycleResult> {
    const result: CycleResult = { created: 0, alreadyInvoiced: 0, passes: 0 };
    for (let pass = 0; pass < MAX_PASSES; pass++) {
      const due = await this.duePeriods(now);
      if (!due.length) break;
      result.passes++;
      for (let i = 0; i < due.length; i += this.d.batchSize) {
        const batch = due.slice(i, i + this.d.batchSize);
        const { created, skipped } = await this.invoiceBatch(batch, now);
        result.created += created;
        result.alreadyInvoiced += skipped;
      }
    }
    return result;
  }

  /** For each billable account, its oldest period that is over and has no invoice. */
  async duePeriods(now: Date): Promise<InvoiceUnit[]> {
    const db = this.d.deps().db;
    const billable = new Set((await this.d.tenants.list({ status: ['active', 'suspended'] })).map((t) => t.id));
    const accounts = (await this.d.accounts.all()).filter((a) => billable.has(a.tenantId));
    const last = await db.sql<{ tenant_id: string; period_end: string }>(
      `SELECT tenant_id::text, max(period_end)::text AS period_end FROM billing_invoices WHERE kind = 'cycle' GROUP BY tenant_id`,
    );
    const lastEnd = new Map(last.map((r) => [r.tenant_id, r.period_end]));
    const units: InvoiceUnit[] = [];
    for (const account of accounts) {
      const from = lastEnd.get(account.tenantId);
      const startDay = dayOf(from && from > account.billingStartsOn ? from : account.billingStartsOn);
      const period = periodContaining(account, startDay);
      if (period.end.getTime() <= now.getTime()) units.push({ account, period, until: period.end });
    }
    return units;
  }

  private async invoiceBatch(batch: InvoiceUnit[], now: Date): Promise<{ created: number; skipped: number }> {
    const d = this.d.deps();
    return d.db.system().transactional(async (em) => {
      const counter = await this.d.numbers.lock(em, DEFAULT_ISSUER);
      const todo = await this.notYetInvoiced(em, batch);
      if (!todo.length) return { created: 0, skipped: batch.length };
      const inputs = await loadInvoiceInputs(this.d, em, todo, true);
      let sequence = counter.last;
      const invoices: InvoiceToWrite[] = [];
      const carried: { tenantId: string; amountMinor: number; currency: string }[] = [];
      const consumed: { chargeId: string; n: number }[] = [];
      inputs.forEach((input, n) => {
        const unit = todo[n]!;
        const composed = composeCycleInvoice(input);
        if (composed.skipped.length) d.logger.warn({ tenantId: unit.account.tenantId, skipped: composed.skipped }, 'billing: input in another currency left out of the invoice');
        sequence += 1;
        const settled = composed.totalMinor <= 0;
        invoices.push({
          tenantId: unit.account.tenantId,
          issuer: DEFAULT_ISSUER,
          sequence,
          number: invoiceNumberOf(counter.prefix, sequence),
          kind: 'cycle',
          state: settled ? 'paid' : 'open',
          currency: composed.currency,
          periodStart: isoDay(unit.period.start),
          periodEnd: isoDay(unit.period.end),
          subtotalMinor: composed.subtotalMinor,
          taxMinor: composed.taxMinor,
          totalMinor: composed.totalMinor,
          tax: composed.tax,
          billTo: billToOf(unit.account),
          memo: '',
          issuedAt: now,
          dueAt: new Date(now.getTime() + this.d.netDays * DAY_MS),
          paidAt: settled ? now : null,
          nextCollectionAt: settled ? null : now,
          lines: composed.lines,
        });
        for (const chargeId of composed.chargeIds) consumed.push({ chargeId, n });
        if (composed.carriedMinor < 0) carried.push({ tenantId: unit.account.tenantId, amountMinor: composed.carriedMinor, currency: composed.currency });
      });
      const ids = await insertInvoices(d.db, em, invoices);
      if (consumed.length) {
        await d.db.sql(
          `UPDATE billing_pending_charges c SET invoice_id = u.invoice_id, updated_at = now()
             FROM unnest($1::uuid[], $2::uuid[]) AS u(id, invoice_id) WHERE c.id = u.id AND c.invoice_id IS NULL`,
          [consumed.map((c) => c.chargeId), consumed.map((c) => ids[c.n])],
          em,
        );
      }
      for (const c of carried) {
        const n = invoices.findIndex((i) => i.tenantId === c.tenantId);
        await this.d.charges.add(em, { tenantId: c.tenantId, source: 'billing.carry', sourceId: ids[n]!, description: `Credit carried from invoice ${invoices[n]!.number}`, amountMinor: c.amountMinor, currency: c.currency });
      }
      await this.d.numbers.advance(em, DEFAULT_ISSUER, sequence);
      for (let n = 0; n < invoices.length; n++) {
        if (invoices[n]!.state === 'open') await this.d.events.emitDurable(em, 'billing.invoice.issued', { invoiceId: ids[n]!, tenantId: invoices[n]!.tenantId });
      }
      await d.audit.recordMany(
        invoices.map((inv, n) => ({
          action: 'billing.invoice.issued',
          tenantId: inv.tenantId,
          targetType: 'billing.invoice',
          targetId: ids[n]!,
          after: { number: inv.number, state: inv.state, periodStart: inv.periodStart, periodEnd: inv.periodEnd, totalMinor: inv.totalMinor, currency: inv.currency },
          actorType: 'system',
          actorId: 'billing.cycle',
        })),
        em,
      );
      return { created: invoices.length, skipped: batch.length - todo.length };
    });
  }

  private async notYetInvoiced(em: EntityManager, batch: InvoiceUnit[]): Promise<InvoiceUnit[]> {
    const rows = await this.d.deps().db.sql<{ tenant_id: string; period_start: string }>(
      `SELECT i.tenant_id::text, i.period_start::text FROM billing_invoices i
         JOIN unnest($1::uuid[], $2::date[]) AS u(tenant_id, period_start) ON u.tenant_id = i.tenant_id AND u.period_start = i.period_start
        WHERE i.kind = 'cycle'`,
      [batch.map((u) => u.account.tenantId), batch.map((u) => isoDay(u.period.start))],
      em,
    );
    const done = new Set(rows.map((r) => `${r.tenant_id}/${r.period_start}`));
    return batch.filter((u) => !done.has(`${u.account.tenantId}/${isoDay(u.period.start)}`));
  }
}

export type { BillingAccount };

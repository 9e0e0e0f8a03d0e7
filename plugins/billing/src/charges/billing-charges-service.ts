import type { BillableCharge, BillingCharges, NextInvoicePreview, NextInvoicePreviewLine } from '@platform/sdk/billing';
import { requireMinorUnits, requireText } from '../money-fields.ts';
import type { AccountStore } from '../accounts/account-store.ts';
import { isoDay, periodContaining } from '../accounts/billing-schedule.ts';
import { composeCycleInvoice } from '../invoices/compose-invoice.ts';
import { loadInvoiceInputs, type InvoiceSources } from '../invoices/invoice-inputs.ts';
import type { PendingCharges } from './pending-charges.ts';

/**
 * `BILLING_CHARGES`: provided in `register()` (so other plugins can resolve it at boot), working once billing
 * has booted. Charges are written in their own transaction and audited as `billing.charge.added`.
 */
export class BillingChargesService implements BillingCharges {
  private src: (InvoiceSources & { accounts: AccountStore; charges: PendingCharges }) | null = null;

  bind(src: InvoiceSources & { accounts: AccountStore; charges: PendingCharges }): void {
    this.src = src;
  }

  private sources() {
    if (!this.src) throw new Error('the billing plugin is not booted yet');
    return this.src;
  }

  async addCharge(charge: BillableCharge): Promise<{ id: string; created: boolean }> {
    const src = this.sources();
    const d = src.deps();
    return d.db.system().transactional(async (em) => {
      const { charge: row, created } = await src.charges.add(em, charge);
      if (created) {
        await d.audit.record({ action: 'billing.charge.added', tenantId: row.tenantId, targetType: 'billing.charge', targetId: row.id, after: row, actorType: 'system', actorId: charge.source }, em);
      }
      return { id: row.id, created };
    });
  }

  /** The invoice the tenant would get at the end of its current period, as of now; null without a billing account. */
  async previewNextInvoice(tenantId: string, extra: NextInvoicePreviewLine[] = []): Promise<NextInvoicePreview | null> {
    extra.forEach((line, i) => {
      requireText(line?.description, `extra[${i}].description`, 500);
      requireMinorUnits(line.amountMinor, `extra[${i}].amountMinor`);
    });
    const src = this.sources();
    const d = src.deps();
    const account = await src.accounts.get(tenantId);
    if (!account) return null;
    const now = d.now();
    const period = periodContaining(account, now);
    const em = d.db.system();
    const [input] = await loadInvoiceInputs(src, em, [{ account, period, until: new Date(now.getTime() + 1) }], false);
    const composed = composeCycleInvoice({
      ...input!,
      pending: [
        ...input!.pending,
        ...extra.map((l, i) => ({ id: `extra-${i}`, tenantId, source: 'preview', sourceId: String(i), description: l.description, amountMinor: l.amountMinor, currency: account.currency, quantity: 1, createdAt: now.toISOString() })),
      ],
    });
    return {
      currency: account.currency,
      periodStart: isoDay(period.start),
      periodEnd: isoDay(period.end),
      issueDate: isoDay(period.end),
      lines: composed.lines.map((l) => ({ description: l.description, amountMinor: l.amountMinor })),
      subtotalMinor: composed.subtotalMinor,
      taxMinor: composed.taxMinor,
      totalMinor: composed.totalMinor,
    };
  }
}

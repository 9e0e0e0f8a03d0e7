import type { Logger, RegisterContext } from '@platform/sdk';
import { BILLING_CHARGES, type BillingCharges, type NextInvoicePreview } from '@platform/sdk/billing';
import { optionalService } from '../catalog/provision-targets.ts';
import type { PurchaseRecord } from './purchase-record.ts';

export const PURCHASE_SOURCE = 'marketplace.purchase';
export const CANCELLATION_SOURCE = 'marketplace.cancellation';

/** The charge of the purchase's current paid period: the purchase id for the first, `<id>:renewal:<n>` after. */
export function chargeSourceId(p: Pick<PurchaseRecord, 'id' | 'renewals'>): string {
  return p.renewals ? `${p.id}:renewal:${p.renewals}` : p.id;
}

export function chargeDescription(p: Pick<PurchaseRecord, 'addonName' | 'pricing' | 'periodStart' | 'periodEnd'>): string {
  if (p.pricing === 'one_off') return `Add-on: ${p.addonName}`;
  return `Add-on: ${p.addonName} (${p.pricing}, ${p.periodStart.slice(0, 10)} to ${p.periodEnd?.slice(0, 10)})`;
}

/**
 * The billing plugin seen from the marketplace: optional (`BILLING_CHARGES` looked up at each use), charges
 * idempotent on (source, sourceId). Without billing, charges are not sent; the purchase records `charged = false`
 * and the sweep job sends them once billing is installed.
 */
export class InvoiceLink {
  constructor(private readonly ctx: Pick<RegisterContext, 'resolve'>, private readonly logger: Logger) {}

  get available(): boolean {
    return this.billing() !== null;
  }

  private billing(): BillingCharges | null {
    return optionalService<BillingCharges>(this.ctx, BILLING_CHARGES);
  }

  /** Puts the period's charge on the next invoice; false when billing is absent or refused (logged). */
  async charge(p: PurchaseRecord): Promise<boolean> {
    const billing = this.billing();
    if (!billing || p.amountMinor === 0) return false;
    try {
      await billing.addCharge({ tenantId: p.tenantId, source: PURCHASE_SOURCE, sourceId: chargeSourceId(p), description: chargeDescription(p), amountMinor: p.amountMinor, currency: p.currency, quantity: 1 });
      return true;
    } catch (err) {
      this.logger.warn({ err, purchaseId: p.id }, 'the add-on charge did not reach billing; the sweep retries');
      return false;
    }
  }

  /** Credits a cancellation's refund (a negative line) on the next invoice. */
  async refund(p: PurchaseRecord): Promise<boolean> {
    const billing = this.billing();
    if (!billing || !p.refundMinor) return false;
    try {
      await billing.addCharge({ tenantId: p.tenantId, source: CANCELLATION_SOURCE, sourceId: p.id, description: `Refund: ${p.addonName} (unused part of the period)`, amountMinor: -p.refundMinor, currency: p.currency, quantity: 1 });
      return true;
    } catch (err) {
      this.logger.warn({ err, purchaseId: p.id }, 'the add-on refund did not reach billing; the sweep retries');
      return false;
    }
  }

  /** The tenant's next invoice with `extra` lines, or null without billing (or when billing has no account yet). */
  async preview(tenantId: string, extra: { description: string; amountMinor: number }[]): Promise<NextInvoicePreview | null> {
    const billing = this.billing();
    if (!billing) return null;
    try {
      return await billing.previewNextInvoice(tenantId, extra);
    } catch (err) {
      this.logger.warn({ err, tenantId }, 'the next-invoice preview failed');
      return null;
    }
  }
}

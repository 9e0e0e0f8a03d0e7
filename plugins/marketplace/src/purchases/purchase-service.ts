import { ProblemError, problems, type Database, type EventBus, type Logger, type RegisterContext } from '@platform/sdk';
import type { NextInvoicePreview } from '@platform/sdk/billing';
import { allowedOnPlan, type AddonRecord } from '../catalog/addon-record.ts';
import type { AddonStore } from '../catalog/addon-store.ts';
import { checkProvisionTarget } from '../catalog/provision-targets.ts';
import { cancellationRefund, paidPeriodEnd, type CancellationRefund } from './paid-period.ts';
import type { PurchaseRecord } from './purchase-record.ts';
import type { PurchaseStore } from './purchase-store.ts';
import { chargeDescription, type InvoiceLink } from './invoice-link.ts';
import { Provisioner, type ProvisionOutcome } from './provisioning.ts';
import { tenantPlanKey } from './tenant-plan.ts';

export const PURCHASE_COMPLETED = 'marketplace.purchase.completed';
export const PURCHASE_CANCELLED = 'marketplace.purchase.cancelled';

declare module '@platform/sdk' {
  interface PlatformEvents {
    'marketplace.purchase.completed': { purchaseId: string; tenantId: string; addonId: string; addonName: string; amountMinor: number; currency: string; pricing: 'one_off' | 'monthly' | 'annual' };
    'marketplace.purchase.cancelled': { purchaseId: string; tenantId: string; refundMinor: number; currency: string };
  }
}

export interface Buyer {
  /** Audit trail author fields come from the request; this is the label kept on the purchase. */
  label: string | null;
  audit(entry: { action: string; tenantId: string; targetType: string; targetId: string; before?: unknown; after?: unknown; reason?: string | null }, em: import('@platform/sdk').EntityManager): Promise<void>;
}

export interface PurchaseConfirmation {
  purchase: PurchaseRecord;
  provisioned: ProvisionOutcome;
  /** Whether the charge is on the next invoice (false: free, or billing not installed). */
  charged: boolean;
  billing: 'charged' | 'free' | 'not_installed' | 'pending';
  nextInvoice: NextInvoicePreview | null;
}

export interface PurchaseQuote {
  addon: AddonRecord;
  price: { amountMinor: number; currency: string; pricing: AddonRecord['pricing'] };
  periodStart: string;
  periodEnd: string | null;
  billing: 'available' | 'not_installed';
  /** The next invoice with this purchase as an extra line; null without billing. */
  nextInvoice: NextInvoicePreview | null;
  /** Why the tenant cannot buy it now (already active), or null. */
  blocked: string | null;
}

export interface MarketplaceServiceDeps {
  ctx: Pick<RegisterContext, 'resolve' | 'extensions'>;
  db: Database;
  events: EventBus;
  logger: Logger;
  addons: AddonStore;
  purchases: PurchaseStore;
  invoices: InvoiceLink;
  clock: () => number;
}

function unavailable(addon: AddonRecord): ProblemError {
  return new ProblemError(409, 'addon_not_published', `The add-on "${addon.name}" is ${addon.status} and cannot be bought`, { field: 'addonId', extra: { addonId: addon.id, status: addon.status } });
}

/**
 * Buying, cancelling, renewing and expiring add-ons. The rules (README):
 * - only `published` add-ons allowed on the tenant's plan are sold; one active purchase per plugin, flag or
 *   integration add-on (credit bundles may be bought again and again);
 * - a purchase provisions at once in the purchase's transaction (see {@link Provisioner}) and emits
 *   `marketplace.purchase.completed` durably; its charge goes onto the next invoice after commit;
 * - cancelling a recurring purchase refunds the unused share of the paid period ({@link cancellationRefund}); a one-off
 *   is not refunded; credit bundles bought once cannot be cancelled (the credits were delivered);
 * - suspended or deprecated add-ons: nothing new is sold, what tenants bought stays until the end of the paid
 *   period (recurring: not renewed, then expired) or for good (one-off).
 */
export class MarketplaceService {
  private readonly provisioner: Provisioner;

  constructor(private readonly deps: MarketplaceServiceDeps) {
    this.provisioner = new Provisioner(deps.ctx);
  }

  /** A published add-on the tenant's plan allows, or 404 (hidden) / 409 (off sale). */
  async sellable(tenantId: string, addonId: string): Promise<AddonRecord> {
    const addon = await this.deps.addons.get(addonId);
    if (!addon || addon.status === 'draft') throw new ProblemError(404, 'not_found', 'Add-on not found', { field: 'addonId' });
    if (addon.status !== 'published') throw unavailable(addon);
    if (!allowedOnPlan(addon, await tenantPlanKey(this.deps.ctx, tenantId)))
      throw new ProblemError(409, 'not_on_plan', `The add-on "${addon.name}" is not available on your plan`, { field: 'addonId', extra: { allowedPlans: addon.allowedPlans } });
    return addon;
  }

  /** Published add-ons on the tenant's plan. */
  async storefront(tenantId: string): Promise<AddonRecord[]> {
    const plan = await tenantPlanKey(this.deps.ctx, tenantId);
    return (await this.deps.addons.list(['published'])).filter((a) => allowedOnPlan(a, plan));
  }

  async quote(tenantId: string, addonId: string): Promise<PurchaseQuote> {
    const addon = await this.sellable(tenantId, addonId);
    const start = new Date(this.deps.clock());
    const end = paidPeriodEnd(start, addon.pricing);
    const active = addon.kind === 'sms_credits' ? null : await this.deps.db.forTenant(tenantId).transactional((em) => this.deps.purchases.activeOf(em, tenantId, addon.id));
    const line = { description: chargeDescription({ addonName: addon.name, pricing: addon.pricing, periodStart: start.toISOString(), periodEnd: end?.toISOString() ?? null }), amountMinor: addon.amountMinor };
    return {
      addon,
      price: { amountMinor: addon.amountMinor, currency: addon.currency, pricing: addon.pricing },
      periodStart: start.toISOString(),
      periodEnd: end?.toISOString() ?? null,
      billing: this.deps.invoices.available ? 'available' : 'not_installed',
      nextInvoice: await this.deps.invoices.preview(tenantId, [line]),
      blocked: active ? `You already have "${addon.name}" (purchase ${active.id}); cancel it first to buy it again` : await this.currencyProblem(tenantId, addon),
    };
  }

  /** Why the tenant's billing cannot take this add-on's price (its invoices are in another currency), or null. */
  private async currencyProblem(tenantId: string, addon: AddonRecord): Promise<string | null> {
    if (addon.amountMinor === 0 || !this.deps.invoices.available) return null;
    const invoice = await this.deps.invoices.preview(tenantId, []);
    return invoice && invoice.currency !== addon.currency ? `Your invoices are in ${invoice.currency}; "${addon.name}" is priced in ${addon.currency}` : null;
  }

  async purchase(tenantId: string, addonId: string, buyer: Buyer): Promise<PurchaseConfirmation> {
    const first = await this.sellable(tenantId, addonId);
    await checkProvisionTarget(this.deps.ctx, first.provision);
    const mismatch = await this.currencyProblem(tenantId, first);
    if (mismatch) throw new ProblemError(409, 'currency_mismatch', mismatch, { field: 'addonId' });
    const { purchase, provisioned } = await this.deps.db
      .forTenant(tenantId)
      .transactional(async (em) => {
        // Read under a share lock: a concurrent suspension waits for this purchase, or this purchase sees it.
        const addon = await this.deps.addons.get(addonId, em, false);
        const [locked] = await this.deps.db.sql<{ status: string }>('SELECT status FROM marketplace_addons WHERE id = $1 FOR SHARE', [addonId], em);
        if (!addon || locked?.status !== 'published') throw unavailable(addon ?? first);
        if (addon.kind !== 'sms_credits') {
          const active = await this.deps.purchases.activeOf(em, tenantId, addon.id);
          if (active) throw new ProblemError(409, 'already_purchased', `You already have "${addon.name}"; cancel it first to buy it again`, { field: 'addonId', extra: { purchaseId: active.id } });
        }
        const start = new Date(this.deps.clock());
        const purchase = await this.deps.purchases.insert(em, tenantId, addon, { start, end: paidPeriodEnd(start, addon.pricing) }, buyer.label);
        const provisioned = await this.provisioner.provision(em, purchase);
        await buyer.audit({ action: 'marketplace.purchase.completed', tenantId, targetType: 'marketplace.purchase', targetId: purchase.id, after: { purchase, provisioned } }, em);
        await this.deps.events.emitDurable(em, PURCHASE_COMPLETED, {
          purchaseId: purchase.id, tenantId, addonId: addon.id, addonName: addon.name, amountMinor: addon.amountMinor, currency: addon.currency, pricing: addon.pricing,
        });
        return { purchase, provisioned };
      })
      .catch((err: unknown) => {
        if ((err as { code?: string }).code === '23505') throw new ProblemError(409, 'already_purchased', `You already have "${first.name}"; cancel it first to buy it again`, { field: 'addonId' });
        throw err;
      });
    const entitlement = await this.settleEntitlement(tenantId, purchase.id).catch((err: unknown) => {
      // Committed: the durable `marketplace.purchase.completed` subscriber grants it when the flags service is back.
      this.deps.logger.warn({ err, purchaseId: purchase.id }, 'marketplace: the flag entitlement will be granted by the outbox');
      return 'pending' as const;
    });
    const charged = await this.chargeAndMark(purchase);
    return {
      purchase: { ...purchase, charged },
      provisioned: entitlement === 'pending' ? { ...provisioned, entitlementPending: true } : provisioned,
      charged,
      billing: purchase.amountMinor === 0 ? 'free' : charged ? 'charged' : this.deps.invoices.available ? 'pending' : 'not_installed',
      nextInvoice: await this.deps.invoices.preview(tenantId, []),
    };
  }

  /**
   * Grants a committed purchase's flag entitlement if the purchase is still active, under a share lock on it (a
   * cancellation waits, then revokes). Run right after the purchase and again by the durable subscriber of
   * `marketplace.purchase.completed` (and after each renewal): idempotent.
   */
  async settleEntitlement(tenantId: string, purchaseId: string): Promise<'granted' | 'unchanged' | 'none'> {
    return this.deps.db.forTenant(tenantId).transactional(async (em) => {
      const [row] = await this.deps.db.sql('SELECT 1 FROM marketplace_purchases WHERE id = $1 FOR SHARE', [purchaseId], em);
      const p = row ? await this.deps.purchases.get(em, tenantId, purchaseId) : null;
      if (!p || p.kind !== 'flag_entitlement' || p.status !== 'active') return 'none';
      return (await this.provisioner.grantEntitlement(p)) ? 'granted' : 'unchanged';
    });
  }

  private async chargeAndMark(p: PurchaseRecord): Promise<boolean> {
    const charged = await this.deps.invoices.charge(p);
    if (charged) await this.deps.db.forTenant(p.tenantId).transactional((em) => this.deps.purchases.markCharged(em, p.id, 'charge'));
    return charged;
  }

  async cancellationQuote(tenantId: string, purchaseId: string): Promise<{ purchase: PurchaseRecord; refund: CancellationRefund; cancellable: boolean; reason: string | null }> {
    const purchase = await this.deps.db.forTenant(tenantId).transactional((em) => this.deps.purchases.get(em, tenantId, purchaseId));
    if (!purchase) throw problems.notFound('Purchase');
    const refund = this.refundOf(purchase);
    const reason = this.notCancellable(purchase);
    return { purchase, refund, cancellable: reason === null, reason };
  }

  private refundOf(p: PurchaseRecord): CancellationRefund {
    return cancellationRefund({ pricing: p.pricing, amountMinor: p.amountMinor, periodStart: new Date(p.periodStart), periodEnd: p.periodEnd ? new Date(p.periodEnd) : null }, new Date(this.deps.clock()));
  }

  private notCancellable(p: PurchaseRecord): string | null {
    if (p.status !== 'active') return `This purchase is already ${p.status}`;
    if (p.kind === 'sms_credits' && p.pricing === 'one_off') return 'Credits bought once are in your balance and cannot be cancelled';
    return null;
  }

  async cancel(tenantId: string, purchaseId: string, reason: string | null, buyer: Buyer): Promise<{ purchase: PurchaseRecord; refund: CancellationRefund; refunded: boolean }> {
    const { purchase, refund } = await this.deps.db.forTenant(tenantId).transactional(async (em) => {
      const before = await this.deps.purchases.get(em, tenantId, purchaseId, true);
      if (!before) throw problems.notFound('Purchase');
      const why = this.notCancellable(before);
      if (why) throw new ProblemError(409, before.status !== 'active' ? 'purchase_not_active' : 'not_cancellable', why, { field: 'id' });
      const refund = this.refundOf(before);
      const purchase = await this.deps.purchases.end(em, before.id, 'cancelled', { refundMinor: refund.refundMinor, reason, at: new Date(this.deps.clock()) });
      await this.provisioner.deprovision(em, purchase, `Marketplace purchase ${purchase.id} of "${purchase.addonName}" cancelled`);
      await buyer.audit({ action: 'marketplace.purchase.cancelled', tenantId, targetType: 'marketplace.purchase', targetId: purchase.id, before: { status: before.status }, after: { status: 'cancelled', refund }, reason }, em);
      await this.deps.events.emitDurable(em, PURCHASE_CANCELLED, { purchaseId: purchase.id, tenantId, refundMinor: refund.refundMinor, currency: purchase.currency });
      return { purchase, refund };
    });
    const refunded = await this.deps.invoices.refund(purchase);
    if (refunded) await this.deps.db.forTenant(tenantId).transactional((em) => this.deps.purchases.markCharged(em, purchase.id, 'refund'));
    return { purchase: { ...purchase, refundCharged: refunded }, refund, refunded };
  }

  /**
   * Recurring purchases whose paid period ended: renewed (a new period, provisioned and charged) while the add-on
   * is published; otherwise expired and deprovisioned (suspended or deprecated: kept to the end of what was paid,
   * never renewed). Returns how many of each.
   */
  async renewDue(): Promise<{ renewed: number; expired: number }> {
    const now = new Date(this.deps.clock());
    const due = await this.deps.db.system().transactional((em) => this.deps.purchases.due(em, now));
    const outcome = { renewed: 0, expired: 0 };
    for (const stale of due) {
      const result = await this.deps.db.forTenant(stale.tenantId).transactional(async (em) => {
        const p = await this.deps.purchases.get(em, stale.tenantId, stale.id, true);
        if (!p || p.status !== 'active' || !p.periodEnd || Date.parse(p.periodEnd) > now.getTime()) return null;
        const addon = await this.deps.addons.get(p.addonId, em);
        if (addon?.status === 'published') {
          const start = new Date(p.periodEnd);
          const renewed = await this.deps.purchases.renew(em, p.id, { start, end: paidPeriodEnd(start, p.pricing)! });
          await this.provisioner.provision(em, renewed);
          return { renewed };
        }
        const expired = await this.deps.purchases.end(em, p.id, 'expired', { at: new Date(p.periodEnd) });
        await this.provisioner.deprovision(em, expired, `Add-on "${p.addonName}" is ${addon?.status ?? 'gone'}: the paid period ended and it is not renewed`);
        return { expired };
      });
      if (result?.renewed) {
        outcome.renewed += 1;
        await this.settleEntitlement(result.renewed.tenantId, result.renewed.id).catch((err: unknown) => this.deps.logger.warn({ err, purchaseId: result.renewed.id }, 'marketplace: renewing a flag entitlement failed'));
        await this.chargeAndMark(result.renewed);
      } else if (result?.expired) outcome.expired += 1;
    }
    return outcome;
  }

  /** Sends charges and refunds that did not reach billing (billing absent or failing at the time). */
  async sweepCharges(): Promise<number> {
    if (!this.deps.invoices.available) return 0;
    const pending = await this.deps.db.system().transactional((em) => this.deps.purchases.uncharged(em));
    let sent = 0;
    for (const p of pending) {
      if (!p.charged && p.amountMinor > 0 && (await this.chargeAndMark(p))) sent += 1;
      if (p.refundMinor && !p.refundCharged && (await this.deps.invoices.refund(p))) {
        await this.deps.db.forTenant(p.tenantId).transactional((em) => this.deps.purchases.markCharged(em, p.id, 'refund'));
        sent += 1;
      }
    }
    return sent;
  }

  /** Provisions a purchase (exposed for the renewal path and tests). */
  provision(em: import('@platform/sdk').EntityManager, p: PurchaseRecord): Promise<ProvisionOutcome> {
    return this.provisioner.provision(em, p);
  }
}

import { divideRounded, formatMinorUnits, shareOf } from '@platform/sdk/money';
import type { BilledPlan, MeterReset, PlanChangeProration } from '@platform/sdk/entitlements';
import { CYCLE_MONTHS, isoDay, type BillingPeriod } from '../accounts/billing-schedule.ts';
import type { TaxRule } from '../tax/tax-rates.ts';
import type { MeterPriceLookup } from '../meters/meter-prices.ts';
import { totalsOf, type InvoiceLineDraft, type InvoiceTotals } from './invoice-totals.ts';

/** A charge waiting for the next invoice. */
export interface PendingCharge {
  id: string;
  tenantId: string;
  source: string;
  sourceId: string;
  description: string;
  amountMinor: number;
  currency: string;
  quantity: number;
  createdAt: string;
}

export interface CycleInvoiceInput {
  tenantId: string;
  cycle: 'monthly' | 'annual';
  currency: string;
  period: BillingPeriod;
  /** The plan in force at the period's start, or null. */
  plan: BilledPlan | null;
  prorations: readonly PlanChangeProration[];
  /** Usage per meter over the period. */
  usage: Readonly<Record<string, number>>;
  meterResets: (meter: string) => MeterReset | undefined;
  meterPrice: MeterPriceLookup;
  pending: readonly PendingCharge[];
  tax: TaxRule;
}

export interface ComposedInvoice extends InvoiceTotals {
  currency: string;
  lines: InvoiceLineDraft[];
  tax: TaxRule;
  /** Pending charges the invoice carries (to be marked as invoiced). */
  chargeIds: string[];
  /** A negative subtotal is not refunded by an invoice: it is carried to the next one as a pending credit (<= 0). */
  carriedMinor: number;
  /** Why some input was left out (another currency). */
  skipped: string[];
}

const PLAN_MONTHS = { monthly: 1, annual: 12 } as const;

/** The plan's price for one billing period of the account: scaled when the plan's interval and the account's cycle differ. */
export function planChargeOf(plan: BilledPlan, cycle: 'monthly' | 'annual'): { quantity: number; unitAmountMinor: number; amountMinor: number } {
  const cycleMonths = CYCLE_MONTHS[cycle];
  const planMonths = PLAN_MONTHS[plan.interval];
  if (cycleMonths >= planMonths) {
    const quantity = cycleMonths / planMonths;
    return { quantity, unitAmountMinor: plan.priceMinor, amountMinor: plan.priceMinor * quantity };
  }
  const amount = shareOf(plan.priceMinor, cycleMonths, planMonths);
  return { quantity: 1, unitAmountMinor: amount, amountMinor: amount };
}

/**
 * The quota of a meter over one billing period of the account: a monthly meter's quota for each month of the
 * cycle, a billing-period meter's quota scaled by cycle / plan interval; running totals (`never`) are not
 * overage-billed (their quota is a ceiling, not a consumption).
 */
export function periodQuotaOf(quota: number, resets: MeterReset, plan: BilledPlan, cycle: 'monthly' | 'annual'): number | null {
  if (resets === 'never') return null;
  const cycleMonths = CYCLE_MONTHS[cycle];
  if (resets === 'monthly') return quota * cycleMonths;
  return divideRounded(quota * cycleMonths, PLAN_MONTHS[plan.interval]);
}

/**
 * The invoice of one tenant for one billing period (billed in arrears, once the period is over):
 * 1. the plan in force at the period's start, for the whole period (nothing during a trial);
 * 2. one line per plan change in the period: the proration the plans plugin computed (new plan's charge for the
 *    rest of its period minus the old plan's credit), so a change and its reverse net out;
 * 3. overage: per meter with a price, usage over the period beyond the plan's quota × the unit price;
 * 4. pending charges (add-ons, services, credits carried over);
 * 5. tax on the subtotal (see `totalsOf`).
 * Input in another currency than the account's is left out and reported in `skipped` (it stays pending).
 */
export function composeCycleInvoice(input: CycleInvoiceInput): ComposedInvoice {
  const { currency } = input;
  const lines: InvoiceLineDraft[] = [];
  const skipped: string[] = [];
  const period = `${isoDay(input.period.start)} – ${isoDay(input.period.end)}`;
  const plan = input.plan;
  if (plan && plan.currency !== currency) skipped.push(`plan ${plan.planKey} is priced in ${plan.currency}`);
  else if (plan && !plan.inTrial && plan.priceMinor > 0) {
    const charge = planChargeOf(plan, input.cycle);
    lines.push({ kind: 'plan', description: `${plan.planName} plan, ${period}`, ...charge, source: 'plans.plan', sourceId: plan.planId });
  }
  for (const p of input.prorations) {
    if (p.currency !== currency) {
      skipped.push(`plan change ${p.changeId} is in ${p.currency}`);
      continue;
    }
    if (p.fromPlanName === null) {
      // A first plan started during the period: its price for the days left of the billing period.
      const line = firstPlanLine(p, input);
      if (line) lines.push(line);
      continue;
    }
    if (p.netMinor === 0) continue;
    const what = p.fromPlanName ? `${p.fromPlanName} → ${p.toPlanName}` : p.toPlanName;
    lines.push({
      kind: 'proration',
      description: `Plan change ${what} on ${p.changedAt.slice(0, 10)} (charge ${formatMinorUnits(p.chargeMinor, currency)}, credit ${formatMinorUnits(p.creditMinor, currency)})`,
      quantity: 1,
      unitAmountMinor: p.netMinor,
      amountMinor: p.netMinor,
      source: 'plans.change',
      sourceId: p.changeId,
    });
  }
  if (plan) {
    for (const meter of Object.keys(input.usage).sort()) {
      const used = input.usage[meter]!;
      const quota = plan.quotas[meter];
      if (typeof quota !== 'number') continue; // unlimited
      const unitPrice = input.meterPrice(meter, currency, plan.planId);
      if (unitPrice === null || unitPrice === 0) continue;
      const periodQuota = periodQuotaOf(quota, input.meterResets(meter) ?? 'billing_period', plan, input.cycle);
      if (periodQuota === null || used <= periodQuota) continue;
      const over = used - periodQuota;
      if (!Number.isSafeInteger(over * unitPrice)) throw new RangeError(`overage of ${meter} out of range`);
      lines.push({ kind: 'overage', description: `${meter}: ${over} beyond the ${periodQuota} included`, quantity: over, unitAmountMinor: unitPrice, amountMinor: over * unitPrice, source: 'billing.overage', sourceId: meter });
    }
  }
  const chargeIds: string[] = [];
  for (const c of input.pending) {
    if (c.currency !== currency) {
      skipped.push(`charge ${c.source}/${c.sourceId} is in ${c.currency}`);
      continue;
    }
    chargeIds.push(c.id);
    lines.push({
      kind: c.amountMinor < 0 ? 'credit' : 'charge',
      description: c.description,
      quantity: c.quantity,
      unitAmountMinor: c.quantity > 1 ? divideRounded(c.amountMinor, c.quantity) : c.amountMinor,
      amountMinor: c.amountMinor,
      source: c.source,
      sourceId: c.sourceId,
    });
  }
  return finish(currency, lines, input.tax, chargeIds, skipped);
}

const DAY_MS = 86_400_000;

/** The line of a tenant's first plan, started inside the period: the plan's per-cycle price × days left / days of the period. */
function firstPlanLine(p: PlanChangeProration, input: CycleInvoiceInput): InvoiceLineDraft | null {
  if (input.plan) return null; // a plan was in force at the start: it is charged in full
  const periodDays = Math.round((input.period.end.getTime() - input.period.start.getTime()) / DAY_MS);
  const from = Date.parse(`${p.changedAt.slice(0, 10)}T00:00:00Z`);
  const daysLeft = Math.max(0, Math.round((input.period.end.getTime() - from) / DAY_MS));
  const interval = p.toInterval;
  const perCycle = planChargeOf({ priceMinor: p.chargeMinor, interval } as BilledPlan, input.cycle).amountMinor;
  const amount = shareOf(perCycle, daysLeft, periodDays);
  if (amount === 0) return null;
  return { kind: 'plan', description: `${p.toPlanName} plan from ${p.changedAt.slice(0, 10)} (${daysLeft} of ${periodDays} days)`, quantity: 1, unitAmountMinor: amount, amountMinor: amount, source: 'plans.change', sourceId: p.changeId };
}

/** Totals, with a negative subtotal carried to the next invoice instead of taxed (the invoice then totals 0). */
export function finish(currency: string, lines: InvoiceLineDraft[], tax: TaxRule, chargeIds: string[], skipped: string[]): ComposedInvoice {
  let carriedMinor = 0;
  const pre = totalsOf(lines, tax);
  if (pre.subtotalMinor < 0) {
    carriedMinor = pre.subtotalMinor;
    lines.push({ kind: 'charge', description: 'Credit carried to the next invoice', quantity: 1, unitAmountMinor: -carriedMinor, amountMinor: -carriedMinor, source: 'billing.carry', sourceId: null });
  }
  return { currency, lines, tax, chargeIds, carriedMinor, skipped, ...totalsOf(lines, tax) };
}

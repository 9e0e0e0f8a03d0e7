import type { BillingInterval } from '../entities/plan.ts';
import { billingPeriodOf, type BillingPeriod } from './billing-period.ts';
import { daysBetween, isoDate, utcDay } from './calendar.ts';

/** The price side of a plan. */
export interface PlanPrice {
  /** Minor units per interval. */
  amount: number;
  currency: string;
  interval: BillingInterval;
}

export interface ProrationInput {
  /** The plan being left, or null when the tenant had none (nothing to credit). */
  from: PlanPrice | null;
  to: PlanPrice;
  /** The billing period of `from` that contains `changeAt`. */
  period: BillingPeriod;
  changeAt: Date;
}

export interface Proration {
  currency: string;
  changeDate: string;
  /** The old plan's period the credit covers. */
  periodStart: string;
  periodEnd: string;
  periodDays: number;
  /** Days of the period from the change day (included) to the end: the unused rest. */
  remainingDays: number;
  /** Refund for the unused rest of the old plan's period (minor units, >= 0). */
  credit: number;
  /** Charge for the new plan, from the change day to the end of `nextPeriod` (minor units, >= 0). */
  charge: number;
  /** `charge - credit`: positive is owed by the tenant, negative is a credit balance. */
  net: number;
  /** The first period billed on the new plan. */
  nextPeriodStart: string;
  nextPeriodEnd: string;
  /** True when the billing anchor stays (same interval); false when the new plan starts its own periods. */
  anchorKept: boolean;
}

export class ProrationError extends Error {}

/** `amount * part / whole` rounded half up, in exact integer arithmetic (amounts are minor units). */
function share(amount: number, part: number, whole: number): number {
  return Math.floor((2 * amount * part + whole) / (2 * whole));
}

/**
 * Prorates a plan change by whole UTC days. The change day counts as unused, so a change on the first
 * day of a period credits the whole old price and a same-day change back is free.
 * - Same interval: the billing anchor stays; credit the old price and charge the new price, each for
 *   the remaining days of the current period.
 * - Different interval (monthly ↔ annual): credit the old plan's remaining days; the new plan starts its
 *   own period on the change day and is charged in full.
 */
export function prorate(input: ProrationInput): Proration {
  const { from, to, period } = input;
  if (from && from.currency !== to.currency)
    throw new ProrationError(`cannot prorate between currencies ${from.currency} and ${to.currency}`);
  for (const p of [from, to]) {
    if (p && (!Number.isSafeInteger(p.amount) || p.amount < 0)) throw new ProrationError(`price amount must be a non-negative integer of minor units, got ${p.amount}`);
  }
  const changeDay = utcDay(input.changeAt);
  const periodDays = daysBetween(period.start, period.end);
  if (periodDays <= 0) throw new ProrationError('the billing period is empty');
  if (changeDay < utcDay(period.start) || changeDay >= utcDay(period.end)) throw new ProrationError('the change date is outside the billing period');
  const remainingDays = daysBetween(changeDay, period.end);

  const credit = from ? share(from.amount, remainingDays, periodDays) : 0;
  const anchorKept = !!from && from.interval === to.interval;
  const next = anchorKept ? period : billingPeriodOf(changeDay, to.interval, changeDay);
  const charge = anchorKept ? share(to.amount, remainingDays, periodDays) : to.amount;
  return {
    currency: to.currency,
    changeDate: isoDate(changeDay),
    periodStart: isoDate(period.start),
    periodEnd: isoDate(period.end),
    periodDays,
    remainingDays,
    credit,
    charge,
    net: charge - credit,
    nextPeriodStart: isoDate(anchorKept ? changeDay : next.start),
    nextPeriodEnd: isoDate(next.end),
    anchorKept,
  };
}

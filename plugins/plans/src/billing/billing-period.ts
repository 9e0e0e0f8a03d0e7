import type { BillingInterval } from '../entities/plan.ts';
import { addMonthsClamped, utcDay } from './calendar.ts';

/** A half-open period `[start, end)` of whole UTC days. */
export interface BillingPeriod {
  start: Date;
  end: Date;
}

export const MONTHS_PER_INTERVAL: Record<BillingInterval, number> = { monthly: 1, annual: 12 };

/**
 * The billing period containing `at` for a subscription anchored on `anchor`'s day: periods start on
 * the anchor's day of the month every month (or year), clamped to short months (anchor Jan 31 gives
 * Feb 28/29, then Mar 31). Works for dates before the anchor too.
 */
export function billingPeriodOf(anchor: Date, interval: BillingInterval, at: Date): BillingPeriod {
  const step = MONTHS_PER_INTERVAL[interval];
  const a = utcDay(anchor);
  const monthsApart = (at.getUTCFullYear() - a.getUTCFullYear()) * 12 + (at.getUTCMonth() - a.getUTCMonth());
  let n = Math.floor(monthsApart / step);
  const startOf = (k: number) => addMonthsClamped(a, k * step);
  while (startOf(n).getTime() > at.getTime()) n--;
  while (startOf(n + 1).getTime() <= at.getTime()) n++;
  return { start: startOf(n), end: startOf(n + 1) };
}

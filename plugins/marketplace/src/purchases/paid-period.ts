import { shareOf } from '@platform/sdk/money';
import type { AddonPricing } from '../catalog/addon-record.ts';

export const DAY_MS = 86_400_000;

/** `at` plus `months` calendar months in UTC, the day clamped to the target month's last (31 Jan + 1 month = 28/29 Feb). */
export function addMonthsUtc(at: Date, months: number): Date {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(at.getUTCDate(), lastDay);
  return new Date(Date.UTC(y, m, day, at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds(), at.getUTCMilliseconds()));
}

/** The end of the period paid from `start`: a month or a year later; null for a one-off purchase (kept for good). */
export function paidPeriodEnd(start: Date, pricing: AddonPricing): Date | null {
  if (pricing === 'one_off') return null;
  return addMonthsUtc(start, pricing === 'monthly' ? 1 : 12);
}

export interface CancellationRefund {
  refundMinor: number;
  /** Whole days of the period (0 for one-off). */
  periodDays: number;
  /** Days counted as used: every day begun, the day of cancellation included. */
  usedDays: number;
  unusedDays: number;
  rule: string;
}

/**
 * The cancellation rule (README "Cancellation and proration"):
 * - one-off: no refund (what was bought was delivered);
 * - recurring (monthly/annual): the unused share of the paid period is credited back,
 *   `amount × unusedDays / periodDays` rounded half away from zero (`shareOf`), where every day begun counts as
 *   used (the day of cancellation included), so a cancellation on the last day refunds 0 and one at the very
 *   start refunds all but one day; after the period's end nothing is refunded.
 */
export function cancellationRefund(p: { pricing: AddonPricing; amountMinor: number; periodStart: Date; periodEnd: Date | null }, now: Date): CancellationRefund {
  if (p.pricing === 'one_off' || !p.periodEnd)
    return { refundMinor: 0, periodDays: 0, usedDays: 0, unusedDays: 0, rule: 'One-off purchases are not refunded: what was bought was delivered.' };
  const periodDays = Math.max(1, Math.round((p.periodEnd.getTime() - p.periodStart.getTime()) / DAY_MS));
  const elapsed = now.getTime() - p.periodStart.getTime();
  const usedDays = Math.min(periodDays, Math.max(1, Math.ceil(elapsed / DAY_MS)));
  const unusedDays = periodDays - usedDays;
  return {
    refundMinor: shareOf(p.amountMinor, unusedDays, periodDays),
    periodDays,
    usedDays,
    unusedDays,
    rule: `The unused ${unusedDays} of ${periodDays} days of the paid period are credited back (every day begun counts as used).`,
  };
}

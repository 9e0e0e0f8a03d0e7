import type { MeterReset } from '@platform/sdk/entitlements';
import type { BillingInterval } from '../entities/plan.ts';
import { billingPeriodOf } from '../billing/billing-period.ts';

/** The stretch of time a meter's usage is summed over; both null for a running total. */
export interface UsagePeriod {
  start: Date | null;
  end: Date | null;
}

/** Period start under which threshold notices of running totals are kept (they fire again only after usage drops). */
export const RUNNING_TOTAL_PERIOD_START = '-infinity';

/** The usage period of a meter at `at`, for a tenant billed from `anchor` every `interval`. */
export function usagePeriodOf(resets: MeterReset, anchor: Date, interval: BillingInterval, at: Date): UsagePeriod {
  if (resets === 'never') return { start: null, end: null };
  return billingPeriodOf(anchor, resets === 'monthly' ? 'monthly' : interval, at);
}

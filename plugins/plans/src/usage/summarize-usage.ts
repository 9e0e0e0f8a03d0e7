import type { LimitType, MeterReset } from '@platform/sdk/entitlements';
import type { MeterCatalog } from '../meters/meter-catalog.ts';
import { usagePeriodOf } from '../meters/usage-period.ts';
import { usagePercent } from '../entitlements/crossed-thresholds.ts';
import { limitTypeOf, quotaOf, type PlanState } from '../services/plan-state.ts';
import { usedOf, type MeterTotals } from '../services/usage-totals.ts';

export type MeterStatus = 'unlimited' | 'ok' | 'near' | 'reached' | 'over';

/** One meter of a tenant in its current period: the row of the usage summary. */
export interface MeterUsage {
  id: string;
  meter: string;
  label: string;
  unit: string | null;
  resets: MeterReset;
  used: number;
  limit: number | null;
  limitType: LimitType | null;
  remaining: number | null;
  percent: number | null;
  status: MeterStatus;
  periodStart: string | null;
  periodEnd: string | null;
}

export function statusOf(limit: number | null, used: number): MeterStatus {
  const percent = usagePercent(limit, used);
  if (limit === null || percent === null) return 'unlimited';
  if (used > limit) return 'over';
  if (percent >= 100) return 'reached';
  return percent >= 80 ? 'near' : 'ok';
}

/**
 * The usage summary of one tenant: every meter its plan limits, plus every meter it used, with the
 * count of the meter's current period. Meters the catalog no longer knows are left out.
 */
export function summarizeUsage(state: PlanState, totals: Map<string, MeterTotals> | undefined, meters: MeterCatalog): MeterUsage[] {
  const keys = new Set<string>(Object.keys(state.quotas));
  for (const [meter, t] of totals ?? []) if (t.total !== 0 || t.monthly !== 0 || t.billingPeriod !== 0) keys.add(meter);
  const rows: MeterUsage[] = [];
  for (const key of [...keys].sort()) {
    const meter = meters.get(key);
    if (!meter) continue;
    const limit = quotaOf(state, key);
    const used = usedOf(totals?.get(key), meter.resets);
    const period = usagePeriodOf(meter.resets, state.anchor, state.interval, state.at);
    rows.push({
      id: key,
      meter: key,
      label: meter.label,
      unit: meter.unit ?? null,
      resets: meter.resets,
      used,
      limit,
      limitType: limit === null ? null : limitTypeOf(state, key),
      remaining: limit === null ? null : Math.max(0, limit - used),
      percent: usagePercent(limit, used),
      status: statusOf(limit, used),
      periodStart: period.start?.toISOString() ?? null,
      periodEnd: period.end?.toISOString() ?? null,
    });
  }
  return rows;
}

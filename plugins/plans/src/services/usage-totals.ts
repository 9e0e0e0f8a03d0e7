import type { Database, EntityManager } from '@platform/sdk';
import type { MeterReset } from '@platform/sdk/entitlements';
import { billingPeriodOf, type BillingPeriod } from '../billing/billing-period.ts';
import type { UsagePeriod } from '../meters/usage-period.ts';
import type { PlanState } from './plan-state.ts';

/** A meter's usage over the three windows a meter can reset by. */
export interface MeterTotals {
  monthly: number;
  billingPeriod: number;
  total: number;
}

export interface TotalsWindow {
  tenantId: string;
  monthly: BillingPeriod;
  billingPeriod: BillingPeriod;
}

export function totalsWindowOf(state: PlanState): TotalsWindow {
  return {
    tenantId: state.tenantId,
    monthly: billingPeriodOf(state.anchor, 'monthly', state.at),
    billingPeriod: billingPeriodOf(state.anchor, state.interval, state.at),
  };
}

export function usedOf(totals: MeterTotals | undefined, resets: MeterReset): number {
  if (!totals) return 0;
  return resets === 'never' ? totals.total : resets === 'monthly' ? totals.monthly : totals.billingPeriod;
}

/** Per tenant and meter totals for many tenants, each with its own periods, in one query. */
export async function usageTotals(db: Database, em: EntityManager, windows: TotalsWindow[]): Promise<Map<string, Map<string, MeterTotals>>> {
  const out = new Map<string, Map<string, MeterTotals>>();
  if (!windows.length) return out;
  const rows = await db.sql<{ tenant_id: string; meter: string; monthly: number; billing_period: number; total: number }>(
    `WITH w AS (
       SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[], $4::timestamptz[], $5::timestamptz[])
         AS w(tenant_id, m_start, m_end, b_start, b_end)
     )
     SELECT r.tenant_id::text AS tenant_id, r.meter,
            COALESCE(SUM(r.quantity) FILTER (WHERE r.at >= w.m_start AND r.at < w.m_end), 0)::float8 AS monthly,
            COALESCE(SUM(r.quantity) FILTER (WHERE r.at >= w.b_start AND r.at < w.b_end), 0)::float8 AS billing_period,
            COALESCE(SUM(r.quantity), 0)::float8 AS total
       FROM plans_usage_records r JOIN w ON w.tenant_id = r.tenant_id
      GROUP BY r.tenant_id, r.meter`,
    [
      windows.map((w) => w.tenantId),
      windows.map((w) => w.monthly.start.toISOString()),
      windows.map((w) => w.monthly.end.toISOString()),
      windows.map((w) => w.billingPeriod.start.toISOString()),
      windows.map((w) => w.billingPeriod.end.toISOString()),
    ],
    em,
  );
  for (const r of rows) {
    const perMeter = out.get(r.tenant_id) ?? new Map<string, MeterTotals>();
    perMeter.set(r.meter, { monthly: Number(r.monthly), billingPeriod: Number(r.billing_period), total: Number(r.total) });
    out.set(r.tenant_id, perMeter);
  }
  return out;
}

/** Usage of one meter in one period (all time when the period is open). */
export async function usedInPeriod(db: Database, em: EntityManager, tenantId: string, meter: string, period: UsagePeriod): Promise<number> {
  const rows = await db.sql<{ used: number }>(
    `SELECT COALESCE(SUM(quantity), 0)::float8 AS used FROM plans_usage_records
      WHERE tenant_id = $1 AND meter = $2
        AND ($3::timestamptz IS NULL OR at >= $3::timestamptz) AND ($4::timestamptz IS NULL OR at < $4::timestamptz)`,
    [tenantId, meter, period.start?.toISOString() ?? null, period.end?.toISOString() ?? null],
    em,
  );
  return Number(rows[0]?.used ?? 0);
}

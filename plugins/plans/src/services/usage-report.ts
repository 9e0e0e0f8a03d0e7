import { parseDateParam, ProblemError } from '@platform/sdk';
import { summarizeUsage, type MeterUsage } from '../usage/summarize-usage.ts';
import { fillUsageSeries, type SeriesBucket } from '../usage/usage-series.ts';
import { loadGovernance } from './governance-store.ts';
import { loadPlanState, loadPlanStates } from './plan-state.ts';
import type { PlansDeps } from './plans-deps.ts';
import { totalsWindowOf, usageTotals } from './usage-totals.ts';

const MAX_BUCKETS = 1000;
const DAYS_PER_BUCKET: Record<SeriesBucket, number> = { day: 1, week: 7, month: 28 };

function refuse(field: string, detail: string): never {
  throw new ProblemError(400, 'validation_failed', detail, { field });
}

function dateOf(value: string | undefined, field: string): Date | undefined {
  return parseDateParam(field, value, { epochMs: false });
}

export interface TenantNearLimit extends MeterUsage {
  /** `<tenantId>:<meter>` */
  id: string;
  tenantId: string;
  tenantSlug: string;
  tenantName: string;
  planKey: string | null;
  planName: string | null;
}

/** Usage reports: a tenant's summary per meter, a time series for charts, tenants near their limits. */
export function createUsageReport(deps: () => PlansDeps) {
  return {
    /** Every limited or used meter of the tenant, in the period containing `at` (default now). */
    async summary(tenantId: string, atText?: string): Promise<MeterUsage[]> {
      const d = deps();
      const at = dateOf(atText, 'at') ?? d.now();
      const em = d.db.forTenant(tenantId);
      const state = await loadPlanState(em, tenantId, at, await loadGovernance(em));
      const totals = await usageTotals(d.db, em, [totalsWindowOf(state)]);
      return summarizeUsage(state, totals.get(tenantId), d.meters);
    },

    /**
     * Usage of one meter per day/week/month over `[from, to)` (default: the last 30 days), gap-free,
     * with a running total (that of a running-total meter includes everything before `from`).
     */
    async series(tenantId: string, q: { meter?: string; from?: string; to?: string; bucket?: string }) {
      const d = deps();
      if (!q.meter) refuse('meter', 'meter is required');
      const meter = d.meters.get(q.meter);
      if (!meter) refuse('meter', `Unknown meter "${q.meter}"`);
      const bucket = (q.bucket ?? 'day') as SeriesBucket;
      if (!['day', 'week', 'month'].includes(bucket)) refuse('bucket', 'bucket must be day, week or month');
      const to = dateOf(q.to, 'to') ?? d.now();
      const from = dateOf(q.from, 'from') ?? new Date(to.getTime() - 30 * 86_400_000);
      if (from.getTime() >= to.getTime()) refuse('from', 'from must be before to');
      const roughBuckets = (to.getTime() - from.getTime()) / (DAYS_PER_BUCKET[bucket] * 86_400_000);
      if (roughBuckets > MAX_BUCKETS) refuse('from', `at most ${MAX_BUCKETS} buckets; use a wider bucket or a shorter range`);
      const em = d.db.forTenant(tenantId);
      const rows = await d.db.sql<{ bucket: Date; quantity: number }>(
        `SELECT (date_trunc($3, at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC') AS bucket, SUM(quantity)::float8 AS quantity
           FROM plans_usage_records
          WHERE tenant_id = $1 AND meter = $2 AND at >= $4 AND at < $5
          GROUP BY 1 ORDER BY 1`,
        [tenantId, meter.key, bucket, from.toISOString(), to.toISOString()],
        em,
      );
      let baseline = 0;
      if (meter.resets === 'never') {
        const [b] = await d.db.sql<{ total: number }>(
          'SELECT COALESCE(SUM(quantity), 0)::float8 AS total FROM plans_usage_records WHERE tenant_id = $1 AND meter = $2 AND at < $3',
          [tenantId, meter.key, from.toISOString()],
          em,
        );
        baseline = Number(b?.total ?? 0);
      }
      return fillUsageSeries(rows.map((r) => ({ bucket: new Date(r.bucket), quantity: Number(r.quantity) })), from, to, bucket, baseline);
    },

    /** Tenants whose usage of some limited meter is at or above `minPercent` of the quota, fullest first. */
    async nearLimits(minPercent = 80): Promise<TenantNearLimit[]> {
      const d = deps();
      if (!Number.isFinite(minPercent) || minPercent < 0) refuse('minPercent', 'minPercent must be a number >= 0');
      const at = d.now();
      const tenants = await d.tenants.list({ status: ['active', 'provisioning', 'suspended'] });
      const em = d.db.system();
      const states = await loadPlanStates(em, tenants.map((t) => t.id), at, await loadGovernance(em));
      const totals = await usageTotals(d.db, em, [...states.values()].map(totalsWindowOf));
      const out: TenantNearLimit[] = [];
      for (const t of tenants) {
        const state = states.get(t.id)!;
        for (const row of summarizeUsage(state, totals.get(t.id), d.meters)) {
          if (row.percent === null || row.percent < minPercent || row.limit === null) continue;
          out.push({ ...row, id: `${t.id}:${row.meter}`, tenantId: t.id, tenantSlug: t.slug, tenantName: t.name, planKey: state.plan?.key ?? null, planName: state.plan?.name ?? null });
        }
      }
      return out.sort((a, b) => (b.percent ?? 0) - (a.percent ?? 0) || a.tenantSlug.localeCompare(b.tenantSlug));
    },
  };
}

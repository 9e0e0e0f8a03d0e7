import type { PluginContext } from '@platform/sdk';
import { KPIS, defineKpi } from '@platform/sdk/customer-health';
import { API_REQUESTS_TOTAL, API_REQUEST_DURATION_MS } from '../requests/request-metric-names.ts';

/** Cross-tenant KPIs from the API request metrics (hourly rollup): error rate (5xx share) and mean latency per tenant. */
export function contributeRequestKpis(ctx: PluginContext): void {
  ctx.extensions.contribute(KPIS, defineKpi({
    id: 'error-rate',
    label: 'API error rate',
    description: 'Share of API requests answered with a 5xx in the month, per tenant',
    unit: 'percent',
    aggregate: 'average',
    async measure(period) {
      const rows = await ctx.db.sql<{ tenant_id: string | null; total: number; bad: number | null }>(
        `SELECT tenant_id, sum(sum) AS total, sum(sum) FILTER (WHERE dimensions->>'status_class' = '5xx') AS bad
         FROM system_metrics_hourly WHERE metric_name = '${API_REQUESTS_TOTAL}' AND hour >= $1 AND hour < $2 GROUP BY tenant_id`,
        [period.from, period.to],
        ctx.db.system(),
      );
      const total = rows.reduce((n, r) => n + Number(r.total), 0);
      const bad = rows.reduce((n, r) => n + Number(r.bad ?? 0), 0);
      const byTenant = Object.fromEntries(rows.filter((r) => r.tenant_id && Number(r.total) > 0).map((r) => [r.tenant_id!, (100 * Number(r.bad ?? 0)) / Number(r.total)]));
      return { total: total > 0 ? (100 * bad) / total : null, byTenant };
    },
  }));
  ctx.extensions.contribute(KPIS, defineKpi({
    id: 'latency',
    label: 'API latency (mean)',
    description: 'Mean API response time in the month, per tenant',
    unit: 'ms',
    aggregate: 'average',
    async measure(period) {
      const rows = await ctx.db.sql<{ tenant_id: string | null; n: number; s: number }>(
        `SELECT tenant_id, sum(count) AS n, sum(sum) AS s FROM system_metrics_hourly
         WHERE metric_name = '${API_REQUEST_DURATION_MS}' AND hour >= $1 AND hour < $2 GROUP BY tenant_id`,
        [period.from, period.to],
        ctx.db.system(),
      );
      const n = rows.reduce((a, r) => a + Number(r.n), 0);
      const s = rows.reduce((a, r) => a + Number(r.s), 0);
      const byTenant = Object.fromEntries(rows.filter((r) => r.tenant_id && Number(r.n) > 0).map((r) => [r.tenant_id!, Number(r.s) / Number(r.n)]));
      return { total: n > 0 ? s / n : null, byTenant };
    },
  }));
}

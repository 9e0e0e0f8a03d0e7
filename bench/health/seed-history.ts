// 30 days of history at each target's real cadence (tiers: critical 1 min, core 5 min, integrations
// 15 min, external 30 min), and the hourly rollups over it, generated in SQL.
import type { TestKernel } from '@platform/sdk/testing';

export interface SeedTarget {
  monitorId: string;
  targetKey: string;
  tenantId: string | null;
  realIntervalSeconds: number;
}

/** Returns the number of history rows written. `scale` < 1 thins the cadence (fewer rows, same span). */
export async function seedThirtyDays(t: TestKernel, targets: SeedTarget[], scale = 1): Promise<number> {
  const end = new Date(Date.now() - 60_000);
  let rows = 0;
  const groups = new Map<number, SeedTarget[]>();
  for (const x of targets) groups.set(x.realIntervalSeconds, [...(groups.get(x.realIntervalSeconds) ?? []), x]);
  for (const [interval, group] of groups) {
    const step = Math.round(interval / scale);
    for (let i = 0; i < group.length; i += 250) {
      const part = group.slice(i, i + 250);
      const [{ n }] = await t.sql<{ n: number }>(
        `WITH targets AS (SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[]) AS x(monitor_id, target_key, tenant_id)),
              ins AS (
                INSERT INTO health_check_history (monitor_id, target_key, tenant_id, planned_at, checked_at, status, state_status, response_time_ms, message)
                SELECT x.monitor_id, x.target_key, x.tenant_id, ts, ts, s, s, (20 + random() * 200)::int, 'ok'
                FROM targets x, generate_series($4::timestamptz - interval '30 days', $4::timestamptz, make_interval(secs => $5)) AS ts,
                     LATERAL (SELECT CASE WHEN random() < 0.002 THEN 'unhealthy' WHEN random() < 0.01 THEN 'degraded' ELSE 'healthy' END AS s) st
                RETURNING 1)
         SELECT count(*)::int AS n FROM ins`,
        [part.map((x) => x.monitorId), part.map((x) => x.targetKey), part.map((x) => x.tenantId), end, step],
      );
      rows += n;
    }
  }
  await t.sql(`INSERT INTO health_check_rollup_hourly (monitor_id, target_key, tenant_id, hour, checks, healthy, degraded, unhealthy, avg_ms, p95_ms, max_ms)
               SELECT monitor_id, target_key, (array_agg(tenant_id))[1], date_trunc('hour', checked_at), count(*),
                      count(*) FILTER (WHERE state_status = 'healthy'), count(*) FILTER (WHERE state_status = 'degraded'), count(*) FILTER (WHERE state_status = 'unhealthy'),
                      avg(response_time_ms)::int, max(response_time_ms), max(response_time_ms)
               FROM health_check_history GROUP BY monitor_id, target_key, date_trunc('hour', checked_at)
               ON CONFLICT DO NOTHING`);
  await t.sql('ANALYZE health_check_history');
  await t.sql('ANALYZE health_check_rollup_hourly');
  return rows;
}

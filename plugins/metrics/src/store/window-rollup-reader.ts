import { metricWindowStart, type MetricKind, type MetricWindowQuery, type MetricWindowRollup } from '@platform/sdk/metrics';
import { type Database } from '@platform/sdk';
import { toPoint, type PointRow } from './point-row.ts';

interface RollupRow extends Omit<PointRow, 'last'> {
  window_index: number;
  kind: MetricKind;
  tenant_id: string | null;
  dimensions: Record<string, string>;
  /** [epoch seconds of the slot, value] of the newest non-null `last`. */
  newest_last: number[] | null;
}

/**
 * Every requested window of `system_metrics_minute`, rolled up per series in one statement: the windows
 * are joined as a set (metric, first slot) against the rows the `(metric_name, minute)` index finds for
 * all of them (those metrics, from the earliest first slot) and grouped per window and series, so
 * PostgreSQL returns one row per series and window, not one per minute. Each row is what `rollupPoints`
 * makes of the series' minute points. No ordered aggregate, so PostgreSQL can hash-aggregate (sorting
 * the rows by their jsonb dimensions was most of the cost): the newest `last` is the greatest
 * [slot, value] pair.
 */
export async function readWindowRollups(db: Database, windows: readonly MetricWindowQuery[], at: number): Promise<MetricWindowRollup[]> {
  if (windows.length === 0) return [];
  const metrics = windows.map((w) => w.metric);
  const since = windows.map((w) => metricWindowStart(at, w.minutes));
  const rows = await db.system().transactional(async (em) => {
    // Room to hash-aggregate in memory: with the default 4 MB PostgreSQL may sort 50,000 rows by jsonb on disk instead.
    await db.sql(`SET LOCAL work_mem = '32MB'`, [], em);
    return db.sql<RollupRow>(
      `WITH w AS (SELECT * FROM unnest($1::text[], $2::timestamptz[]) WITH ORDINALITY AS w(metric, since, window_index))
       SELECT w.window_index::int AS window_index, m.kind, m.tenant_id, m.dimensions, max(m.minute) AS at,
              sum(m.count) AS count, sum(m.sum) AS sum, min(m.min) AS min, max(m.max) AS max,
              max(ARRAY[extract(epoch FROM m.minute)::float8, m.last]) FILTER (WHERE m.last IS NOT NULL) AS newest_last,
              metrics_sum_buckets(m.buckets) FILTER (WHERE m.buckets IS NOT NULL) AS buckets
       FROM w JOIN system_metrics_minute m ON m.metric_name = w.metric AND m.minute >= w.since
       WHERE m.metric_name = ANY($1::text[]) AND m.minute >= $3 AND m.minute <= $4
       GROUP BY w.window_index, m.kind, m.tenant_id, m.dimensions`,
      [metrics, since.map((t) => new Date(t)), new Date(Math.min(...since)), new Date(at)],
      em,
    );
  });
  const out: MetricWindowRollup[] = windows.map((w) => ({ metric: w.metric, minutes: w.minutes, series: [] }));
  for (const r of rows) {
    const window = out[r.window_index - 1]!;
    const point = toPoint({ ...r, last: r.newest_last ? r.newest_last[1]! : null });
    if (r.newest_last) point.at = Math.round(r.newest_last[0]! * 1000);
    window.series.push({ metric: window.metric, kind: r.kind, tenantId: r.tenant_id, dimensions: r.dimensions, points: [point] });
  }
  return out;
}

import type { Database, EntityManager } from '@platform/sdk';
import { maintainHistoryPartitions } from './history-partitions.ts';

export const HISTORY_RETENTION_DAYS = 30;
export const ROLLUP_RETENTION_DAYS = 400;

/**
 * Recomputes the hourly rollups from the last rolled-up hour (at most the retention window back) up to
 * `now`; the current, unfinished hour is rolled up too and recomputed on the next run. Counts use the
 * debounced status (what people saw).
 */
export async function rollUpHistory(db: Database, now: Date, em?: EntityManager): Promise<number> {
  const [{ from }] = await db.sql<{ from: Date }>(
    `SELECT greatest(
       coalesce((SELECT max(hour) FROM health_check_rollup_hourly) - interval '1 hour', $1::timestamptz - interval '${HISTORY_RETENTION_DAYS} days'),
       $1::timestamptz - interval '${HISTORY_RETENTION_DAYS} days') AS from`,
    [now],
    em,
  );
  const rows = await db.sql<{ n: number }>(
    `WITH upserted AS (
       INSERT INTO health_check_rollup_hourly (monitor_id, target_key, tenant_id, hour, checks, healthy, degraded, unhealthy, avg_ms, p95_ms, max_ms)
       SELECT monitor_id, target_key, (array_agg(tenant_id))[1], date_trunc('hour', checked_at) AS hour, count(*),
              count(*) FILTER (WHERE state_status = 'healthy'), count(*) FILTER (WHERE state_status = 'degraded'),
              count(*) FILTER (WHERE state_status = 'unhealthy'), round(avg(response_time_ms))::int,
              round(percentile_cont(0.95) WITHIN GROUP (ORDER BY response_time_ms))::int, max(response_time_ms)
       FROM health_check_history WHERE checked_at >= date_trunc('hour', $1::timestamptz) AND checked_at <= $2
       GROUP BY monitor_id, target_key, date_trunc('hour', checked_at)
       ON CONFLICT (monitor_id, target_key, hour) DO UPDATE SET checks = EXCLUDED.checks, healthy = EXCLUDED.healthy, degraded = EXCLUDED.degraded,
         unhealthy = EXCLUDED.unhealthy, avg_ms = EXCLUDED.avg_ms, p95_ms = EXCLUDED.p95_ms, max_ms = EXCLUDED.max_ms
       RETURNING 1)
     SELECT count(*)::int AS n FROM upserted`,
    [from, now],
    em,
  );
  return rows[0]?.n ?? 0;
}

/**
 * Retention: history partitions past 30 days are dropped (and the boundary trimmed), rollups past 400
 * days and scheduler heartbeats older than a day deleted. Also creates the partitions of the days ahead.
 */
export async function pruneHistory(db: Database, now: Date, em?: EntityManager) {
  const partitions = await maintainHistoryPartitions(db, now.getTime(), HISTORY_RETENTION_DAYS, 3, em);
  await db.sql(`DELETE FROM health_check_rollup_hourly WHERE hour < $1::timestamptz - interval '${ROLLUP_RETENTION_DAYS} days'`, [now], em);
  await db.sql(`DELETE FROM health_scheduler_instances WHERE last_beat_at < $1::timestamptz - interval '1 day'`, [now], em);
  return partitions;
}

import type { Database, EntityManager } from '@platform/sdk';
import type { MetricsOptions } from '../metrics-options.ts';

/** Deletes minute rows, hourly rows and error samples past their retention. Returns the rows deleted. */
export async function applyMetricRetention(db: Database, em: EntityManager, options: Pick<MetricsOptions, 'minuteRetentionHours' | 'hourlyRetentionDays' | 'errorSampleRetentionDays'>, now: number): Promise<number> {
  const hour = 3_600_000;
  let deleted = 0;
  const run = async (sql: string, cutoff: number) => {
    const rows = await db.sql<{ n: number }>(`WITH d AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM d`, [new Date(cutoff)], em);
    deleted += rows[0]?.n ?? 0;
  };
  await run('DELETE FROM system_metrics_minute WHERE minute < $1', now - options.minuteRetentionHours * hour);
  await run('DELETE FROM system_metrics_hourly WHERE hour < $1', now - options.hourlyRetentionDays * 24 * hour);
  await run('DELETE FROM metrics_error_samples WHERE at < $1', now - options.errorSampleRetentionDays * 24 * hour);
  return deleted;
}

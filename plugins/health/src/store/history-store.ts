import type { Database } from '@platform/sdk';
import type { StatusCounts } from '../uptime/uptime-math.ts';

export interface HistoryPoint {
  checkedAt: string;
  status: string;
  stateStatus: string;
  responseTimeMs: number;
  message: string;
}

export interface RollupPoint extends StatusCounts {
  hour: string;
  avgMs: number;
  p95Ms: number;
  maxMs: number;
}

export async function rawHistory(db: Database, monitorId: string, targetKey: string, from: Date, to: Date, limit: number): Promise<HistoryPoint[]> {
  const rows = await db.sql<{ checked_at: Date; status: string; state_status: string; response_time_ms: number; message: string }>(
    `SELECT checked_at, status, state_status, response_time_ms, message FROM health_check_history
     WHERE monitor_id = $1 AND target_key = $2 AND checked_at >= $3 AND checked_at <= $4 ORDER BY checked_at DESC LIMIT $5`,
    [monitorId, targetKey, from, to, limit],
  );
  return rows.reverse().map((r) => ({ checkedAt: new Date(r.checked_at).toISOString(), status: r.status, stateStatus: r.state_status, responseTimeMs: r.response_time_ms, message: r.message }));
}

export async function recentFailures(db: Database, monitorId: string, targetKey: string, limit: number): Promise<HistoryPoint[]> {
  const rows = await db.sql<{ checked_at: Date; status: string; state_status: string; response_time_ms: number; message: string }>(
    `SELECT checked_at, status, state_status, response_time_ms, message FROM health_check_history
     WHERE monitor_id = $1 AND target_key = $2 AND status <> 'healthy' AND checked_at >= now() - interval '30 days'
     ORDER BY checked_at DESC LIMIT $3`,
    [monitorId, targetKey, limit],
  );
  return rows.map((r) => ({ checkedAt: new Date(r.checked_at).toISOString(), status: r.status, stateStatus: r.state_status, responseTimeMs: r.response_time_ms, message: r.message }));
}

interface RollupRow {
  hour: Date;
  checks: number;
  healthy: number;
  degraded: number;
  unhealthy: number;
  avg_ms: number;
  p95_ms: number;
  max_ms: number;
}

const toRollupPoint = (r: RollupRow): RollupPoint => ({
  hour: new Date(r.hour).toISOString(),
  checks: Number(r.checks),
  healthy: Number(r.healthy),
  degraded: Number(r.degraded),
  unhealthy: Number(r.unhealthy),
  avgMs: Number(r.avg_ms),
  p95Ms: Number(r.p95_ms),
  maxMs: Number(r.max_ms),
});

export async function hourlyRollups(db: Database, monitorId: string, targetKey: string, from: Date, to: Date): Promise<RollupPoint[]> {
  const rows = await db.sql<RollupRow>(
    `SELECT hour, checks, healthy, degraded, unhealthy, avg_ms, p95_ms, max_ms FROM health_check_rollup_hourly
     WHERE monitor_id = $1 AND target_key = $2 AND hour >= date_trunc('hour', $3::timestamptz) AND hour < $4 ORDER BY hour`,
    [monitorId, targetKey, from, to],
  );
  return rows.map(toRollupPoint);
}

/** Sums of rollups per (monitor, target) since each of several instants, in one scan. */
export async function countsSince(
  db: Database,
  monitorIds: string[],
  targetKeys: string[] | null,
  since: Record<string, Date>,
): Promise<Map<string, Record<string, StatusCounts>>> {
  const labels = Object.keys(since);
  const oldest = new Date(Math.min(...Object.values(since).map((d) => d.getTime())));
  const sums = labels
    .map((l, i) => {
      const p = `$${4 + i}`;
      return `sum(checks) FILTER (WHERE hour >= ${p}) AS c${i}, sum(healthy) FILTER (WHERE hour >= ${p}) AS h${i}, sum(degraded) FILTER (WHERE hour >= ${p}) AS d${i}, sum(unhealthy) FILTER (WHERE hour >= ${p}) AS u${i}`;
    })
    .join(', ');
  const rows = await db.sql<Record<string, unknown>>(
    `SELECT monitor_id, target_key, ${sums} FROM health_check_rollup_hourly
     WHERE monitor_id = ANY($1::text[]) AND ($2::text[] IS NULL OR target_key = ANY($2::text[])) AND hour >= $3
     GROUP BY monitor_id, target_key`,
    [monitorIds, targetKeys, oldest, ...labels.map((l) => since[l])],
  );
  const out = new Map<string, Record<string, StatusCounts>>();
  for (const r of rows) {
    const windows: Record<string, StatusCounts> = {};
    labels.forEach((l, i) => {
      windows[l] = { checks: Number(r[`c${i}`] ?? 0), healthy: Number(r[`h${i}`] ?? 0), degraded: Number(r[`d${i}`] ?? 0), unhealthy: Number(r[`u${i}`] ?? 0) };
    });
    out.set(`${r.monitor_id}/${r.target_key}`, windows);
  }
  return out;
}

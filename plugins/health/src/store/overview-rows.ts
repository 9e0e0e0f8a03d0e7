import type { Database, ObservedStatus } from '@platform/sdk';
import type { MonitorStateRow } from './monitor-state-store.ts';
import { PLATFORM_TARGET } from '../targets/monitor-target.ts';

export interface TallyRow {
  monitor_id: string;
  status: ObservedStatus;
  n: number;
}

/**
 * Everything the master status reads, in one round trip: the latest scheduler heartbeat, the state
 * rows of the platform monitors (primary-key lookups), and per tenant monitor the count of fresh results
 * by status (a result is fresh after its monitor's cutoff).
 */
export async function loadOverviewRows(
  db: Database,
  platformMonitorIds: string[],
  tally: { monitorIds: string[]; freshAfter: Date[] },
): Promise<{ lastBeatAt: Date | null; platform: MonitorStateRow[]; tallies: TallyRow[] }> {
  const [row] = await db.sql<{ last_beat: Date | string | null; platform: MonitorStateRow[]; tallies: TallyRow[] }>(
    `SELECT
       (SELECT max(last_beat_at) FROM health_scheduler_instances) AS last_beat,
       (SELECT coalesce(json_agg(s), '[]'::json) FROM (
          SELECT monitor_id, target_key, tenant_id, status, status_since, consecutive_failures, consecutive_successes,
                 last_result_status, response_time_ms, message, details, last_checked_at
          FROM health_monitor_state WHERE (monitor_id, target_key) IN (SELECT m, $4::text FROM unnest($1::text[]) AS m)) s) AS platform,
       (SELECT coalesce(json_agg(t), '[]'::json) FROM (
          SELECT s.monitor_id, s.status, count(*)::int AS n
          FROM health_monitor_state s JOIN unnest($2::text[], $3::timestamptz[]) AS c(monitor_id, fresh_after) ON c.monitor_id = s.monitor_id
          WHERE s.last_checked_at >= c.fresh_after AND s.status <> 'unknown'
          GROUP BY 1, 2) t) AS tallies`,
    [platformMonitorIds, tally.monitorIds, tally.freshAfter, PLATFORM_TARGET],
  );
  return { lastBeatAt: row?.last_beat ? new Date(row.last_beat) : null, platform: row?.platform ?? [], tallies: row?.tallies ?? [] };
}

import type { Database, EntityManager } from '@platform/sdk';
import type { ObservedStatus } from '@platform/sdk/monitors';

/** A row of `health_monitor_state`, as the API reads it. */
export interface MonitorStateRow {
  monitor_id: string;
  target_key: string;
  tenant_id: string | null;
  status: ObservedStatus;
  status_since: Date | null;
  consecutive_failures: number;
  consecutive_successes: number;
  last_result_status: string | null;
  response_time_ms: number | null;
  message: string | null;
  details: Record<string, unknown> | null;
  last_checked_at: Date | null;
}

const CHUNK = 2000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Creates the state and claim rows of newly discovered targets (a claim needs its row to exist). */
export async function ensureStateRows(db: Database, targets: readonly { monitorId: string; targetKey: string; tenantId: string | null }[]): Promise<void> {
  for (const part of chunks(targets)) {
    await db.sql(
      `WITH t AS (SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[]) AS x(monitor_id, target_key, tenant_id)),
            s AS (INSERT INTO health_monitor_state (monitor_id, target_key, tenant_id) SELECT * FROM t ON CONFLICT (monitor_id, target_key) DO NOTHING)
       INSERT INTO health_check_claims (monitor_id, target_key) SELECT monitor_id, target_key FROM t ON CONFLICT (monitor_id, target_key) DO NOTHING`,
      [part.map((t) => t.monitorId), part.map((t) => t.targetKey), part.map((t) => t.tenantId)],
    );
  }
}

/** The latest planned time claimed per target (`<monitorId>/<targetKey>` -> ms). */
export async function loadClaims(db: Database): Promise<Map<string, number>> {
  const rows = await db.sql<{ monitor_id: string; target_key: string; last_planned_at: Date | string | null }>(
    'SELECT monitor_id, target_key, last_planned_at FROM health_check_claims WHERE last_planned_at IS NOT NULL',
  );
  return new Map(rows.map((r) => [`${r.monitor_id}/${r.target_key}`, new Date(r.last_planned_at!).getTime()]));
}

export async function loadStates(db: Database, where: { monitorIds?: string[]; targetKeys?: string[]; onlyFailing?: boolean } = {}, em?: EntityManager): Promise<MonitorStateRow[]> {
  const conds: string[] = [];
  const params: unknown[] = [];
  if (where.monitorIds) {
    params.push(where.monitorIds);
    conds.push(`monitor_id = ANY($${params.length}::text[])`);
  }
  if (where.targetKeys) {
    params.push(where.targetKeys);
    conds.push(`target_key = ANY($${params.length}::text[])`);
  }
  if (where.onlyFailing) conds.push(`(consecutive_failures > 0 OR status = 'unhealthy')`);
  return db.sql<MonitorStateRow>(
    `SELECT monitor_id, target_key, tenant_id, status, status_since, consecutive_failures, consecutive_successes, last_result_status,
            response_time_ms, message, details, last_checked_at
     FROM health_monitor_state ${conds.length ? 'WHERE ' + conds.join(' AND ') : ''}`,
    params,
    em,
  );
}

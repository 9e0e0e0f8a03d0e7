import type { Database, EntityManager } from '@platform/sdk';

/** Operator changes to one monitor (thresholds editor); null fields fall back to the monitor's defaults. */
export interface MonitorOverride {
  monitorId: string;
  enabled: boolean;
  degradedMs: number | null;
  unhealthyMs: number | null;
  intervalSeconds: number | null;
  timeoutMs: number | null;
  failureThreshold: number | null;
  recoveryThreshold: number | null;
  updatedAt: string | null;
}

interface OverrideRow {
  monitor_id: string;
  enabled: boolean;
  degraded_ms: number | null;
  unhealthy_ms: number | null;
  interval_seconds: number | null;
  timeout_ms: number | null;
  failure_threshold: number | null;
  recovery_threshold: number | null;
  updated_at: Date | null;
}

const toOverride = (r: OverrideRow): MonitorOverride => ({
  monitorId: r.monitor_id,
  enabled: r.enabled,
  degradedMs: r.degraded_ms,
  unhealthyMs: r.unhealthy_ms,
  intervalSeconds: r.interval_seconds,
  timeoutMs: r.timeout_ms,
  failureThreshold: r.failure_threshold,
  recoveryThreshold: r.recovery_threshold,
  updatedAt: r.updated_at ? new Date(r.updated_at).toISOString() : null,
});

export async function loadMonitorOverrides(db: Database): Promise<Map<string, MonitorOverride>> {
  const rows = await db.sql<OverrideRow>('SELECT * FROM health_monitor_overrides');
  return new Map(rows.map((r) => [r.monitor_id, toOverride(r)]));
}

export type OverrideChanges = Partial<Omit<MonitorOverride, 'monitorId' | 'updatedAt'>>;

/**
 * Saves an override inside `tx` (the caller audits in it too); fields absent from `changes` keep their value, explicit
 * nulls reset to the default.
 */
export async function saveMonitorOverride(db: Database, monitorId: string, changes: OverrideChanges, tx: EntityManager): Promise<MonitorOverride> {
  // Locked until the transaction ends: two edits of one monitor apply one after the other, none lost.
  const [locked] = await db.sql<OverrideRow>('SELECT * FROM health_monitor_overrides WHERE monitor_id = $1 FOR UPDATE', [monitorId], tx);
  const current = locked ? toOverride(locked) : undefined;
  const next = {
    enabled: changes.enabled ?? current?.enabled ?? true,
    degradedMs: 'degradedMs' in changes ? changes.degradedMs ?? null : current?.degradedMs ?? null,
    unhealthyMs: 'unhealthyMs' in changes ? changes.unhealthyMs ?? null : current?.unhealthyMs ?? null,
    intervalSeconds: 'intervalSeconds' in changes ? changes.intervalSeconds ?? null : current?.intervalSeconds ?? null,
    timeoutMs: 'timeoutMs' in changes ? changes.timeoutMs ?? null : current?.timeoutMs ?? null,
    failureThreshold: 'failureThreshold' in changes ? changes.failureThreshold ?? null : current?.failureThreshold ?? null,
    recoveryThreshold: 'recoveryThreshold' in changes ? changes.recoveryThreshold ?? null : current?.recoveryThreshold ?? null,
  };
  const [row] = await db.sql<OverrideRow>(
    `INSERT INTO health_monitor_overrides (monitor_id, enabled, degraded_ms, unhealthy_ms, interval_seconds, timeout_ms, failure_threshold, recovery_threshold, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())
     ON CONFLICT (monitor_id) DO UPDATE SET enabled = EXCLUDED.enabled, degraded_ms = EXCLUDED.degraded_ms, unhealthy_ms = EXCLUDED.unhealthy_ms,
       interval_seconds = EXCLUDED.interval_seconds, timeout_ms = EXCLUDED.timeout_ms, failure_threshold = EXCLUDED.failure_threshold,
       recovery_threshold = EXCLUDED.recovery_threshold, updated_at = now()
     RETURNING *`,
    [monitorId, next.enabled, next.degradedMs, next.unhealthyMs, next.intervalSeconds, next.timeoutMs, next.failureThreshold, next.recoveryThreshold],
    tx,
  );
  return toOverride(row);
}

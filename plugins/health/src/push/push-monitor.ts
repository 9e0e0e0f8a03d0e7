import { CheckFailure, defineMonitor, monitorResult, type MonitorDefinition } from '@platform/sdk/monitors';
import { Type, type Database } from '@platform/sdk';
import type { BuiltInMonitor, TargetSeed } from '../targets/monitor-entry.ts';

export const PUSH_MONITOR_ID = 'push';

/** Pure: the verdict on a heartbeat, given when it last pinged. */
export function judgeHeartbeat(
  ping: { lastPingAt: number | null; lastPingStatus: string | null; lastPingMessage: string | null; createdAt: number },
  rule: { expectedIntervalSeconds: number; graceSeconds: number },
  now: number,
): { status: 'healthy' | 'unhealthy'; message: string; overdueSeconds: number } {
  const deadlineMs = (rule.expectedIntervalSeconds + rule.graceSeconds) * 1000;
  const since = ping.lastPingAt ?? ping.createdAt;
  const overdueSeconds = Math.max(0, Math.round((now - since - deadlineMs) / 1000));
  if (ping.lastPingAt !== null && ping.lastPingStatus === 'down') return { status: 'unhealthy', message: `reported down${ping.lastPingMessage ? `: ${ping.lastPingMessage}` : ''}`, overdueSeconds };
  if (now - since > deadlineMs) return { status: 'unhealthy', message: ping.lastPingAt === null ? 'no ping received yet' : `no ping for ${Math.round((now - since) / 1000)} s (expected every ${rule.expectedIntervalSeconds} s)`, overdueSeconds };
  return { status: 'healthy', message: ping.lastPingAt === null ? 'waiting for the first ping' : 'ping received on time', overdueSeconds: 0 };
}

interface PushRow {
  id: string;
  name: string;
  expected_interval_seconds: number;
  grace_seconds: number;
  last_ping_at: Date | null;
  last_ping_status: string | null;
  last_ping_message: string | null;
  created_at: Date;
}

/** The built-in `push` monitor: one target per push monitor row, checked at least every minute. */
export function createPushMonitor(db: Database, clock: () => number, criticalIntervalMs: () => number): BuiltInMonitor {
  const monitor: MonitorDefinition<any> = defineMonitor({
    id: PUSH_MONITOR_ID,
    name: 'Heartbeats',
    description: 'Cron jobs and backups that ping a tokenized URL',
    tier: 'critical',
    scope: 'platform',
    configSchema: Type.Object({ pushMonitorId: Type.String() }),
    defaultThresholds: { degradedMs: 60_000, unhealthyMs: 120_000 },
    async check(ctx) {
      const [row] = await db.sql<PushRow>('SELECT * FROM health_push_monitors WHERE id = $1', [ctx.config.pushMonitorId]);
      if (!row) throw new CheckFailure('push monitor deleted');
      const verdict = judgeHeartbeat(
        { lastPingAt: row.last_ping_at ? new Date(row.last_ping_at).getTime() : null, lastPingStatus: row.last_ping_status, lastPingMessage: row.last_ping_message, createdAt: new Date(row.created_at).getTime() },
        { expectedIntervalSeconds: row.expected_interval_seconds, graceSeconds: row.grace_seconds },
        clock(),
      );
      return monitorResult(ctx, verdict.status, verdict.message, { lastPingAt: row.last_ping_at ? new Date(row.last_ping_at).toISOString() : null, overdueSeconds: verdict.overdueSeconds });
    },
  });
  return {
    monitor,
    // The grace period already absorbs a late ping: one overdue check is enough, one ping recovers.
    policy: { failureThreshold: 1, recoveryThreshold: 1 },
    async listTargets(): Promise<TargetSeed[]> {
      const rows = await db.sql<PushRow>('SELECT * FROM health_push_monitors ORDER BY name');
      return rows.map((r) => ({
        targetKey: r.id,
        label: r.name,
        tenant: null,
        config: { pushMonitorId: r.id },
        problem: null,
        intervalMs: Math.max(1000, Math.min(criticalIntervalMs(), Math.floor((r.expected_interval_seconds * 1000) / 2))),
      }));
    },
  };
}

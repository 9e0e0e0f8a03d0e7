import type { PluginContext } from '@platform/sdk';
import type { HealthRuntime } from '../health-runtime.ts';
import { staleAfterMs } from '../status/staleness.ts';
import { isScheduled } from '../targets/monitor-target.ts';
import '../health-events.ts';

/**
 * Targets whose last result is too old are set to `unknown` (counters kept), with a
 * `health.status_changed` event, so that alerting learns that nothing is being checked any more.
 */
export async function markStaleTargetsUnknown(ctx: PluginContext, runtime: HealthRuntime): Promise<number> {
  await runtime.directory.ensureFresh();
  const now = runtime.options.clock();
  const targets = runtime.directory.all().filter(isScheduled);
  if (targets.length === 0) return 0;
  const em = ctx.db.system();
  const marked = await em.transactional(async (tem) => {
    const rows = await ctx.db.sql<{ monitor_id: string; target_key: string; tenant_id: string | null; status: 'healthy' | 'degraded' | 'unhealthy'; last_checked_at: Date | null }>(
      `UPDATE health_monitor_state s SET status = 'unknown', status_since = $4, updated_at = now()
       FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS c(monitor_id, target_key, cutoff),
            LATERAL (SELECT s2.status AS old_status FROM health_monitor_state s2 WHERE s2.monitor_id = c.monitor_id AND s2.target_key = c.target_key) o
       WHERE s.monitor_id = c.monitor_id AND s.target_key = c.target_key AND s.status <> 'unknown'
         AND (s.last_checked_at IS NULL OR s.last_checked_at < c.cutoff)
       RETURNING s.monitor_id, s.target_key, s.tenant_id, o.old_status AS status, s.last_checked_at`,
      [targets.map((t) => t.monitorId), targets.map((t) => t.targetKey), targets.map((t) => new Date(now - staleAfterMs({ intervalMs: t.intervalMs, timeoutMs: t.entry.timeoutMs }))), new Date(now)],
      tem,
    );
    for (const r of rows) {
      const entry = runtime.directory.entry(r.monitor_id);
      await ctx.events.emitDurable(tem, 'health.status_changed', {
        monitorId: r.monitor_id,
        monitorName: entry?.monitor.name ?? r.monitor_id,
        scope: entry?.monitor.scope ?? 'platform',
        targetKey: r.target_key,
        tenantId: r.tenant_id,
        from: r.status,
        to: 'unknown',
        responseTimeMs: null,
        message: r.last_checked_at ? `no check result since ${new Date(r.last_checked_at).toISOString()}` : 'never checked',
        at: new Date(now).toISOString(),
      });
    }
    return rows.length;
  });
  if (marked > 0) {
    runtime.snapshot.invalidate();
    runtime.snapshot.announce();
  }
  return marked;
}

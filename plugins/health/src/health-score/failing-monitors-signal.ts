import type { PluginContext } from '@platform/sdk';
import { HEALTH_SIGNALS, defineHealthSignal } from '@platform/sdk/customer-health';

/**
 * Failing monitors, 10 points (half of technical health) of the customer health score: the share of the tenant's
 * monitors that are healthy now (a degraded one counts half). Neutral for a tenant without monitors.
 */
export function contributeFailingMonitorsSignal(ctx: PluginContext): void {
  ctx.extensions.contribute(HEALTH_SIGNALS, defineHealthSignal({
    id: 'failing-monitors',
    label: 'Technical health: monitors',
    weight: 10,
    async compute(_call, tenant) {
      const [row] = await ctx.db.sql<{ total: number; unhealthy: number; degraded: number }>(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'unhealthy')::int AS unhealthy, count(*) FILTER (WHERE status = 'degraded')::int AS degraded
         FROM health_monitor_state WHERE tenant_id = $1 AND status <> 'unknown'`,
        [tenant.id],
        ctx.db.system(),
      );
      const total = row?.total ?? 0;
      if (total === 0) return { neutral: true, reason: 'No monitors checked for this tenant' };
      if (row.unhealthy + row.degraded === 0) return { score: 1, reason: `All ${total} monitors healthy` };
      return { score: 1 - (row.unhealthy + row.degraded / 2) / total, reason: `${row.unhealthy} unhealthy and ${row.degraded} degraded of ${total} monitors` };
    },
  }));
}

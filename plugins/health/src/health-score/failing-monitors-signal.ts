import type { PluginContext } from '@platform/sdk';
import { HEALTH_SIGNALS, defineHealthSignal, type HealthSignalResult } from '@platform/sdk/customer-health';

interface MonitorCounts {
  total: number;
  unhealthy: number;
  degraded: number;
}

async function countsOf(ctx: PluginContext, tenantIds: readonly string[]): Promise<Map<string, MonitorCounts>> {
  const rows = await ctx.db.sql<MonitorCounts & { tenant_id: string }>(
    `SELECT tenant_id, count(*)::int AS total, count(*) FILTER (WHERE status = 'unhealthy')::int AS unhealthy, count(*) FILTER (WHERE status = 'degraded')::int AS degraded
     FROM health_monitor_state WHERE tenant_id = ANY($1::uuid[]) AND status <> 'unknown' GROUP BY tenant_id`,
    [tenantIds],
    ctx.db.system(),
  );
  return new Map(rows.map((r) => [r.tenant_id, r]));
}

function monitorsOf(row: MonitorCounts | undefined): HealthSignalResult {
  const total = row?.total ?? 0;
  if (!row || total === 0) return { neutral: true, reason: 'No monitors checked for this tenant' };
  if (row.unhealthy + row.degraded === 0) return { score: 1, reason: `All ${total} monitors healthy` };
  return { score: 1 - (row.unhealthy + row.degraded / 2) / total, reason: `${row.unhealthy} unhealthy and ${row.degraded} degraded of ${total} monitors` };
}

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
      return monitorsOf((await countsOf(ctx, [tenant.id])).get(tenant.id));
    },
    async computeMany(_call, tenants) {
      const counts = await countsOf(ctx, tenants.map((t) => t.id));
      return new Map(tenants.map((t) => [t.id, monitorsOf(counts.get(t.id))]));
    },
  }));
}

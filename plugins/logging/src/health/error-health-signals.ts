import type { PluginContext } from '@platform/sdk';
import { HEALTH_SIGNALS, defineHealthSignal, linearScore } from '@platform/sdk/customer-health';

const DAY = 86_400_000;

async function errorsSince(ctx: PluginContext, tenantId: string, since: Date): Promise<number> {
  const [row] = await ctx.db.sql<{ n: string | null }>(
    `SELECT sum(count)::text AS n FROM logging_error_group_hours WHERE tenant_id = $1 AND hour >= date_trunc('hour', $2::timestamptz)`,
    [tenantId, since],
    ctx.db.system(),
  );
  return Number(row?.n ?? 0);
}

/**
 * Two signals of the customer health score from the tenant's grouped errors:
 * - `error-rate`, 10 points (half of technical health): no errors a day on average over the window scores in
 *   full, 20 or more a day nothing;
 * - `recent-success`, a +5 bonus: no error at all in the last 7 days.
 */
export function contributeErrorHealthSignals(ctx: PluginContext): void {
  ctx.extensions.contribute(HEALTH_SIGNALS, defineHealthSignal({
    id: 'error-rate',
    label: 'Technical health: errors',
    weight: 10,
    async compute(_call, tenant, window) {
      const errors = await errorsSince(ctx, tenant.id, window.from);
      const perDay = errors / window.days;
      if (errors === 0) return { score: 1, reason: `No errors in the last ${window.days} days` };
      return { score: linearScore(perDay, 0, 20), reason: `${errors} error${errors === 1 ? '' : 's'} in the last ${window.days} days (${perDay.toFixed(1)} a day)` };
    },
  }));
  ctx.extensions.contribute(HEALTH_SIGNALS, defineHealthSignal({
    id: 'recent-success',
    label: 'Recent success (bonus)',
    weight: 5,
    bonus: true,
    async compute(call, tenant) {
      const errors = await errorsSince(ctx, tenant.id, new Date(call.now.getTime() - 7 * DAY));
      return errors === 0 ? { score: 1, reason: 'No errors in the last 7 days' } : { score: 0, reason: `${errors} error${errors === 1 ? '' : 's'} in the last 7 days` };
    },
  }));
}

import type { PluginContext } from '@platform/sdk';
import { HEALTH_SIGNALS, defineHealthSignal, linearScore, type HealthSignalResult, type HealthTenant } from '@platform/sdk/customer-health';

const DAY = 86_400_000;

/** Errors per tenant since `since` (tenants without any are absent). */
async function errorsSince(ctx: PluginContext, tenantIds: readonly string[], since: Date): Promise<Map<string, number>> {
  const rows = await ctx.db.sql<{ tenant_id: string; n: string }>(
    `SELECT tenant_id, sum(count)::text AS n FROM logging_error_group_hours
     WHERE tenant_id = ANY($1::uuid[]) AND hour >= date_trunc('hour', $2::timestamptz) GROUP BY tenant_id`,
    [tenantIds, since],
    ctx.db.system(),
  );
  return new Map(rows.map((r) => [r.tenant_id, Number(r.n)]));
}

function errorRateOf(errors: number, days: number): HealthSignalResult {
  const perDay = errors / days;
  if (errors === 0) return { score: 1, reason: `No errors in the last ${days} days` };
  return { score: linearScore(perDay, 0, 20), reason: `${errors} error${errors === 1 ? '' : 's'} in the last ${days} days (${perDay.toFixed(1)} a day)` };
}

function recentSuccessOf(errors: number): HealthSignalResult {
  return errors === 0 ? { score: 1, reason: 'No errors in the last 7 days' } : { score: 0, reason: `${errors} error${errors === 1 ? '' : 's'} in the last 7 days` };
}

const each = (tenants: readonly HealthTenant[], counts: Map<string, number>, judge: (errors: number) => HealthSignalResult) =>
  new Map(tenants.map((t) => [t.id, judge(counts.get(t.id) ?? 0)]));

/**
 * Two signals of the customer health score from the tenant's grouped errors:
 * - `error-rate`, 10 points (half of technical health): no errors a day on average over the window scores in
 *   full, 20 or more a day nothing;
 * - `recent-success`, a +5 bonus: no error at all in the last 7 days.
 * Each also judges many tenants with one query (`computeMany`, the nightly run).
 */
export function contributeErrorHealthSignals(ctx: PluginContext): void {
  ctx.extensions.contribute(HEALTH_SIGNALS, defineHealthSignal({
    id: 'error-rate',
    label: 'Technical health: errors',
    weight: 10,
    async compute(_call, tenant, window) {
      return errorRateOf((await errorsSince(ctx, [tenant.id], window.from)).get(tenant.id) ?? 0, window.days);
    },
    async computeMany(_call, tenants, window) {
      return each(tenants, await errorsSince(ctx, tenants.map((t) => t.id), window.from), (n) => errorRateOf(n, window.days));
    },
  }));
  ctx.extensions.contribute(HEALTH_SIGNALS, defineHealthSignal({
    id: 'recent-success',
    label: 'Recent success (bonus)',
    weight: 5,
    bonus: true,
    async compute(call, tenant) {
      return recentSuccessOf((await errorsSince(ctx, [tenant.id], new Date(call.now.getTime() - 7 * DAY))).get(tenant.id) ?? 0);
    },
    async computeMany(call, tenants) {
      return each(tenants, await errorsSince(ctx, tenants.map((t) => t.id), new Date(call.now.getTime() - 7 * DAY)), recentSuccessOf);
    },
  }));
}

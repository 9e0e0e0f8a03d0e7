import type { PluginContext } from '@platform/sdk';
import { kpiPeriodOf } from '@platform/sdk/customer-health';
import { PLAN_BILLING_SOURCE, type PlanBillingSource } from '@platform/sdk/entitlements';
import type { KpiStore } from '../kpis/kpi-store.ts';
import { errorAnomaly, nearLimits, unusedEntitlements, usageAnomalies, type Recommendation } from './recommendation-heuristics.ts';

const DAY = 86_400_000;
/** The window the entitlement and limit rules look at. */
export const RECOMMENDATION_WINDOW_DAYS = 30;

function planSource(ctx: PluginContext): PlanBillingSource | null {
  try {
    return ctx.resolve<PlanBillingSource>(PLAN_BILLING_SOURCE);
  } catch {
    return null;
  }
}

/**
 * Gathers each active tenant's figures through SDK contracts (plans' `PLAN_BILLING_SOURCE`: plan quotas and metered
 * usage, in bulk) and this plugin's own KPI snapshots (error rate per month), and runs the heuristics. Without the
 * plans plugin only the error rule runs.
 */
export async function recommend(ctx: PluginContext, kpis: KpiStore, now: Date, tenantIds?: readonly string[]): Promise<Recommendation[]> {
  const tenants = (await ctx.tenants.list({ status: ['active'] })).filter((t) => !tenantIds || tenantIds.includes(t.id));
  if (tenants.length === 0) return [];
  const ids = tenants.map((t) => t.id);
  const out: Recommendation[] = [];

  const source = planSource(ctx);
  if (source) {
    const meters = source.meters().map((m) => ({ key: m.key, label: m.label, unit: m.unit }));
    const windows = (from: number, to: number) => ids.map((tenantId) => ({ tenantId, start: new Date(now.getTime() - from * DAY), end: new Date(now.getTime() - to * DAY) }));
    const [plans, usage30, recent7, previous28] = await Promise.all([
      source.plansAt(ids, now),
      source.usageIn(windows(RECOMMENDATION_WINDOW_DAYS, 0)),
      source.usageIn(windows(7, 0)),
      source.usageIn(windows(35, 7)),
    ]);
    for (const id of ids) {
      const plan = plans.get(id);
      if (plan && !plan.inTrial) {
        const args = { tenantId: id, planName: plan.planName, quotas: plan.quotas, usage: usage30.get(id) ?? {}, days: RECOMMENDATION_WINDOW_DAYS, meters };
        out.push(...unusedEntitlements(args), ...nearLimits(args));
      }
      out.push(...usageAnomalies({ tenantId: id, recent7: recent7.get(id) ?? {}, previous28: previous28.get(id) ?? {}, meters }));
    }
  }

  const months = [0, -1, -2, -3].map((o) => kpiPeriodOf(now, o).month);
  const snapshots = await Promise.all(months.map((m) => kpis.one('error-rate', m)));
  for (const id of ids) {
    const current = snapshots[0]?.byTenant[id] ?? null;
    const previous = snapshots.slice(1).flatMap((s) => (s && typeof s.byTenant[id] === 'number' ? [s.byTenant[id]] : []));
    out.push(...errorAnomaly({ tenantId: id, currentPct: current, previousPct: previous }));
  }
  return out;
}

import type { PluginContext } from '@platform/sdk';
import { KPIS, defineKpi } from '@platform/sdk/customer-health';

/** Cross-tenant KPIs from plans: metered usage (per tenant, split per meter) and the plan mix at the end of the month. */
export function contributePlanKpis(ctx: PluginContext, clock: () => Date = () => new Date()): void {
  ctx.extensions.contribute(KPIS, defineKpi({
    id: 'usage',
    label: 'Metered usage',
    description: 'Usage recorded in the month, all meters per tenant; the breakdown is per meter',
    unit: 'count',
    aggregate: 'sum',
    async measure(period) {
      const rows = await ctx.db.sql<{ tenant_id: string; meter: string; q: string }>(
        `SELECT tenant_id, meter, sum(quantity)::text AS q FROM plans_usage_records WHERE at >= $1 AND at < $2 GROUP BY tenant_id, meter`,
        [period.from, period.to],
        ctx.db.system(),
      );
      const byTenant: Record<string, number> = {};
      const breakdown: Record<string, number> = {};
      for (const r of rows) {
        byTenant[r.tenant_id] = (byTenant[r.tenant_id] ?? 0) + Number(r.q);
        breakdown[r.meter] = (breakdown[r.meter] ?? 0) + Number(r.q);
      }
      return { byTenant, breakdown };
    },
  }));
  ctx.extensions.contribute(KPIS, defineKpi({
    id: 'plan-mix',
    label: 'Plan mix',
    description: 'Tenants on each plan at the end of the month (or now, for the current month)',
    unit: 'count',
    aggregate: 'count',
    async measure(period) {
      const at = new Date(Math.min(period.to.getTime(), clock().getTime()) - 1);
      const rows = await ctx.db.sql<{ key: string; n: number }>(
        `SELECT p.key, count(DISTINCT a.tenant_id)::int AS n FROM plans_assignments a JOIN plans_plans p ON p.id = a.plan_id
         WHERE a.effective_from <= $1 AND (a.effective_to IS NULL OR a.effective_to > $1) GROUP BY p.key`,
        [at],
        ctx.db.system(),
      );
      return { total: rows.reduce((n, r) => n + r.n, 0), breakdown: Object.fromEntries(rows.map((r) => [r.key, r.n])) };
    },
  }));
}

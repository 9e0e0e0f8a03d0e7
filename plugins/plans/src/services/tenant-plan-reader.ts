import type { TenantPlanReader } from '@platform/sdk/entitlements';
import type { PlansRuntime } from './plans-runtime.ts';

/** TENANT_PLAN_READER: the tenant's current plan and its usage summary, as the plan and usage routes show them. */
export function createTenantPlanReader(rt: Pick<PlansRuntime, 'assignments' | 'report'>): TenantPlanReader {
  return {
    async planAndUsage(tenantId) {
      const current = await rt.assignments.current(tenantId);
      const usage = await rt.report.summary(tenantId);
      return {
        plan: current.plan ? { id: current.plan.id, key: current.plan.key, name: current.plan.name, interval: current.plan.interval } : null,
        inTrial: current.inTrial,
        trialEndsAt: current.trialEndsAt,
        billingPeriod: current.billingPeriod,
        usage: usage.map((m) => ({ meter: m.meter, label: m.label, unit: m.unit, used: m.used, limit: m.limit, limitType: m.limitType, percent: m.percent, status: m.status, periodStart: m.periodStart, periodEnd: m.periodEnd })),
      };
    },
  };
}

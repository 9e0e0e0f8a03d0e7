import type { PluginContext } from '@platform/sdk';
import { HEALTH_FACTS, defineHealthFacts } from '@platform/sdk/customer-health';
import { billingPeriodOf } from '../billing/billing-period.ts';

interface CurrentPlanRow {
  tenant_id: string;
  key: string;
  billing_interval: 'monthly' | 'annual';
  billing_anchor: Date;
  trial_ends_at: Date | null;
  trial_ended_at: Date | null;
}

async function currentPlans(ctx: PluginContext, tenantIds: readonly string[], at: Date): Promise<Map<string, CurrentPlanRow>> {
  const rows = await ctx.db.sql<CurrentPlanRow>(
    `SELECT DISTINCT ON (a.tenant_id) a.tenant_id, p.key, p.billing_interval, a.billing_anchor, a.trial_ends_at, a.trial_ended_at
     FROM plans_assignments a JOIN plans_plans p ON p.id = a.plan_id
     WHERE a.tenant_id = ANY($1::uuid[]) AND a.effective_from <= $2 AND (a.effective_to IS NULL OR a.effective_to > $2)
     ORDER BY a.tenant_id, a.effective_from DESC`,
    [tenantIds, at],
    ctx.db.system(),
  );
  return new Map(rows.map((r) => [r.tenant_id, r]));
}

function factsOf(row: CurrentPlanRow | undefined, at: Date): Record<string, string | null> {
  if (!row) return { plan: null, renewsAt: null, trialEndsAt: null };
  const inTrial = !!row.trial_ends_at && !row.trial_ended_at && new Date(row.trial_ends_at) > at;
  return {
    plan: row.key,
    renewsAt: billingPeriodOf(new Date(row.billing_anchor), row.billing_interval, at).end.toISOString(),
    trialEndsAt: inTrial ? new Date(row.trial_ends_at!).toISOString() : null,
  };
}

/**
 * Facts beside the customer health score: the tenant's plan key and when its billing period renews, at the score's
 * time. Indexed reads of the assignment only (the usage summary is not needed here); `collectMany` answers a batch of
 * tenants with one query (the nightly run).
 */
export function contributePlanHealthFacts(ctx: PluginContext): void {
  ctx.extensions.contribute(HEALTH_FACTS, defineHealthFacts({
    id: 'plan',
    async collect(call, tenant) {
      return factsOf((await currentPlans(ctx, [tenant.id], call.now)).get(tenant.id), call.now);
    },
    async collectMany(call, tenants) {
      const plans = await currentPlans(ctx, tenants.map((t) => t.id), call.now);
      return new Map(tenants.map((t) => [t.id, factsOf(plans.get(t.id), call.now)]));
    },
  }));
}

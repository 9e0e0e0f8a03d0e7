import type { PluginContext } from '@platform/sdk';
import { HEALTH_FACTS, defineHealthFacts } from '@platform/sdk/customer-health';
import { billingPeriodOf } from '../billing/billing-period.ts';

/**
 * Facts beside the customer health score: the tenant's plan key and when its billing period renews, at the score's
 * time. One indexed query (the nightly scores ask this of every tenant; the usage summary is not needed here).
 */
export function contributePlanHealthFacts(ctx: PluginContext): void {
  ctx.extensions.contribute(HEALTH_FACTS, defineHealthFacts({
    id: 'plan',
    async collect(call, tenant) {
      const [row] = await ctx.db.sql<{ key: string; billing_interval: 'monthly' | 'annual'; billing_anchor: Date; trial_ends_at: Date | null; trial_ended_at: Date | null }>(
        `SELECT p.key, p.billing_interval, a.billing_anchor, a.trial_ends_at, a.trial_ended_at
         FROM plans_assignments a JOIN plans_plans p ON p.id = a.plan_id
         WHERE a.tenant_id = $1 AND a.effective_from <= $2 AND (a.effective_to IS NULL OR a.effective_to > $2)
         ORDER BY a.effective_from DESC LIMIT 1`,
        [tenant.id, call.now],
        ctx.db.system(),
      );
      if (!row) return { plan: null, renewsAt: null, trialEndsAt: null };
      const inTrial = !!row.trial_ends_at && !row.trial_ended_at && new Date(row.trial_ends_at) > call.now;
      return {
        plan: row.key,
        renewsAt: billingPeriodOf(new Date(row.billing_anchor), row.billing_interval, call.now).end.toISOString(),
        trialEndsAt: inTrial ? new Date(row.trial_ends_at!).toISOString() : null,
      };
    },
  }));
}

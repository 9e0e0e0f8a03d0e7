import type { PluginContext } from '@platform/sdk';
import type { TenantPlanReader } from '@platform/sdk/entitlements';
import { HEALTH_FACTS, defineHealthFacts } from '@platform/sdk/customer-health';

/** Facts beside the customer health score: the tenant's plan key and when its billing period renews. */
export function contributePlanHealthFacts(ctx: PluginContext, reader: TenantPlanReader): void {
  ctx.extensions.contribute(HEALTH_FACTS, defineHealthFacts({
    id: 'plan',
    async collect(_call, tenant) {
      const p = await reader.planAndUsage(tenant.id);
      return { plan: p.plan?.key ?? null, renewsAt: p.billingPeriod?.end ?? null, trialEndsAt: p.inTrial ? p.trialEndsAt : null };
    },
  }));
}

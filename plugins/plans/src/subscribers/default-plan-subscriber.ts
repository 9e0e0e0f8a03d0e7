import type { PluginContext } from '@platform/sdk';
import type { PlansRuntime } from '../services/plans-runtime.ts';

/** A new tenant gets the default plan (durable, at least once; assigning is idempotent). */
export function subscribeDefaultPlan(ctx: PluginContext, rt: PlansRuntime): void {
  ctx.events.subscribe('plans.default-plan', 'tenant.created', async (payload) => {
    const { tenantId } = payload as { tenantId: string };
    await rt.assignments.assignDefault(tenantId);
  });
}

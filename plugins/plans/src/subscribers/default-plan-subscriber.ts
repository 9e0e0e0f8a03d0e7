import type { PluginContext } from '@platform/sdk';
import type { PlansRuntime } from '../services/plans-runtime.ts';

/**
 * A new tenant gets the default plan: in provisioning (`onTenantProvisioned`), and here again from the durable
 * `tenant.created` event for tenants created before the hook existed or by another path (assigning is idempotent).
 */
export function subscribeDefaultPlan(ctx: PluginContext, rt: PlansRuntime): void {
  ctx.events.subscribe('plans.default-plan', 'tenant.created', async (payload) => {
    const { tenantId } = payload as { tenantId: string };
    await rt.assignments.assignDefault(tenantId);
  });
}

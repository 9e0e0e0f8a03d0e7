import { TENANT_LIFECYCLE, type PluginContext, type TenantLifecycle } from '@platform/sdk';
import { PLAN_ASSIGNER, type PlanAssigner } from '@platform/sdk/entitlements';
import type { PaymentFailedEvent } from './dunning.ts';

function optional<T>(ctx: PluginContext, name: string): T | null {
  try {
    return ctx.resolve<T>(name);
  } catch {
    return null;
  }
}

/**
 * After the last failed attempt: the configured action (suspend the tenant through the kernel's TENANT_LIFECYCLE,
 * or move it to the configured plan through the plans plugin's PLAN_ASSIGNER), durable and idempotent (a tenant
 * already suspended or on that plan is left as is), audited as `billing.dunning.action`.
 */
export function subscribeDunningActions(ctx: PluginContext): void {
  ctx.events.subscribe('billing.dunning-actions', 'billing.payment.failed', async (payload) => {
    const event = payload as unknown as PaymentFailedEvent;
    if (!event.action || event.action === 'none') return;
    const reason = `Payment of invoice ${event.invoiceId} failed ${event.failures} times`;
    let outcome: string;
    if (event.action === 'suspend') {
      const lifecycle = optional<TenantLifecycle>(ctx, TENANT_LIFECYCLE);
      outcome = lifecycle ? ((await lifecycle.suspend(event.tenantId, reason, { plugin: 'billing' })).changed ? 'suspended' : 'already suspended') : 'unavailable';
    } else {
      const assigner = optional<PlanAssigner>(ctx, PLAN_ASSIGNER);
      if (!assigner || !event.downgradePlanKey) outcome = 'no plan to downgrade to';
      else outcome = (await assigner.assignByKey(event.tenantId, event.downgradePlanKey, reason, { plugin: 'billing' })).changed ? `moved to ${event.downgradePlanKey}` : `already on ${event.downgradePlanKey}`;
    }
    await ctx.audit.record({ action: 'billing.dunning.action', tenantId: event.tenantId, targetType: 'billing.invoice', targetId: event.invoiceId, after: { action: event.action, outcome, failures: event.failures }, reason, actorType: 'system', actorId: 'billing.dunning' });
  });
}

import { ProblemError, Type, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { PLAN_ASSIGNER, type PlanAssigner } from '@platform/sdk/entitlements';
import { MESSAGING_SERVICE, type MessageSender } from '@platform/sdk/messaging';
import { TENANT_LIFECYCLE, type TenantLifecycle } from '@platform/sdk';
import { CUSTOMER_360_PERMISSIONS } from './customer-360-permissions.ts';
import type { CustomerNotesStore } from './customer-notes-store.ts';
import { TAGS as tags, TenantParams, Text, authorOf, customerOf, optionalService } from './customer-of-request.ts';

const Reason = Text(3, 500);
const BY = { plugin: 'customer-success' };

function serviceOrProblem<T>(ctx: PluginContext, key: string, plugin: string): T {
  const service = optionalService<T>(ctx, key);
  if (!service) throw new ProblemError(409, 'plugin_unavailable', `the ${plugin} plugin is not installed`);
  return service;
}

/**
 * Quick actions of the 360 page, `customers/:tenantId/actions/...`, each through the SDK service of the plugin that
 * owns the data (never by importing it): `extend-trial` (PLAN_ASSIGNER.extendTrial), `change-plan`
 * (PLAN_ASSIGNER.assignByKey), `suspend` (TENANT_LIFECYCLE), `contact` (MESSAGING_SERVICE email, logged in the contact
 * log). Each is audited as the staff user; the owning plugin audits its own change as well.
 */
export function addQuickActionRoutes(ctx: PluginContext, store: CustomerNotesStore): void {
  const act = { permission: CUSTOMER_360_PERMISSIONS.act, scope: 'platform' as const, tenantScoped: false };

  ctx.routes.add({
    ...act,
    method: 'POST',
    url: '/customers/:tenantId/actions/extend-trial',
    schema: { tags, summary: "Move the end of the tenant's running trial 1–90 days later", params: TenantParams, body: Type.Object({ days: Type.Integer({ minimum: 1, maximum: 90 }), reason: Reason }, { additionalProperties: false }) },
    async handler(req: PlatformRequest<{ Params: { tenantId: string }; Body: { days: number; reason: string } }>) {
      const tenant = await customerOf(ctx, req.params.tenantId);
      const assigner = serviceOrProblem<PlanAssigner>(ctx, PLAN_ASSIGNER, 'plans');
      if (!assigner.extendTrial) throw new ProblemError(409, 'plugin_unavailable', 'the installed plans plugin cannot extend trials');
      const result = await assigner.extendTrial(tenant.id, req.body.days, req.body.reason, BY);
      await req.ctx.audit({ action: 'customer_success.trial_extended', tenantId: tenant.id, targetType: 'tenant', targetId: tenant.id, after: { days: req.body.days, trialEndsAt: result.trialEndsAt }, reason: req.body.reason });
      return result;
    },
  });

  ctx.routes.add({
    ...act,
    method: 'POST',
    url: '/customers/:tenantId/actions/change-plan',
    schema: { tags, summary: 'Move the tenant to another plan from now on (with the plans plugin\'s proration)', params: TenantParams, body: Type.Object({ planKey: Text(1, 100), reason: Reason }, { additionalProperties: false }) },
    async handler(req: PlatformRequest<{ Params: { tenantId: string }; Body: { planKey: string; reason: string } }>) {
      const tenant = await customerOf(ctx, req.params.tenantId);
      const assigner = serviceOrProblem<PlanAssigner>(ctx, PLAN_ASSIGNER, 'plans');
      const result = await assigner.assignByKey(tenant.id, req.body.planKey, req.body.reason, BY);
      await req.ctx.audit({ action: 'customer_success.plan_changed', tenantId: tenant.id, targetType: 'tenant', targetId: tenant.id, after: { planKey: req.body.planKey, changed: result.changed }, reason: req.body.reason });
      return result;
    },
  });

  ctx.routes.add({
    ...act,
    method: 'POST',
    url: '/customers/:tenantId/actions/suspend',
    schema: { tags, summary: 'Suspend the tenant (its users are signed out and refused until it is activated again)', params: TenantParams, body: Type.Object({ reason: Reason }, { additionalProperties: false }) },
    async handler(req: PlatformRequest<{ Params: { tenantId: string }; Body: { reason: string } }>) {
      const tenant = await customerOf(ctx, req.params.tenantId);
      if (tenant.status !== 'active') throw new ProblemError(409, 'invalid_state', `tenant is ${tenant.status}, only an active tenant can be suspended`, { field: 'tenantId' });
      const lifecycle = serviceOrProblem<TenantLifecycle>(ctx, TENANT_LIFECYCLE, 'kernel');
      const result = await lifecycle.suspend(tenant.id, req.body.reason, BY);
      await req.ctx.audit({ action: 'customer_success.tenant_suspended', tenantId: tenant.id, targetType: 'tenant', targetId: tenant.id, after: result, reason: req.body.reason });
      return result;
    },
  });

  ctx.routes.add({
    ...act,
    method: 'POST',
    url: '/customers/:tenantId/actions/contact',
    schema: {
      tags,
      summary: 'Email the tenant through messaging and log it in the contact log',
      params: TenantParams,
      body: Type.Object({ to: Type.String({ format: 'email', maxLength: 254 }), subject: Text(1, 200), body: Text(1, 20_000) }, { additionalProperties: false }),
    },
    async handler(req: PlatformRequest<{ Params: { tenantId: string }; Body: { to: string; subject: string; body: string } }>, reply) {
      const tenant = await customerOf(ctx, req.params.tenantId);
      const sender = serviceOrProblem<MessageSender>(ctx, MESSAGING_SERVICE, 'messaging');
      const receipt = await sender.send({ channel: 'email', tenantId: tenant.id, to: req.body.to, subject: req.body.subject, text: req.body.body, purpose: 'customer_success' });
      const entry = await req.ctx.acrossTenants().transactional(async (em) => {
        const logged = await store.logContact(em, tenant.id, { channel: 'email', summary: `${req.body.subject} (to ${req.body.to}, ${receipt.status})`, contactedAt: new Date(), messageId: receipt.id }, authorOf(req.ctx));
        await req.ctx.audit({ action: 'customer_success.contacted', tenantId: tenant.id, targetType: 'customer_success_contact', targetId: logged.id, after: { channel: 'email', messageId: receipt.id, status: receipt.status } }, em);
        return logged;
      });
      reply.code(201);
      return { receipt, contact: entry };
    },
  });
}

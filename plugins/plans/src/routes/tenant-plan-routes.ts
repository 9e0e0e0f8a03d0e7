import { replyInMemoryList, Type, type ListQuery, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import type { PlansRuntime } from '../services/plans-runtime.ts';
import { assignmentActorOf } from './actor-of.ts';

const ChangeTarget = {
  planId: Type.String({ description: 'The plan to move the tenant to' }),
  effectiveFrom: Type.Optional(Type.String({ description: 'ISO date-time; default now, a future date schedules the change' })),
};
const PreviewBody = Type.Object(ChangeTarget, { additionalProperties: false });
const ChangeBody = Type.Object({ ...ChangeTarget, reason: Type.String({ minLength: 1, maxLength: 1000, description: 'Why (kept in the history and the audit trail)' }) }, { additionalProperties: false });

/** The selected tenant's plan (X-Tenant-Id for staff, their own for tenant users): current, history, change. */
export function addTenantPlanRoutes(ctx: PluginContext, rt: PlansRuntime): void {
  ctx.routes.add({
    method: 'GET',
    url: '/current',
    permission: 'plans.read',
    schema: { summary: "The tenant's current plan, trial, billing period and any scheduled change" },
    handler: (req: PlatformRequest) => rt.assignments.current(req.ctx.requireTenant()),
  });
  ctx.routes.add({
    method: 'GET',
    url: '/history',
    permission: 'plans.read',
    schema: { summary: "The tenant's plan history (effective dates, who, why), newest first" },
    async handler(req: PlatformRequest, reply: PlatformReply) {
      return replyInMemoryList(req.query as ListQuery, reply, 'history', await rt.assignments.history(req.ctx.requireTenant()));
    },
  });
  ctx.routes.add({
    method: 'POST',
    url: '/change/preview',
    permission: 'plans.read',
    schema: { summary: 'Proration of a plan change, without changing anything', body: PreviewBody },
    handler: (req: PlatformRequest<{ Body: { planId: string; effectiveFrom?: string } }>) => rt.assignments.preview(req.ctx.requireTenant(), req.body),
  });
  ctx.routes.add({
    method: 'POST',
    url: '/change',
    permission: 'plans.write',
    schema: { summary: "Change the tenant's plan (takes effect at once, or at effectiveFrom); a reason is required", body: ChangeBody },
    async handler(req: PlatformRequest<{ Body: { planId: string; effectiveFrom?: string; reason: string } }>, reply: PlatformReply) {
      const result = await rt.assignments.change(req.ctx.requireTenant(), req.body, assignmentActorOf(req));
      reply.status(201);
      return { id: result.assignment.id, ...result };
    },
  });
}

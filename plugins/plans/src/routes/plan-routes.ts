import { ProblemError, Type, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { PlanEntity, PlanInput, type Plan } from '../entities/plan.ts';
import type { PlansRuntime } from '../services/plans-runtime.ts';
import { planView } from '../services/views.ts';
import { validatePlan } from '../validation/validate-plan.ts';

const CREATE_DEFAULTS: Partial<Plan> = { description: '', trialDays: 0, quotas: {}, limitTypes: {}, features: [], plugins: [], archived: false, isDefault: false, sortOrder: 0 };
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const ReasonBody = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });

/** The plan catalog: react-admin CRUD at `/api/plans/plans` (platform-level), plus archive and unarchive. */
export function addPlanRoutes(ctx: PluginContext, rt: PlansRuntime): void {
  ctx.crud({
    entity: PlanEntity,
    path: '/plans',
    resource: 'plans.plan',
    permissions: { read: 'plans.read', write: 'plans.write' },
    tenantScoped: false,
    createSchema: PlanInput,
    searchFields: ['key', 'name'],
    eventPrefix: 'plans.plan',
    beforeSave(data, _req, existing) {
      if (!existing) for (const [k, v] of Object.entries(CREATE_DEFAULTS)) if (data[k] === undefined) data[k] = v;
      validatePlan({ ...(existing ?? {}), ...data } as Partial<Plan>, rt.meters);
    },
  });

  const setArchived = (archived: boolean) => async (req: PlatformRequest<{ Params: { id: string }; Body: { reason?: string } }>) =>
    req.ctx.em.transactional(async (em) => {
      const plan = await em.findOne(PlanEntity, { id: req.params.id });
      if (!plan) throw new ProblemError(404, 'not_found', `plans.plan ${req.params.id} not found`);
      if (archived && plan.isDefault)
        throw new ProblemError(400, 'validation_failed', `"${plan.name}" is the default plan for new tenants; make another plan the default first`, { field: 'isDefault' });
      const before = planView(plan);
      plan.archived = archived;
      await em.flush();
      const after = planView(plan);
      await req.ctx.audit({ action: archived ? 'plans.plan.archived' : 'plans.plan.unarchived', tenantId: null, targetType: 'plans.plan', targetId: plan.id, before, after, reason: req.body?.reason ?? null }, em);
      return after;
    });

  ctx.routes.add({
    method: 'POST',
    url: '/plans/:id/archive',
    permission: 'plans.write',
    tenantScoped: false,
    schema: { summary: 'Archive a plan: tenants on it keep it, nobody can be moved to it', params: IdParams, body: ReasonBody },
    handler: setArchived(true),
  });
  ctx.routes.add({
    method: 'POST',
    url: '/plans/:id/unarchive',
    permission: 'plans.write',
    tenantScoped: false,
    schema: { summary: 'Make an archived plan available again', params: IdParams, body: ReasonBody },
    handler: setArchived(false),
  });
  ctx.routes.add({
    method: 'GET',
    url: '/meters',
    permission: 'plans.read',
    tenantScoped: false,
    schema: { summary: 'The usage meters plans can limit (built-in and contributed by plugins)' },
    async handler(_req, reply) {
      const meters = rt.meters.all().map((m) => ({ id: m.key, ...m }));
      reply.header('Content-Range', `meters 0-${Math.max(0, meters.length - 1)}/${meters.length}`);
      return meters;
    },
  });
}

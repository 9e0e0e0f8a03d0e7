import { ProblemError, Type, type PlatformRequest, type PluginContext } from '@platform/sdk';
import type { WizardService } from './session/wizard-service.ts';
import { sendWelcomeEmail } from './session/welcome-email.ts';
import { slugAvailability } from './steps/slug-availability.ts';
import { WIZARD_PERMISSION } from './wizard-access.ts';

const tags = ['onboarding'];
const StepParams = Type.Object({ stepId: Type.String({ pattern: '^[a-z][a-z0-9-]{0,63}$' }) });

/**
 * The wizard's session routes under `/api/onboarding/wizard`, for the tenant's own admin (tenant-scoped: a tenant
 * user only ever reaches their own tenant's session).
 */
export function addWizardRoutes(ctx: PluginContext, wizard: WizardService): void {
  const permission = WIZARD_PERMISSION;
  ctx.routes.add({
    method: 'GET', url: '/wizard/session', permission,
    schema: { tags, summary: "The tenant's onboarding session (created on first read): current step, answers, steps" },
    handler: async (req: PlatformRequest) => wizard.view(await wizard.session(req.ctx)),
  });

  ctx.routes.add({
    method: 'PUT', url: '/wizard/steps/:stepId', permission,
    schema: { tags, summary: "Saves a step's answers, validated on the server; moves to the next open step", params: StepParams, body: Type.Object({ answers: Type.Object({}, { additionalProperties: true }) }, { additionalProperties: false }) },
    bodyLimit: 512 * 1024,
    handler: async (req: PlatformRequest<{ Params: { stepId: string }; Body: { answers: Record<string, unknown> } }>) => wizard.save(req.ctx, req.params.stepId, req.body.answers),
  });

  ctx.routes.add({
    method: 'POST', url: '/wizard/steps/:stepId/skip', permission,
    schema: { tags, summary: 'Skips an optional step (409 step_not_skippable for a required one)', params: StepParams },
    handler: async (req: PlatformRequest<{ Params: { stepId: string } }>) => wizard.skip(req.ctx, req.params.stepId),
  });

  ctx.routes.add({
    method: 'GET', url: '/wizard/steps/:stepId/status', permission, traffic: 'polling',
    schema: { tags, summary: "A step's live state (connections, the import's progress)", params: StepParams },
    handler: async (req: PlatformRequest<{ Params: { stepId: string } }>) => wizard.status(req.ctx, req.params.stepId),
  });

  ctx.routes.add({
    method: 'PUT', url: '/wizard/current', permission,
    schema: { tags, summary: 'Moves to a step already reached (back, or forward up to the first open one)', body: Type.Object({ step: Type.String({ pattern: '^[a-z][a-z0-9-]{0,63}$' }) }, { additionalProperties: false }) },
    handler: async (req: PlatformRequest<{ Body: { step: string } }>) => wizard.goTo(req.ctx, req.body.step),
  });

  ctx.routes.add({
    method: 'GET', url: '/wizard/slug-availability', permission,
    schema: { tags, summary: 'Whether the tenant may take a slug (its own stays available to it)', querystring: Type.Object({ slug: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }) },
    handler: async (req: PlatformRequest<{ Querystring: { slug: string } }>) => ({ slug: req.query.slug, ...(await slugAvailability(ctx.tenants, req.ctx.requireTenant(), req.query.slug)) }),
  });

  ctx.routes.add({
    method: 'GET', url: '/wizard/checklist', permission,
    schema: { tags, summary: 'The launch checklist: each step verified now (skipped ones shown as skipped)' },
    handler: async (req: PlatformRequest) => {
      const items = await wizard.checklist(req.ctx);
      return { ready: !items.some((i) => i.blocking), items };
    },
  });

  ctx.routes.add({
    method: 'POST', url: '/wizard/launch', permission,
    schema: { tags, summary: 'Goes live when every required step is verified, and sends the welcome email' },
    async handler(req: PlatformRequest) {
      const { session, checklist } = await wizard.launch(req.ctx);
      const tenant = await ctx.tenants.get(session.tenantId);
      if (!tenant) throw new ProblemError(404, 'tenant_not_found', 'Tenant not found');
      const welcomeEmail = await sendWelcomeEmail(ctx, tenant, req.ctx.actor?.email ?? null, checklist.map((c) => ({ title: c.title, state: c.state === 'skipped' ? 'skipped' : 'done' })));
      return { session, checklist, welcomeEmail };
    },
  });
}

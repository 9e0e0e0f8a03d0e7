import { ListQuerystring, parseListParams, problems, setContentRange, Type, type PlatformReply, type PlatformRequest, type RouteRegistrar } from '@platform/sdk';
import type { StagedRolloutStatus } from '../entities/staged-rollout-entity.ts';
import { authorOf } from '../model/change-author.ts';
import { GradualRolloutSchema, ReasonBodySchema, StagedRolloutSchema } from '../model/flag-schemas.ts';
import type { FlagServices } from '../service/flag-services.ts';
import { findStagedRollout } from '../store/staged-rollout-store.ts';
import { assertPlatformStaff } from './request-scope.ts';

const tags = ['feature-flags'];
const FlagParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200, description: 'Flag id or key' }) });
const RolloutParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const STATUSES: StagedRolloutStatus[] = ['active', 'paused', 'completed', 'cancelled'];

/** Staged rollouts: start (steps or `gradualRollout`), list, pause, resume, cancel, advance by hand. */
export function rolloutRoutes(routes: RouteRegistrar, s: FlagServices): void {
  routes.add({
    method: 'GET',
    url: '/rollouts',
    permission: 'flags.read',
    tenantScoped: false,
    schema: { tags, summary: 'Staged rollouts (filter status, flagKey); the console\'s active-rollouts page', querystring: ListQuerystring },
    async handler(req: PlatformRequest<{ Querystring: Record<string, unknown> }>, reply: PlatformReply) {
      const params = parseListParams(req.query, { sort: ['createdAt'], filter: { status: 'string', flagKey: 'string', q: 'string', id: 'uuid' } });
      const raw = params.filter.status;
      const statuses = (raw === undefined ? undefined : (Array.isArray(raw) ? raw : [raw]).filter((x): x is StagedRolloutStatus => STATUSES.includes(x as StagedRolloutStatus)));
      const all = await s.rollouts.list(statuses, typeof params.filter.flagKey === 'string' ? params.filter.flagKey : undefined);
      const page = all.slice(params.offset, params.offset + params.limit);
      setContentRange(reply, 'rollouts', params.offset, page.length, all.length);
      return page;
    },
  });

  routes.add({
    method: 'GET',
    url: '/rollouts/:id',
    permission: 'flags.read',
    tenantScoped: false,
    schema: { tags, summary: 'Get a staged rollout', params: RolloutParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      const rollout = await findStagedRollout(s.db, req.params.id);
      if (!rollout) throw problems.notFound('Staged rollout');
      return rollout;
    },
  });

  routes.add({
    method: 'POST',
    url: '/flags/:id/rollouts',
    permission: 'flags.write',
    scope: 'platform', // flag definitions are platform-level (a tenant admin's flags.write covers its overrides)
    tenantScoped: false,
    schema: { tags, summary: 'Start a staged rollout: steps such as [10, 25, 50, 100] every intervalHours (the first applies now)', params: FlagParams, body: StagedRolloutSchema },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body: { steps: number[]; intervalHours: number; pauseOnAlerts?: string[]; reason: string } }>, reply: PlatformReply) {
      assertPlatformStaff(req);
      const { reason, ...input } = req.body;
      reply.status(201);
      return s.rollouts.start(req.params.id, input, reason, authorOf(req));
    },
  });

  routes.add({
    method: 'POST',
    url: '/flags/:id/gradual-rollout',
    permission: 'flags.write',
    scope: 'platform', // flag definitions are platform-level (a tenant admin's flags.write covers its overrides)
    tenantScoped: false,
    schema: { tags, summary: 'gradualRollout(): from startPercentage to endPercentage over durationHours, a step every intervalHours', params: FlagParams, body: GradualRolloutSchema },
    async handler(
      req: PlatformRequest<{ Params: { id: string }; Body: { startPercentage: number; endPercentage: number; durationHours: number; intervalHours: number; pauseOnAlerts?: string[]; reason: string } }>,
      reply: PlatformReply,
    ) {
      assertPlatformStaff(req);
      const { reason, ...options } = req.body;
      reply.status(201);
      return s.rollouts.gradualRollout(req.params.id, options, reason, authorOf(req));
    },
  });

  for (const action of ['pause', 'resume', 'cancel', 'advance'] as const) {
    routes.add({
      method: 'POST',
      url: `/rollouts/:id/${action}`,
      permission: 'flags.write',
      scope: 'platform', // flag definitions are platform-level (a tenant admin's flags.write covers its overrides)
      tenantScoped: false,
      schema: { tags, summary: `${action[0].toUpperCase()}${action.slice(1)} a staged rollout (reason required)`, params: RolloutParams, body: ReasonBodySchema },
      async handler(req: PlatformRequest<{ Params: { id: string }; Body: { reason: string } }>) {
        assertPlatformStaff(req);
        return s.rollouts[action](req.params.id, req.body.reason, authorOf(req));
      },
    });
  }
}

import { listFilterValues, replyInMemoryList, Type, type ListQuery, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import type { PlansRuntime } from '../services/plans-runtime.ts';

const RecordBody = Type.Object(
  {
    meter: Type.String(),
    quantity: Type.Integer(),
    at: Type.Optional(Type.String({ description: 'ISO date-time; default now' })),
    idempotencyKey: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  { additionalProperties: false },
);

/** Usage: record (services), summary per meter, time series for charts, tenants near their limits. */
export function addUsageRoutes(ctx: PluginContext, rt: PlansRuntime): void {
  ctx.routes.add({
    method: 'POST',
    url: '/usage',
    permission: 'usage.write',
    schema: { summary: 'Record usage of a meter for the tenant (idempotent per idempotencyKey)', body: RecordBody },
    async handler(req: PlatformRequest<{ Body: { meter: string; quantity: number; at?: string; idempotencyKey?: string } }>, reply: PlatformReply) {
      const { meter, quantity, ...opts } = req.body;
      const result = await rt.usage.record(req.ctx.requireTenant(), meter, quantity, opts);
      reply.status(result.recorded ? 201 : 200);
      return result;
    },
  });
  ctx.routes.add({
    method: 'GET',
    url: '/usage',
    permission: 'usage.read',
    schema: { summary: "The tenant's usage per meter in the current period (or the period containing `at`)" },
    async handler(req: PlatformRequest, reply: PlatformReply) {
      const p = listFilterValues(req.query as Record<string, unknown>);
      return replyInMemoryList(req.query as ListQuery, reply, 'usage', await rt.report.summary(req.ctx.requireTenant(), p.at));
    },
  });
  ctx.routes.add({
    method: 'GET',
    url: '/usage/series',
    permission: 'usage.read',
    schema: { summary: 'Usage of one meter per day, week or month (`meter`, `from`, `to`, `bucket`)' },
    async handler(req: PlatformRequest, reply: PlatformReply) {
      const p = listFilterValues(req.query as Record<string, unknown>);
      return replyInMemoryList(req.query as ListQuery, reply, 'series', await rt.report.series(req.ctx.requireTenant(), p));
    },
  });
  ctx.routes.add({
    method: 'GET',
    url: '/near-limits',
    permission: 'usage.read',
    tenantScoped: false,
    scope: 'platform', // every tenant's usage
    schema: { summary: 'Tenants at or above `minPercent` (default 80) of a quota, fullest first (platform staff)' },
    async handler(req: PlatformRequest, reply: PlatformReply) {
      req.ctx.acrossTenants(); // reading every tenant's usage: staff with platform.tenants.cross only
      const p = listFilterValues(req.query as Record<string, unknown>);
      return replyInMemoryList(req.query as ListQuery, reply, 'near-limits', await rt.report.nearLimits(p.minPercent === undefined ? 80 : Number(p.minPercent)));
    },
  });
}

import { Type, type PlatformReply, type PluginContext } from '@platform/sdk';
import type { HealthRuntime } from '../health-runtime.ts';
import { httpStatusOf } from '../status/overall-status.ts';

const tags = ['health'];

export function addOverviewRoutes(ctx: PluginContext, runtime: HealthRuntime): void {
  const master = async (_req: unknown, reply: PlatformReply) => {
    const overview = await runtime.views.overview();
    reply.status(httpStatusOf(overview.status)).header('cache-control', 'no-store');
    return overview;
  };
  const summary = 'Master status: operational, degraded, partial_outage, major_outage (or unknown); 503 on an outage';
  const description = 'Platform monitors decide the status (1 unhealthy = partial_outage, 2+ = major_outage, any degraded or unknown = degraded). Tenant monitors are tallied.';
  // Fastify serves a prefixed '/' with and without the trailing slash: `/api/health/` and `/api/health`.
  ctx.routes.add({ method: 'GET', url: '/', permission: 'health.read', tenantScoped: false, schema: { tags, summary, description }, handler: master });

  ctx.routes.add({
    method: 'GET',
    url: '/scheduler',
    permission: 'health.read',
    tenantScoped: false,
    schema: { tags, summary: 'Scheduler liveness and this instance\'s scheduling metrics (lag percentiles, queue)' },
    async handler() {
      return {
        instanceId: runtime.instanceId,
        running: runtime.scheduler.running,
        liveness: await runtime.views.liveness(),
        metrics: runtime.scheduler.metrics.snapshot(runtime.scheduler.queueState()),
        writer: { ...runtime.writer.stats, backlog: runtime.writer.backlog },
        targets: runtime.views.scheduledTargets().length,
      };
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/run',
    permission: 'health.manage',
    tenantScoped: false,
    schema: { tags, summary: 'Check every configured target now', body: Type.Optional(Type.Object({}, { additionalProperties: false })) },
    async handler(req) {
      await runtime.directory.refresh();
      const checked = await runtime.runNow();
      await req.ctx.audit({ action: 'health.checked_all', targetType: 'health', after: { checked } });
      return { checked };
    },
  });
}

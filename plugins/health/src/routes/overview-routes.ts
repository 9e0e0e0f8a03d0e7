import { Type, type PlatformReply, type PluginContext } from '@platform/sdk';
import type { HealthRuntime } from '../health-runtime.ts';

const tags = ['health'];

export function addOverviewRoutes(ctx: PluginContext, runtime: HealthRuntime): void {
  // Always 200: this is the console's and operators' read of the platform's state, and an outage is what it
  // exists to show. A 503 belongs to a load balancer's readiness endpoint (`/readyz`, the kernel's) and to the
  // public `/api/status/health` (the status plugin's, documented there), never to this admin route.
  const master = async (_req: unknown, reply: PlatformReply) => {
    const overview = await runtime.views.overview();
    reply.header('cache-control', 'no-store');
    return overview;
  };
  const summary = 'Master status in the body: operational, degraded, partial_outage, major_outage (or unknown); always 200';
  const description =
    'Platform monitors decide the status (1 unhealthy = partial_outage, 2+ = major_outage, any degraded or unknown = degraded). Tenant monitors are tallied. `waitingForFirstChecks` is true while no target has reported yet (a fresh install). Answers 200 whatever the status: readiness for load balancers is `/readyz`.';
  // Fastify serves a prefixed '/' with and without the trailing slash: `/api/health/` and `/api/health`.
  ctx.routes.add({ method: 'GET', url: '/', traffic: 'polling', permission: 'health.read', tenantScoped: false, schema: { tags, summary, description }, handler: master });

  ctx.routes.add({
    method: 'GET',
    url: '/scheduler',
    traffic: 'polling',
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

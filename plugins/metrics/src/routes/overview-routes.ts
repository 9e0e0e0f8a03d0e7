import { Type, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { requestOverview } from '../dashboard/overview-queries.ts';
import { overallFromSlos } from '../dashboard/overall-slo-status.ts';
import { sloStatuses } from '../slo/slo-service.ts';
import { SloEntity, type Slo } from '../slo/slo-entity.ts';

/** The system health dashboard: SLO cards and banner, sparklines, "why is it red". */
export function addOverviewRoutes(ctx: PluginContext, clock: () => number): void {
  ctx.routes.add({
    method: 'GET',
    url: '/overview',
    traffic: 'polling',
    permission: 'metrics.read',
    tenantScoped: false,
    schema: {
      summary: 'Request volume, error rate and p95 sparklines, SLOs, top error routes, spike start and a sample error',
      querystring: Type.Object({
        hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 48 })),
        binMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 240 })),
        tenantId: Type.Optional(Type.String({ format: 'uuid' })),
      }),
    },
    async handler(req: PlatformRequest<{ Querystring: { hours?: number; binMinutes?: number; tenantId?: string } }>) {
      const now = clock();
      const tenantId = req.query.tenantId ?? req.ctx.tenantId ?? null;
      const slos = (await ctx.db.system().find(SloEntity, { enabled: true }, { orderBy: { name: 'ASC' } })) as Slo[];
      const statuses = await sloStatuses(ctx.db, slos, now, { tenantId });
      const requests = await requestOverview(ctx.db, now, { hours: req.query.hours ?? 24, binMinutes: req.query.binMinutes ?? 15, tenantId });
      return { status: overallFromSlos(statuses), slos: statuses, ...requests, tenantId };
    },
  });
}

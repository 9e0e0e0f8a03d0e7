import type { PlatformRequest, PluginContext } from '@platform/sdk';
import { requestOverview } from '../dashboard/overview-queries.ts';
import { sloStatuses } from '../slo/slo-service.ts';
import { SloEntity, type Slo } from '../slo/slo-entity.ts';

/** A tenant's own API traffic: volume, errors, latency, SLOs over its requests only. */
export function addTenantRoutes(ctx: PluginContext, clock: () => number): void {
  ctx.routes.add({
    method: 'GET',
    url: '/tenant/summary',
    traffic: 'polling',
    permission: 'metrics.tenant.read',
    tenantScoped: true,
    schema: { summary: "The current tenant's API requests over 24 h (sparkline, error rate, p95, top error routes) and its SLOs" },
    async handler(req: PlatformRequest) {
      const tenantId = req.ctx.requireTenant();
      const now = clock();
      const slos = (await ctx.db.system().find(SloEntity, { enabled: true, route: null }, { orderBy: { name: 'ASC' } })) as Slo[];
      const overview = await requestOverview(ctx.db, now, { hours: 24, binMinutes: 60, tenantId });
      const { sampleError: _internal, ...whyRed } = overview.whyRed;
      return { tenantId, totals: overview.totals, sparkline: overview.sparkline, topErrorRoutes: whyRed.topErrorRoutes, slos: await sloStatuses(ctx.db, slos, now, { tenantId }) };
    },
  });
}

import { ProblemError, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { SloEntity, SloInput, type Slo } from '../slo/slo-entity.ts';
import { sloStatuses } from '../slo/slo-service.ts';

/** SLO definitions (react-admin CRUD) and their current status over their windows. */
export function addSloRoutes(ctx: PluginContext, clock: () => number): void {
  ctx.crud({
    entity: SloEntity,
    path: '/slos',
    resource: 'metrics.slo',
    permissions: { read: 'metrics.read', write: 'metrics.manage' },
    createSchema: SloInput,
    tenantScoped: false,
    searchFields: ['name'],
    beforeSave(data, _req, existing) {
      const merged = { ...(existing ?? {}), ...data };
      if (merged.kind === 'latency' && (merged.thresholdMs === null || merged.thresholdMs === undefined))
        throw new ProblemError(400, 'validation_failed', 'A latency SLO needs "thresholdMs"', { field: 'thresholdMs' });
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/slo-status',
    traffic: 'polling',
    permission: 'metrics.read',
    tenantScoped: false,
    schema: { summary: 'Each enabled SLO: SLI, target, error budget consumed and remaining, over its window (7 days by default)' },
    async handler(req: PlatformRequest) {
      const slos = (await ctx.db.system().find(SloEntity, { enabled: true }, { orderBy: { name: 'ASC' } })) as Slo[];
      return sloStatuses(ctx.db, slos, clock(), { tenantId: req.ctx.tenantId });
    },
  });
}

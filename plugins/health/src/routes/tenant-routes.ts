import { ListQuerystring, parseListParams, problems, setContentRange, Type, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { type ObservedStatus } from '@platform/sdk/monitors';
import type { HealthRuntime } from '../health-runtime.ts';
import { assertCanReadTenant } from './tenant-access.ts';

const tags = ['health'];
const STATUSES = ['healthy', 'degraded', 'unhealthy', 'unknown'];

export function addTenantRoutes(ctx: PluginContext, runtime: HealthRuntime): void {
  ctx.routes.add({
    method: 'GET',
    url: '/matrix',
    traffic: 'polling',
    permission: 'health.read',
    tenantScoped: false,
    schema: {
      tags,
      summary: 'Tenants x per-tenant monitors, one page (react-admin range/filter: q, status)',
      querystring: ListQuerystring,
    },
    async handler(req: PlatformRequest<{ Querystring: { range?: string; filter?: string } }>, reply: PlatformReply) {
      const { offset, limit, filter } = parseListParams(req.query, { filter: { q: 'string', status: 'string', id: 'scalar' }, defaultPage: 50, maxPage: 200 });
      if (filter.status !== undefined && !STATUSES.includes(String(filter.status))) throw problems.validation('filter.status', `status must be one of ${STATUSES.join(', ')}`);
      const page = await runtime.views.matrix({ offset, limit, q: typeof filter.q === 'string' ? filter.q : undefined, status: filter.status as ObservedStatus | undefined });
      setContentRange(reply, 'matrix', offset, page.rows.length, page.total);
      return page;
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/tenants/:id',
    traffic: 'polling',
    permission: 'health.tenant.read',
    tenantScoped: false,
    schema: { tags, summary: "One tenant's health (tenant users: their own tenant only)", params: Type.Object({ id: Type.String() }) },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      const tenant = await ctx.tenants.get(req.params.id);
      // Checked before the lookup result is used, so a foreign tenant and a missing one look alike.
      assertCanReadTenant(req.ctx, tenant?.id ?? req.params.id);
      if (!tenant) throw problems.notFound('Tenant health');
      return runtime.views.tenant(tenant);
    },
  });
}

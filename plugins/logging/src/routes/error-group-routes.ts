import { ListQuerystring, parseListParams, ProblemError, setContentRange, Type, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import type { LoggingRuntime } from '../logging-runtime.ts';
import { ERROR_GROUP_STATUSES, type ErrorGroupStatus } from '../errors/error-group-store.ts';
import { readScopeOf } from '../query/read-scope.ts';

const tags = ['logging'];
const DAY = 86_400_000;
const FingerprintParams = Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{32}$', description: 'The group fingerprint' }) });

function statusOf(v: unknown, field: string): ErrorGroupStatus {
  if (typeof v !== 'string' || !(ERROR_GROUP_STATUSES as readonly string[]).includes(v))
    throw new ProblemError(400, 'validation_failed', `"${field}" must be one of ${ERROR_GROUP_STATUSES.join(', ')}`, { field });
  return v as ErrorGroupStatus;
}

/**
 * Error groups (react-admin list conventions under `/api/logging/errors`). Tenant users and staff with a
 * tenant selected see the groups that occurred in that tenant, with that tenant's counts only.
 */
export function addErrorGroupRoutes(ctx: PluginContext, rt: LoggingRuntime): void {
  ctx.routes.add({
    method: 'GET',
    url: '/errors',
    permission: 'logging.read',
    tenantScoped: false,
    schema: {
      tags,
      summary: 'Error groups: `filter={"status":"unresolved","q":"timeout"}`, `sort=["lastSeen"|"count"|"firstSeen","DESC"]`, `range=[0,24]`',
      querystring: ListQuerystring,
    },
    async handler(req: PlatformRequest<{ Querystring: Record<string, unknown> }>, reply: PlatformReply) {
      const p = parseListParams(req.query, { sort: ['lastSeen', 'count', 'firstSeen'], filter: { status: 'string', q: 'string', tenantId: 'uuid', id: 'scalar' }, maxPage: 200, oversizedPage: 'refuse' });
      const tenantFilter = typeof p.filter.tenantId === 'string' ? p.filter.tenantId : null;
      const tenantId = readScopeOf(req.ctx, tenantFilter);
      const text = p.filter.q === undefined ? null : String(p.filter.q);
      if (text && text.length > 200) throw new ProblemError(400, 'query_too_long', `The search text is ${text.length} characters long; the maximum is 200`, { field: 'filter.q' });
      const { items, total } = await rt.groups.list({
        tenantId,
        status: p.filter.status === undefined ? null : statusOf(p.filter.status, 'filter.status'),
        text,
        sort: (p.sort?.field as 'lastSeen' | 'count' | 'firstSeen') ?? 'lastSeen',
        offset: p.offset,
        limit: p.limit,
      });
      setContentRange(reply, 'errors', p.offset, items.length, total);
      return items;
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/errors/:id',
    permission: 'logging.read',
    tenantScoped: false,
    schema: { tags, summary: 'One error group with its trend (`bucket=hour|day`), affected tenants and latest samples', params: FingerprintParams },
    async handler(req: PlatformRequest<{ Params: { id: string }; Querystring: { bucket?: string } }>) {
      const tenantId = readScopeOf(req.ctx, null);
      const group = await rt.groups.get(req.params.id, tenantId);
      if (!group) throw new ProblemError(404, 'not_found', 'Error group not found');
      const bucket = req.query.bucket === 'day' ? 'day' : 'hour';
      const since = new Date(Date.now() - (rt.config.retention.error + 1) * DAY);
      return {
        ...group,
        trend: await rt.groups.trend(group.fingerprint, tenantId, bucket),
        tenants: tenantId ? null : await rt.groups.tenants(group.fingerprint),
        samples: await rt.groups.samples(group.fingerprint, tenantId, since),
      };
    },
  });

  ctx.routes.add({
    method: 'PUT',
    url: '/errors/:id',
    permission: 'logging.errors.manage',
    tenantScoped: false,
    schema: {
      tags,
      summary: 'Resolve, ignore or reopen an error group (platform staff)',
      params: FingerprintParams,
      body: Type.Object({ status: Type.String(), reason: Type.Optional(Type.String({ maxLength: 500 })) }),
    },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body: { status: string; reason?: string } }>) {
      if (req.ctx.actor?.kind !== 'staff') throw new ProblemError(403, 'forbidden', 'Error groups span tenants: only platform staff change their status');
      const status = statusOf(req.body.status, 'status');
      const before = await rt.groups.get(req.params.id, null);
      if (!before) throw new ProblemError(404, 'not_found', 'Error group not found');
      const actorId = req.ctx.actor.id;
      await ctx.db.system().transactional(async (tx) => {
        await rt.groups.setStatus(req.params.id, status, actorId, tx);
        await req.ctx.audit({ action: 'logging.error_group_status', tenantId: null, targetType: 'logging.error_group', targetId: req.params.id, before: { status: before.status }, after: { status }, reason: req.body.reason ?? null }, tx);
      });
      return rt.groups.get(req.params.id, null);
    },
  });
}

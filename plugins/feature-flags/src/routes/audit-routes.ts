import { ListQuerystring, parseListParams, setContentRange, Type, type ListParams, type PlatformReply, type PlatformRequest, type RouteRegistrar } from '@platform/sdk';
import type { FlagServices } from '../service/flag-services.ts';
import { AUDIT_FILTER_FIELDS, AUDIT_SORT_FIELDS, listFlagAudit, type FlagAuditQuery } from '../store/flag-audit-store.ts';
import { findFlag } from '../store/flag-store.ts';
import { isPlatformStaff } from './request-scope.ts';

const tags = ['feature-flags'];

const strings = (value: unknown): string | string[] | undefined =>
  value === undefined || value === null || value === '' ? undefined : Array.isArray(value) ? value.map(String) : String(value);

function auditQueryOf(req: PlatformRequest, params: ListParams): FlagAuditQuery {
  const f = params.filter;
  return {
    flagKey: strings(f.flagKey),
    action: strings(f.action),
    tenantId: typeof f.tenantId === 'string' ? f.tenantId : undefined,
    actorId: typeof f.actorId === 'string' ? f.actorId : undefined,
    from: typeof f.from === 'string' ? f.from : undefined,
    to: typeof f.to === 'string' ? f.to : undefined,
    q: typeof f.q === 'string' ? f.q : undefined,
    // Tenant users see only what concerns their tenant (its overrides), never other tenants' or definitions' entries.
    onlyTenant: isPlatformStaff(req) ? undefined : req.ctx.requireTenant(),
  };
}

/** The append-only flag audit trail: global timeline and per flag. */
export function auditRoutes(routes: RouteRegistrar, s: FlagServices): void {
  routes.add({
    method: 'GET',
    url: '/audit',
    permission: 'flags.read',
    tenantScoped: false,
    schema: { tags, summary: 'Flag audit trail, newest first (filters flagKey, action, tenantId, actorId, from, to, q)', querystring: ListQuerystring },
    async handler(req: PlatformRequest<{ Querystring: Record<string, unknown> }>, reply: PlatformReply) {
      const params = parseListParams(req.query, { sort: AUDIT_SORT_FIELDS, filter: AUDIT_FILTER_FIELDS });
      const { rows, total } = await listFlagAudit(s.db, auditQueryOf(req, params), params);
      setContentRange(reply, 'audit', params.offset, rows.length, total);
      return rows;
    },
  });

  routes.add({
    method: 'GET',
    url: '/flags/:id/audit',
    permission: 'flags.read',
    tenantScoped: false,
    schema: { tags, summary: 'One flag\'s audit timeline', params: Type.Object({ id: Type.String({ minLength: 1 }) }), querystring: ListQuerystring },
    async handler(req: PlatformRequest<{ Params: { id: string }; Querystring: Record<string, unknown> }>, reply: PlatformReply) {
      const params = parseListParams(req.query, { sort: AUDIT_SORT_FIELDS, filter: AUDIT_FILTER_FIELDS });
      // A deleted flag keeps its trail: look the key up, or take the parameter as the key.
      const key = (await findFlag(s.db, req.params.id))?.key ?? req.params.id;
      const { rows, total } = await listFlagAudit(s.db, { ...auditQueryOf(req, params), flagKey: key }, params);
      setContentRange(reply, 'audit', params.offset, rows.length, total);
      return rows;
    },
  });
}

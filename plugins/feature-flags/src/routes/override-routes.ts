import { ListQuerystring, parseListParams, problems, setContentRange, Type, type PlatformReply, type PlatformRequest, type RouteRegistrar } from '@platform/sdk';
import { authorOf } from '../model/change-author.ts';
import { OverrideCreateSchema, OverrideUpdateSchema } from '../model/flag-schemas.ts';
import type { FlagServices } from '../service/flag-services.ts';
import { findOverride, listOverrides, OVERRIDE_FILTER_FIELDS, OVERRIDE_SORT_FIELDS, type OverrideQuery } from '../store/override-store.ts';
import { reasonOf } from './change-reason.ts';
import { overrideScopeOf, overrideTenantOf } from './request-scope.ts';

const tags = ['feature-flags'];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

const asStrings = (value: unknown): string | string[] | undefined =>
  value === undefined || value === null || value === '' ? undefined : Array.isArray(value) ? value.map(String) : String(value);

/**
 * Per-tenant and per-user overrides, in their own table, each in exactly one tenant: tenant users and
 * tenant keys work in their own tenant only; staff in the selected tenant or, reading, across tenants.
 */
export function overrideRoutes(routes: RouteRegistrar, s: FlagServices): void {
  routes.add({
    method: 'GET',
    url: '/overrides',
    permission: 'flags.read',
    tenantScoped: false,
    schema: { tags, summary: 'List overrides (react-admin conventions); filters flagKey, scope, userId, tenantId, active', querystring: ListQuerystring },
    async handler(req: PlatformRequest<{ Querystring: Record<string, unknown> }>, reply: PlatformReply) {
      const scope = overrideScopeOf(req);
      const params = parseListParams(req.query, { sort: OVERRIDE_SORT_FIELDS, filter: OVERRIDE_FILTER_FIELDS });
      const f = params.filter;
      const query: OverrideQuery = {
        flagKey: asStrings(f.flagKey),
        tenantId: asStrings(f.tenantId),
        scope: f.scope === 'tenant' || f.scope === 'user' ? f.scope : undefined,
        userId: typeof f.userId === 'string' ? f.userId : undefined,
        active: f.active === undefined ? undefined : f.active === true || f.active === 'true',
        q: typeof f.q === 'string' ? f.q : undefined,
      };
      const { rows, total } = await listOverrides(s.db, scope, query, params);
      setContentRange(reply, 'overrides', params.offset, rows.length, total);
      return rows;
    },
  });

  routes.add({
    method: 'GET',
    url: '/overrides/:id',
    permission: 'flags.read',
    tenantScoped: false,
    schema: { tags, summary: 'Get an override', params: IdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      const found = await findOverride(s.db, overrideScopeOf(req), req.params.id);
      if (!found) throw problems.notFound('Override');
      return found;
    },
  });

  routes.add({
    method: 'POST',
    url: '/overrides',
    permission: 'flags.write',
    tenantScoped: false,
    schema: { tags, summary: 'Pin a flag value for a tenant or one of its users, optionally until expiresAt (reason required)', body: OverrideCreateSchema },
    async handler(req: PlatformRequest<{ Body: Record<string, any> }>, reply: PlatformReply) {
      const { reason, tenantId, ...input } = req.body;
      const target = await overrideTenantOf(req, tenantId, s.tenants);
      const created = await s.overrides.create(target, input as Parameters<FlagServices['overrides']['create']>[1], reason, authorOf(req));
      reply.status(201);
      return created;
    },
  });

  routes.add({
    method: ['PUT', 'PATCH'],
    url: '/overrides/:id',
    permission: 'flags.write',
    tenantScoped: false,
    schema: { tags, summary: 'Change an override value, variant or expiry (reason required)', params: IdParams, body: OverrideUpdateSchema },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body: Record<string, any> }>) {
      const scope = overrideScopeOf(req);
      const { reason, value, variant, expiresAt } = req.body;
      return s.overrides.update(scope, req.params.id, { value, variant, expiresAt }, reason, authorOf(req));
    },
  });

  routes.add({
    method: 'DELETE',
    url: '/overrides/:id',
    permission: 'flags.write',
    tenantScoped: false,
    schema: { tags, summary: 'Remove an override (reason in the body, ?reason= or X-Change-Reason)', params: IdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      return s.overrides.remove(overrideScopeOf(req), req.params.id, reasonOf(req), authorOf(req));
    },
  });
}

import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '@platform/sdk';
import type { PluginRouteCollector } from '../http/route-registrar.ts';
import { stampOf } from '../http/request-context.ts';
import { contentRange, filterKindsOf, parseListQuery } from '../http/list-query.ts';
import { Tenant } from '../entities/kernel-entities.ts';
import { toPlain } from '../crud/crud-routes.ts';
import type { KernelServices } from './kernel-services.ts';

const tags = ['tenants'];
const SLUG = Type.String({ pattern: '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$', description: 'lowercase letters, digits and dashes' });
const editable = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  primaryDomain: Type.Optional(Type.Union([Type.String({ pattern: '^[a-z0-9.-]+\\.[a-z]{2,}$', maxLength: 253 }), Type.Null()])),
  locale: Type.Optional(Type.String({ pattern: '^[a-z]{2}(-[A-Z]{2})?$' })),
  contactName: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  contactEmail: Type.Optional(Type.Union([Type.String({ format: 'email' }), Type.Null()])),
};
const CreateTenant = Type.Object({ slug: SLUG, ...editable }, { additionalProperties: false });
/**
 * A slug that is taken is refused (409 `slug_taken`) unless the caller asks for the existing tenant: provisioning
 * scripts re-run with `?ifExists=return`, or retry one request with the same `Idempotency-Key` (replayed by the kernel).
 */
const CreateTenantQuery = Type.Object(
  { ifExists: Type.Optional(Type.Union([Type.Literal('return'), Type.Literal('error')], { description: '`return`: answer 200 with the tenant that has the slug; `error` (default): 409 slug_taken' })) },
  { additionalProperties: false },
);
const UpdateTenant = Type.Object(
  {
    ...Type.Partial(Type.Object(editable)).properties,
    slug: Type.Optional(SLUG),
    // react-admin echoes the whole record back on edit; these are accepted and ignored.
    id: Type.Optional(Type.String()),
    status: Type.Optional(Type.String()),
    statusReason: Type.Optional(Type.Any()),
    deletedAt: Type.Optional(Type.Any()),
    purgeAfter: Type.Optional(Type.Any()),
    provisionedAt: Type.Optional(Type.Any()),
    createdAt: Type.Optional(Type.Any()),
    updatedAt: Type.Optional(Type.Any()),
  },
  { additionalProperties: false },
);
const Reason = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false });
const OptionalReason = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const FIELDS = ['id', 'slug', 'name', 'status', 'primaryDomain', 'locale', 'createdAt', 'updatedAt', 'deletedAt', 'purgeAfter'];

export function tenantRoutes(r: PluginRouteCollector, s: KernelServices): void {
  r.add({
    method: 'GET',
    url: '/tenants',
    permission: 'platform.tenants.read',
    tenantScoped: false,
    schema: { tags, summary: 'List tenants', querystring: Type.Object({ sort: Type.Optional(Type.String()), range: Type.Optional(Type.String()), filter: Type.Optional(Type.String()) }) },
    async handler(req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply) {
      const em = s.orm.em.fork();
      const q = parseListQuery(req.query, { sort: FIELDS, filter: FIELDS, kinds: filterKindsOf(em, Tenant) });
      const where: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(q.filter)) {
        if (k === 'q') {
          if (typeof v === 'string' && v) where.$or = [{ name: { $ilike: `%${v}%` } }, { slug: { $ilike: `%${v}%` } }, { primaryDomain: { $ilike: `%${v}%` } }];
        } else where[k] = Array.isArray(v) ? { $in: v } : v;
      }
      if (req.ctx.actor?.kind === 'tenant') where.id = req.ctx.actor.tenantId;
      const [rows, total] = await em.findAndCount(Tenant, where, {
        orderBy: q.sort ? { [q.sort.field]: q.sort.order } : { createdAt: 'DESC' },
        limit: q.limit,
        offset: q.offset,
      } as any);
      reply.header('Content-Range', contentRange('tenants', q.offset, rows.length, total));
      return rows.map(toPlain);
    },
  });

  r.add({
    method: 'GET',
    url: '/tenants/:id',
    permission: 'platform.tenants.read',
    tenantScoped: false,
    schema: { tags, summary: 'Get a tenant', params: IdParams },
    async handler(req: FastifyRequest<{ Params: { id: string } }>) {
      if (req.ctx.actor?.kind === 'tenant' && req.ctx.actor.tenantId !== req.params.id) throw new ProblemError(404, 'tenant_not_found', 'Tenant not found');
      const t = await s.orm.em.fork().findOne(Tenant, { id: req.params.id });
      if (!t) throw new ProblemError(404, 'tenant_not_found', `Tenant ${req.params.id} not found`);
      return toPlain(t);
    },
  });

  r.add({
    method: 'POST',
    url: '/tenants',
    permission: 'platform.tenants.write',
    tenantScoped: false,
    schema: {
      tags,
      summary: 'Create (and provision) a tenant; a taken slug is 409 slug_taken, or with ?ifExists=return 200 and the tenant that has it',
      querystring: CreateTenantQuery,
      body: CreateTenant,
    },
    async handler(req: FastifyRequest<{ Body: { slug: string; name: string }; Querystring: { ifExists?: 'return' | 'error' } }>, reply: FastifyReply) {
      const ifExists = req.query.ifExists === 'return' ? 'return' : 'refuse';
      const { tenant, created } = await s.tenants.create(req.body, stampOf(req), { ifExists });
      reply.status(created ? 201 : 200);
      return toPlain(tenant);
    },
  });

  r.add({
    method: ['PUT', 'PATCH'],
    url: '/tenants/:id',
    permission: 'platform.tenants.write',
    tenantScoped: false,
    schema: { tags, summary: 'Edit a tenant', params: IdParams, body: UpdateTenant },
    async handler(req: FastifyRequest<{ Params: { id: string }; Body: Record<string, unknown> }>) {
      const { id, status, statusReason, deletedAt, purgeAfter, provisionedAt, createdAt, updatedAt, ...changes } = req.body;
      if (id !== undefined && id !== req.params.id) throw new ProblemError(400, 'validation_failed', 'Body id does not match the URL', { field: 'id' });
      return toPlain(await s.tenants.update(req.params.id, changes, stampOf(req)));
    },
  });

  const transition = (action: 'suspend' | 'activate' | 'restore', needsReason: boolean) =>
    r.add({
      method: 'POST',
      url: `/tenants/:id/${action}`,
      permission: 'platform.tenants.write',
      tenantScoped: false,
      schema: { tags, summary: `${action[0].toUpperCase()}${action.slice(1)} a tenant`, params: IdParams, body: needsReason ? Reason : OptionalReason },
      async handler(req: FastifyRequest<{ Params: { id: string }; Body: { reason?: string } }>) {
        return toPlain(await s.tenants.transition(req.params.id, action, req.body?.reason ?? null, stampOf(req)));
      },
    });
  transition('suspend', true);
  transition('activate', false);
  transition('restore', false);

  r.add({
    method: 'POST',
    url: '/tenants/:id/provision',
    permission: 'platform.tenants.write',
    tenantScoped: false,
    schema: { tags, summary: 'Provision a tenant again: re-runs the plugin hooks that have not succeeded; active once all have', params: IdParams },
    async handler(req: FastifyRequest<{ Params: { id: string } }>) {
      const t = await s.tenants.provision(req.params.id, stampOf(req));
      return { ...toPlain(t), provisioning: await s.tenants.provisioningSteps(t.id) };
    },
  });

  r.add({
    method: 'GET',
    url: '/tenants/:id/provisioning',
    permission: 'platform.tenants.read',
    scope: 'platform',
    tenantScoped: false,
    schema: { tags, summary: "Each plugin's provisioning outcome for the tenant (which one holds it in provisioning)", params: IdParams },
    async handler(req: FastifyRequest<{ Params: { id: string } }>) {
      const t = await s.orm.em.fork().findOne(Tenant, { id: req.params.id });
      if (!t) throw new ProblemError(404, 'tenant_not_found', `Tenant ${req.params.id} not found`);
      return { tenantId: t.id, status: t.status, statusReason: t.statusReason, steps: await s.tenants.provisioningSteps(t.id) };
    },
  });

  r.add({
    method: 'DELETE',
    url: '/tenants/:id',
    permission: 'platform.tenants.write',
    tenantScoped: false,
    schema: { tags, summary: 'Soft-delete a tenant; it can be restored during the grace period', params: IdParams, body: Type.Optional(OptionalReason) },
    async handler(req: FastifyRequest<{ Params: { id: string }; Body?: { reason?: string } }>) {
      return toPlain(await s.tenants.transition(req.params.id, 'delete', req.body?.reason ?? null, stampOf(req)));
    },
  });

  r.add({
    method: 'POST',
    url: '/tenants/:id/purge',
    permission: 'platform.tenants.purge',
    tenantScoped: false,
    schema: { tags, summary: 'Purge a deleted tenant whose grace period is over', params: IdParams },
    async handler(req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) {
      await s.tenants.purge(req.params.id, stampOf(req));
      s.actors.evictAll(); // the tenant's users and keys are gone
      reply.status(204);
      return null;
    },
  });
}

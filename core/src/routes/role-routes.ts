import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '@platform/sdk';
import type { PluginRouteCollector } from '../http/route-registrar.ts';
import { Role, User } from '../entities/kernel-entities.ts';
import { listEntities, ListQuerySchema } from '../crud/list-entities.ts';
import { toPlain } from '../crud/crud-routes.ts';
import type { KernelServices } from './kernel-services.ts';
import { isTenantBound } from '../auth/permission-catalog.ts';

const tags = ['roles'];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const FIELDS = ['id', 'key', 'name', 'builtin', 'scope', 'createdAt'];
const editable = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  description: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  permissions: Type.Array(Type.String(), { maxItems: 500 }),
};
const CreateRole = Type.Object(
  { key: Type.String({ pattern: '^[a-z][a-z0-9_]{1,49}$' }), scope: Type.Optional(Type.Union([Type.Literal('platform'), Type.Literal('tenant')])), ...editable },
  { additionalProperties: false },
);
const UpdateRole = Type.Object(
  { ...Type.Partial(Type.Object(editable)).properties, id: Type.Optional(Type.String()), key: Type.Optional(Type.String()), scope: Type.Optional(Type.String()), builtin: Type.Optional(Type.Boolean()), createdAt: Type.Optional(Type.Any()), updatedAt: Type.Optional(Type.Any()) },
  { additionalProperties: false },
);

export function roleRoutes(r: PluginRouteCollector, s: KernelServices): void {
  const checkPermissions = (perms: string[], scope: string) => {
    const known = new Set(s.permissions().map((p) => p.key));
    for (const p of perms) {
      if (p === '*') throw new ProblemError(400, 'validation_failed', 'Only super_admin holds every permission', { field: 'permissions' });
      if (!known.has(p)) throw new ProblemError(400, 'validation_failed', `Unknown permission "${p}"`, { field: 'permissions' });
    }
    // A tenant role goes to tenant users, who never hold a platform permission.
    const platform = scope === 'tenant' ? s.scopes.notForTenants(perms) : [];
    if (platform.length)
      throw new ProblemError(400, 'validation_failed', `A tenant role cannot hold platform permission(s) ${platform.map((p) => `"${p}"`).join(', ')}`, { field: 'permissions', extra: { permissions: platform } });
  };
  const isTenantCaller = (req: FastifyRequest) => isTenantBound(req.ctx.actor);

  r.add({
    method: 'GET', url: '/permissions', permission: 'roles.read', tenantScoped: false,
    schema: { tags, summary: 'Every permission declared by the kernel and the plugins' },
    handler: async (req: FastifyRequest) =>
      s.permissions()
        .filter((p) => !isTenantCaller(req) || p.scope === 'tenant')
        .map((p) => ({ id: p.key, key: p.key, label: p.label, plugin: p.plugin, scope: p.scope })),
  });

  r.add({
    method: 'GET', url: '/roles', permission: 'roles.read', tenantScoped: false,
    schema: { tags, summary: 'List roles', querystring: ListQuerySchema },
    handler: (req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply) =>
      listEntities(req, reply, { em: s.orm.em.fork(), entity: Role, resource: 'roles', fields: FIELDS, searchFields: ['key', 'name'], where: isTenantCaller(req) ? { scope: 'tenant' } : {} }),
  });

  r.add({
    method: 'GET', url: '/roles/:id', permission: 'roles.read', tenantScoped: false,
    schema: { tags, summary: 'Get a role', params: IdParams },
    async handler(req: FastifyRequest<{ Params: { id: string } }>) {
      const role = await s.orm.em.fork().findOne(Role, { id: req.params.id, ...(isTenantCaller(req) ? { scope: 'tenant' } : {}) });
      if (!role) throw new ProblemError(404, 'not_found', 'Role not found');
      return toPlain(role);
    },
  });

  r.add({
    method: 'POST', url: '/roles', permission: 'roles.write', tenantScoped: false,
    schema: { tags, summary: 'Create a custom role', body: CreateRole },
    async handler(req: FastifyRequest<{ Body: { key: string; name: string; description?: string | null; permissions: string[]; scope?: 'platform' | 'tenant' } }>, reply: FastifyReply) {
      const scope = req.body.scope ?? 'platform';
      checkPermissions(req.body.permissions, scope);
      const role = await s.orm.em.fork().transactional(async (em) => {
        if (await em.findOne(Role, { key: req.body.key })) throw new ProblemError(409, 'role_exists', `Role "${req.body.key}" exists`, { field: 'key' });
        const created = em.create(Role, { ...req.body, description: req.body.description ?? null, scope, builtin: false } as any);
        await em.flush();
        await req.ctx.audit({ action: 'role.created', tenantId: null, targetType: 'role', targetId: created.id, after: toPlain(created) }, em);
        return created;
      });
      s.roles.invalidate();
      reply.status(201);
      return toPlain(role);
    },
  });

  r.add({
    method: ['PUT', 'PATCH'], url: '/roles/:id', permission: 'roles.write', tenantScoped: false,
    schema: { tags, summary: 'Edit a custom role', params: IdParams, body: UpdateRole },
    async handler(req: FastifyRequest<{ Params: { id: string }; Body: { name?: string; description?: string | null; permissions?: string[] } }>) {
      const role = await s.orm.em.fork().transactional(async (em) => {
        const row = await em.findOne(Role, { id: req.params.id });
        if (!row) throw new ProblemError(404, 'not_found', 'Role not found');
        if (row.builtin) throw new ProblemError(409, 'role_builtin', 'Built-in roles cannot be changed; create a custom role');
        const before = toPlain(row);
        if (req.body.permissions) checkPermissions(req.body.permissions, row.scope);
        if (req.body.name !== undefined) row.name = req.body.name;
        if (req.body.description !== undefined) row.description = req.body.description;
        if (req.body.permissions) row.permissions = req.body.permissions;
        await em.flush();
        await req.ctx.audit({ action: 'role.updated', tenantId: null, targetType: 'role', targetId: row.id, before, after: toPlain(row) }, em);
        return row;
      });
      s.roles.invalidate();
      s.actors.evictAll();
      return toPlain(role);
    },
  });

  r.add({
    method: 'DELETE', url: '/roles/:id', permission: 'roles.write', tenantScoped: false,
    schema: { tags, summary: 'Delete a custom role that no user holds', params: IdParams },
    async handler(req: FastifyRequest<{ Params: { id: string } }>) {
      const before = await s.orm.em.fork().transactional(async (em) => {
        const row = await em.findOne(Role, { id: req.params.id });
        if (!row) throw new ProblemError(404, 'not_found', 'Role not found');
        if (row.builtin) throw new ProblemError(409, 'role_builtin', 'Built-in roles cannot be deleted');
        const holders = await em.count(User, { roles: { $contains: [row.key] } } as any);
        if (holders > 0) throw new ProblemError(409, 'role_in_use', `${holders} user(s) still hold this role`);
        const snap = toPlain(row);
        em.remove(row);
        await em.flush();
        await req.ctx.audit({ action: 'role.deleted', tenantId: null, targetType: 'role', targetId: req.params.id, before: snap }, em);
        return snap;
      });
      s.roles.invalidate();
      return before;
    },
  });
}

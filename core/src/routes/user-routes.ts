import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '@platform/sdk';
import type { PluginRouteCollector } from '../http/route-registrar.ts';
import { User, type UserRecord } from '../entities/kernel-entities.ts';
import { checkRoleAssignment } from '../auth/role-assignment.ts';
import { hashPassword } from '../auth/passwords.ts';
import { listEntities, ListQuerySchema } from '../crud/list-entities.ts';
import { toPlain } from '../crud/crud-routes.ts';
import type { KernelServices } from './kernel-services.ts';
import { isTenantBound } from '../auth/permission-catalog.ts';

const tags = ['users'];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const FIELDS = ['id', 'email', 'name', 'kind', 'tenantId', 'status', 'createdAt', 'lastLoginAt', 'roles'];
const CreateUser = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 320 }),
    name: Type.String({ maxLength: 200 }),
    password: Type.String({ minLength: 8, maxLength: 1024 }),
    kind: Type.Union([Type.Literal('staff'), Type.Literal('tenant')]),
    tenantId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    roles: Type.Array(Type.String(), { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false },
);
const UpdateUser = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    password: Type.Optional(Type.String({ minLength: 8, maxLength: 1024 })),
    roles: Type.Optional(Type.Array(Type.String(), { minItems: 1, maxItems: 20 })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
    id: Type.Optional(Type.String()),
    email: Type.Optional(Type.String()),
    kind: Type.Optional(Type.String()),
    tenantId: Type.Optional(Type.Any()),
    lastLoginAt: Type.Optional(Type.Any()),
    createdAt: Type.Optional(Type.Any()),
    updatedAt: Type.Optional(Type.Any()),
  },
  { additionalProperties: false },
);

/** 403 `password_by_staff_only`: tenant administrators invite users, and users reset their own passwords. */
function passwordByStaffOnly(): ProblemError {
  return new ProblemError(403, 'password_by_staff_only', 'Only platform staff set a password for someone else; invite the user instead (they choose their own password)', { field: 'password' });
}

export function publicUser(u: UserRecord) {
  const { passwordHash, ...rest } = toPlain(u) as Record<string, unknown>;
  return rest;
}

export function userRoutes(r: PluginRouteCollector, s: KernelServices): void {
  /** Tenant actors only see and manage users of their own tenant. */
  const scopeWhere = (req: FastifyRequest): Record<string, unknown> => (req.ctx.actor?.kind === 'tenant' ? { tenantId: req.ctx.actor.tenantId } : {});

  const checkRoles = (req: FastifyRequest, kind: 'staff' | 'tenant', roles: string[]) =>
    checkRoleAssignment(s, kind, roles, { grantedByTenantUser: req.ctx.actor?.kind === 'tenant' });

  const load = async (req: FastifyRequest<{ Params: { id: string } }>) => {
    const em = s.orm.em.fork();
    const user = await em.findOne(User, { id: req.params.id, ...scopeWhere(req) });
    if (!user) throw new ProblemError(404, 'not_found', `User ${req.params.id} not found`);
    return { em, user };
  };

  r.add({
    method: 'GET', url: '/users', permission: 'users.read', tenantScoped: false,
    schema: { tags, summary: 'List users', querystring: ListQuerySchema },
    handler: (req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply) =>
      listEntities(req, reply, { em: s.orm.em.fork(), entity: User, resource: 'users', fields: FIELDS, searchFields: ['email', 'name'], where: scopeWhere(req), map: publicUser }),
  });

  r.add({
    method: 'GET', url: '/users/:id', permission: 'users.read', tenantScoped: false,
    schema: { tags, summary: 'Get a user', params: IdParams },
    handler: async (req: FastifyRequest<{ Params: { id: string } }>) => publicUser((await load(req)).user),
  });

  r.add({
    method: 'POST', url: '/users', permission: 'users.write', tenantScoped: false,
    schema: { tags, summary: 'Create a user', body: CreateUser },
    async handler(req: FastifyRequest<{ Body: { email: string; name: string; password: string; kind: 'staff' | 'tenant'; tenantId?: string | null; roles: string[] } }>, reply: FastifyReply) {
      const b = req.body;
      const actor = req.ctx.actor!;
      let tenantId = b.tenantId ?? null;
      if (isTenantBound(actor)) {
        if (b.kind !== 'tenant') throw new ProblemError(403, 'forbidden', 'Tenant administrators can only create tenant users');
        // Their own tenant, named or not; another tenant is refused (403 tenant_forbidden naming tenantId).
        tenantId = req.ctx.tenantsNamed('tenantId', b.tenantId)![0];
      }
      if (b.kind === 'tenant' && !tenantId) tenantId = req.ctx.tenantId;
      if (b.kind === 'tenant' && !tenantId) throw new ProblemError(400, 'validation_failed', 'A tenant user needs a tenantId', { field: 'tenantId' });
      if (b.kind === 'staff' && tenantId) throw new ProblemError(400, 'validation_failed', 'Staff users belong to no tenant', { field: 'tenantId' });
      if (tenantId && !(await s.directory.get(tenantId))) throw new ProblemError(400, 'validation_failed', 'Unknown tenant', { field: 'tenantId' });
      await checkRoles(req, b.kind, b.roles);
      // A password typed by an administrator is for platform staff only: tenant admins invite (onboarding plugin).
      if (isTenantBound(actor)) throw passwordByStaffOnly();
      const passwordHash = await hashPassword(b.password);
      const created = await s.orm.em.fork().transactional(async (em) => {
        if (await em.findOne(User, { email: b.email.toLowerCase() })) throw new ProblemError(409, 'email_taken', 'A user with this email exists', { field: 'email' });
        const user = em.create(User, { email: b.email.toLowerCase(), name: b.name, passwordHash, kind: b.kind, tenantId, roles: b.roles, status: 'active', lastLoginAt: null } as any);
        await em.flush();
        await req.ctx.audit({ action: 'user.created', tenantId, targetType: 'user', targetId: user.id, after: publicUser(user) }, em);
        return user;
      });
      reply.status(201);
      return publicUser(created);
    },
  });

  r.add({
    method: ['PUT', 'PATCH'], url: '/users/:id', permission: 'users.write', tenantScoped: false,
    schema: { tags, summary: 'Edit a user (name, roles, status, password)', params: IdParams, body: UpdateUser },
    async handler(req: FastifyRequest<{ Params: { id: string }; Body: { name?: string; password?: string; roles?: string[]; status?: 'active' | 'disabled' } }>) {
      if (req.body.password && isTenantBound(req.ctx.actor!)) throw passwordByStaffOnly();
      const { em, user } = await load(req);
      const before = publicUser(user);
      if (req.body.roles) await checkRoles(req, user.kind, req.body.roles);
      if (req.body.name !== undefined) user.name = req.body.name;
      if (req.body.roles) user.roles = req.body.roles;
      if (req.body.status) user.status = req.body.status;
      if (req.body.password) user.passwordHash = await hashPassword(req.body.password);
      await em.transactional(async (tem) => {
        await tem.flush();
        await req.ctx.audit({ action: 'user.updated', tenantId: user.tenantId, targetType: 'user', targetId: user.id, before, after: { ...publicUser(user), passwordChanged: !!req.body.password } }, tem);
      });
      s.actors.evictAll();
      return publicUser(user);
    },
  });

  r.add({
    method: 'DELETE', url: '/users/:id', permission: 'users.write', tenantScoped: false,
    schema: { tags, summary: 'Delete a user', params: IdParams },
    async handler(req: FastifyRequest<{ Params: { id: string } }>) {
      const { em, user } = await load(req);
      if (user.id === req.ctx.actor?.id) throw new ProblemError(409, 'cannot_delete_self', 'You cannot delete your own account');
      const before = publicUser(user);
      await em.transactional(async (tem) => {
        tem.remove(user);
        await tem.flush();
        await req.ctx.audit({ action: 'user.deleted', tenantId: user.tenantId, targetType: 'user', targetId: user.id, before }, tem);
      });
      s.actors.evictAll();
      return before;
    },
  });
}

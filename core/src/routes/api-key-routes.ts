import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '@platform/sdk';
import type { PluginRouteCollector } from '../http/route-registrar.ts';
import { ApiKey, type ApiKeyRecord } from '../entities/kernel-entities.ts';
import { hasPermission, isTenantBound } from '../auth/permission-catalog.ts';
import { hashToken, newApiKey } from '../auth/tokens.ts';
import { listEntities, ListQuerySchema } from '../crud/list-entities.ts';
import { toPlain } from '../crud/crud-routes.ts';
import type { KernelServices } from './kernel-services.ts';

const tags = ['api-keys'];
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const FIELDS = ['id', 'name', 'prefix', 'tenantId', 'createdAt', 'lastUsedAt', 'expiresAt', 'revokedAt'];
const CreateKey = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    permissions: Type.Array(Type.String(), { minItems: 1, maxItems: 200 }),
    tenantId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()])),
    actOnBehalf: Type.Optional(Type.Boolean()),
    expiresAt: Type.Optional(Type.Union([Type.String({ format: 'date-time' }), Type.Null()])),
  },
  { additionalProperties: false },
);

function publicKey(k: ApiKeyRecord) {
  const { keyHash, ...rest } = toPlain(k) as Record<string, unknown>;
  return { ...rest, revoked: !!k.revokedAt };
}

export function apiKeyRoutes(r: PluginRouteCollector, s: KernelServices): void {
  const scopeWhere = (req: FastifyRequest): Record<string, unknown> => (req.ctx.actor?.kind === 'tenant' ? { tenantId: req.ctx.actor.tenantId } : {});

  r.add({
    method: 'GET', url: '/api-keys', permission: 'api_keys.read', tenantScoped: false,
    schema: { tags, summary: 'List API keys (secrets are never shown again)', querystring: ListQuerySchema },
    handler: (req: FastifyRequest<{ Querystring: Record<string, unknown> }>, reply: FastifyReply) =>
      listEntities(req, reply, { em: s.orm.em.fork(), entity: ApiKey, resource: 'api-keys', fields: FIELDS, searchFields: ['name', 'prefix'], where: scopeWhere(req), map: publicKey }),
  });

  r.add({
    method: 'GET', url: '/api-keys/:id', permission: 'api_keys.read', tenantScoped: false,
    schema: { tags, summary: 'Get an API key', params: IdParams },
    async handler(req: FastifyRequest<{ Params: { id: string } }>) {
      const k = await s.orm.em.fork().findOne(ApiKey, { id: req.params.id, ...scopeWhere(req) });
      if (!k) throw new ProblemError(404, 'not_found', 'API key not found');
      return publicKey(k);
    },
  });

  r.add({
    method: 'POST', url: '/api-keys', permission: 'api_keys.write', tenantScoped: false,
    schema: { tags, summary: 'Create an API key; the key is returned once', body: CreateKey },
    async handler(req: FastifyRequest<{ Body: { name: string; permissions: string[]; tenantId?: string | null; actOnBehalf?: boolean; expiresAt?: string | null } }>, reply: FastifyReply) {
      const actor = req.ctx.actor!;
      const b = req.body;
      for (const p of b.permissions) {
        if (!hasPermission(actor.permissions, p)) throw new ProblemError(403, 'forbidden', `You cannot grant "${p}", which you do not hold`, { extra: { field: 'permissions' } });
        if (p !== '*' && !s.permissions().some((c) => c.key === p)) throw new ProblemError(400, 'validation_failed', `Unknown permission "${p}"`, { field: 'permissions' });
      }
      let tenantId = b.tenantId ?? null;
      // A tenant's key is bound to that tenant; naming another is refused (403 tenant_forbidden naming tenantId).
      if (isTenantBound(actor)) tenantId = req.ctx.tenantsNamed('tenantId', b.tenantId)![0];
      if (tenantId && !(await s.directory.get(tenantId))) throw new ProblemError(400, 'validation_failed', 'Unknown tenant', { field: 'tenantId' });
      // A key bound to a tenant is a tenant principal: it never holds a platform permission.
      const platform = tenantId ? s.scopes.notForTenants(b.permissions) : [];
      if (platform.length)
        throw new ProblemError(400, 'validation_failed', `A key bound to a tenant cannot hold platform permission(s) ${platform.join(', ')}`, { field: 'permissions', extra: { permissions: platform } });
      if (b.actOnBehalf && actor.kind === 'tenant') throw new ProblemError(403, 'forbidden', 'Only platform staff can create keys that act on behalf of others');
      if (b.expiresAt && Date.parse(b.expiresAt) <= Date.now()) throw new ProblemError(400, 'validation_failed', 'expiresAt must be in the future', { field: 'expiresAt' });
      const { key, prefix } = newApiKey();
      const row = await s.orm.em.fork().transactional(async (em) => {
        const created = em.create(ApiKey, {
          name: b.name, prefix, keyHash: hashToken(key), permissions: b.permissions, tenantId, actOnBehalf: !!b.actOnBehalf,
          createdBy: actor.type === 'user' ? actor.id : null, lastUsedAt: null, expiresAt: b.expiresAt ? new Date(b.expiresAt) : null, revokedAt: null,
        } as any);
        await em.flush();
        await req.ctx.audit({ action: 'api_key.created', tenantId, targetType: 'api_key', targetId: created.id, after: publicKey(created) }, em);
        return created;
      });
      reply.status(201);
      return { ...publicKey(row), key };
    },
  });

  r.add({
    method: 'DELETE', url: '/api-keys/:id', permission: 'api_keys.write', tenantScoped: false,
    schema: { tags, summary: 'Revoke an API key', params: IdParams },
    async handler(req: FastifyRequest<{ Params: { id: string } }>) {
      const row = await s.orm.em.fork().transactional(async (em) => {
        const k = await em.findOne(ApiKey, { id: req.params.id, ...scopeWhere(req) });
        if (!k) throw new ProblemError(404, 'not_found', 'API key not found');
        k.revokedAt ??= new Date();
        await em.flush();
        await req.ctx.audit({ action: 'api_key.revoked', tenantId: k.tenantId, targetType: 'api_key', targetId: k.id }, em);
        return k;
      });
      s.actors.evictAll();
      return publicKey(row);
    },
  });
}

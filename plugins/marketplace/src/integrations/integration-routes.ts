import { Type, replyInMemoryList, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { MARKETPLACE_PERMISSIONS } from '../marketplace-permissions.ts';
import type { IntegrationService } from './integration-service.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const HOOK_BODY_LIMIT = 256 * 1024;

/**
 * The integrations catalog's routes: the tenant's own (`/integration-types`, `/my/integrations...`, tenant
 * permissions, bound to the caller's tenant) and the public inbound endpoint `/hooks/:token` (HMAC-signed).
 */
export function addIntegrationRoutes(ctx: PluginContext, service: IntegrationService): void {
  const P = MARKETPLACE_PERMISSIONS;
  const audit = (req: PlatformRequest) => (entry: Parameters<PlatformRequest['ctx']['audit']>[0], em: Parameters<PlatformRequest['ctx']['audit']>[1]) => req.ctx.audit(entry, em);

  ctx.routes.add({
    method: 'GET', url: '/integration-types', permission: P.integrationsRead, tenantScoped: true,
    schema: { summary: 'Integration types the tenant can connect, with their configuration schema and whether they must be bought first' },
    async handler(req: PlatformRequest, reply: PlatformReply) {
      return replyInMemoryList(req.query as Record<string, unknown>, reply, 'integration-types', await service.types(req.ctx.requireTenant()));
    },
  });

  ctx.routes.add({
    method: 'GET', url: '/my/integrations', permission: P.integrationsRead, tenantScoped: true,
    schema: { summary: "The current tenant's integrations (secrets masked), each with its webhook URL and last delivery" },
    async handler(req: PlatformRequest, reply: PlatformReply) {
      return replyInMemoryList(req.query as Record<string, unknown>, reply, 'integrations', await service.list(req.ctx.requireTenant()), { sort: ['name', 'type', 'createdAt'] });
    },
  });

  ctx.routes.add({
    method: 'GET', url: '/my/integrations/:id', permission: P.integrationsRead, tenantScoped: true,
    schema: { summary: 'One integration of the current tenant', params: IdParams },
    handler: (req: PlatformRequest<{ Params: { id: string } }>) => service.get(req.ctx.requireTenant(), req.params.id),
  });

  ctx.routes.add({
    method: 'POST', url: '/my/integrations', permission: P.integrationsWrite, tenantScoped: true,
    schema: { summary: 'Connects an integration: { type, name?, config }. The credentials are checked with the provider first (400 naming the field when refused); the answer carries the webhook signing secret, shown once (audited)' },
    async handler(req: PlatformRequest, reply: PlatformReply) {
      const created = await service.create(req.ctx.requireTenant(), req.body, audit(req));
      reply.status(201);
      return created;
    },
  });

  ctx.routes.add({
    method: ['PATCH', 'PUT'], url: '/my/integrations/:id', permission: P.integrationsWrite, tenantScoped: true,
    schema: { summary: 'Changes an integration: { name?, enabled?, config? } (a new config is checked with the provider again; masked secrets keep their values) (audited)', params: IdParams },
    handler: (req: PlatformRequest<{ Params: { id: string } }>) => service.update(req.ctx.requireTenant(), req.params.id, req.body, audit(req)),
  });

  ctx.routes.add({
    method: 'DELETE', url: '/my/integrations/:id', permission: P.integrationsWrite, tenantScoped: true,
    schema: { summary: 'Disconnects an integration and its webhook endpoint (audited)', params: IdParams },
    handler: (req: PlatformRequest<{ Params: { id: string } }>) => service.remove(req.ctx.requireTenant(), req.params.id, audit(req)),
  });

  ctx.routes.add({
    method: 'POST', url: '/my/integrations/:id/rotate-secret', permission: P.integrationsWrite, tenantScoped: true,
    schema: { summary: "Replaces the webhook endpoint's signing secret; the answer carries the new one, shown once (audited)", params: IdParams },
    handler: (req: PlatformRequest<{ Params: { id: string } }>) => service.rotateSecret(req.ctx.requireTenant(), req.params.id, audit(req)),
  });

  ctx.routes.add({
    method: 'GET', url: '/my/integrations/:id/deliveries', permission: P.integrationsRead, tenantScoped: true,
    schema: { summary: "The integration's latest inbound webhook deliveries (status, error, the start of the body)", params: IdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>, reply: PlatformReply) {
      return replyInMemoryList(req.query as Record<string, unknown>, reply, 'deliveries', await service.deliveries(req.ctx.requireTenant(), req.params.id));
    },
  });

  ctx.routes.add({
    method: 'POST', url: '/hooks/:token', public: true, tenantScoped: false, rawBody: true, bodyLimit: HOOK_BODY_LIMIT,
    schema: { summary: "An integration's inbound webhook: the body signed with the endpoint's secret in X-Platform-Signature (sha256=<hex HMAC-SHA256>); 401 on a bad signature", params: Type.Object({ token: Type.String({ maxLength: 100 }) }) },
    async handler(req: PlatformRequest<{ Params: { token: string } }>, reply: PlatformReply) {
      const delivery = await service.receive(req.params.token, req.headers, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      reply.status(202);
      return { id: delivery.id, status: delivery.status };
    },
  });
}

import { ListQuerystring, parseListParams, setContentRange, sqlEquals, Type, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import type { MessageChannel } from '@platform/sdk/messaging';
import type { ProviderCatalog } from './provider-catalog.ts';
import { PROVIDER_CONFIG_SORTS, type ProviderConfigStore } from './provider-config-store.ts';
import type { ProviderConfigService } from './provider-config-service.ts';
import { CreateProviderConfigInput, UpdateProviderConfigInput, type CreateProviderConfig, type UpdateProviderConfig } from './provider-config-input.ts';
import { MESSAGING_PERMISSIONS } from '../messaging-permissions.ts';

const idParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** `/api/messaging/provider-types` (the installed providers) and `/api/messaging/providers` (their configurations). */
export function addProviderRoutes(ctx: PluginContext, catalog: ProviderCatalog, store: ProviderConfigStore, service: ProviderConfigService): void {
  ctx.routes.add({
    method: 'GET',
    url: '/provider-types',
    permission: MESSAGING_PERMISSIONS.providersRead,
    tenantScoped: false,
    schema: { summary: 'The installed SMS and email providers, with the settings schema of each (secret fields marked x-secret)' },
    handler() {
      const of = (channel: MessageChannel) =>
        catalog.list(channel).map(({ provider, plugin }) => ({
          id: provider.id,
          channel,
          name: provider.name,
          description: provider.description ?? null,
          plugin,
          canTestConnection: typeof provider.testConnection === 'function',
          configSchema: provider.configSchema,
        }));
      return [...of('sms'), ...of('email')];
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/providers',
    permission: MESSAGING_PERMISSIONS.providersRead,
    tenantScoped: false,
    schema: { summary: 'Provider configurations (secrets masked); filter channel, providerId, enabled, q', querystring: ListQuerystring },
    async handler(req: PlatformRequest<{ Querystring: { sort?: string; range?: string; filter?: string } }>, reply: PlatformReply) {
      const q = parseListParams(req.query, { sort: Object.keys(PROVIDER_CONFIG_SORTS), filter: { channel: 'string', providerId: 'string', enabled: 'boolean', q: 'string', id: 'uuid' } });
      const params: unknown[] = [];
      const where = ['true'];
      const f = q.filter;
      if (f.channel !== undefined) where.push(sqlEquals(params, 'channel', f.channel));
      if (f.providerId !== undefined) where.push(sqlEquals(params, 'provider_id', f.providerId));
      if (f.enabled !== undefined) where.push(sqlEquals(params, 'enabled', f.enabled, 'boolean'));
      if (f.id !== undefined) where.push(sqlEquals(params, 'id', f.id, 'uuid'));
      if (typeof f.q === 'string' && f.q) where.push(`name ILIKE ${(params.push(`%${f.q}%`), `$${params.length}`)}`);
      const order = q.sort ? `${PROVIDER_CONFIG_SORTS[q.sort.field]} ${q.sort.order}, id` : 'channel, lower(name), id';
      const { rows, total } = await store.list(where.join(' AND '), params, order, q.limit, q.offset);
      setContentRange(reply, 'providers', q.offset, rows.length, total);
      return rows.map((c) => service.view(c));
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/providers/:id',
    permission: MESSAGING_PERMISSIONS.providersRead,
    tenantScoped: false,
    schema: { summary: 'One provider configuration (secrets masked)', params: idParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      return service.view(await service.get(req.params.id));
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/providers',
    permission: MESSAGING_PERMISSIONS.manage,
    tenantScoped: false,
    schema: { summary: "Add a provider configuration: config is checked against the provider's schema (400 naming config.<field>); secrets are sealed", body: CreateProviderConfigInput },
    async handler(req: PlatformRequest<{ Body: CreateProviderConfig }>, reply: PlatformReply) {
      reply.status(201);
      return service.create(req.ctx, req.body);
    },
  });

  ctx.routes.add({
    method: ['PATCH', 'PUT'],
    url: '/providers/:id',
    permission: MESSAGING_PERMISSIONS.manage,
    tenantScoped: false,
    schema: { summary: 'Edit name, config (a secret sent back masked keeps its value) or enabled', params: idParams, body: UpdateProviderConfigInput },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body: UpdateProviderConfig }>) {
      const { name, config, enabled } = req.body;
      return service.update(req.ctx, req.params.id, { name, config, enabled });
    },
  });

  ctx.routes.add({
    method: 'DELETE',
    url: '/providers/:id',
    permission: MESSAGING_PERMISSIONS.manage,
    tenantScoped: false,
    schema: { summary: 'Delete a provider configuration (409 while an assignment uses it)', params: idParams },
    handler: (req: PlatformRequest<{ Params: { id: string } }>) => service.delete(req.ctx, req.params.id),
  });

  ctx.routes.add({
    method: 'POST',
    url: '/providers/:id/test',
    permission: MESSAGING_PERMISSIONS.manage,
    tenantScoped: false,
    schema: { summary: 'Test the connection: one cheap authenticated call to the provider; the result is kept on the configuration', params: idParams },
    handler: (req: PlatformRequest<{ Params: { id: string } }>) => service.test(req.ctx, req.params.id),
  });
}

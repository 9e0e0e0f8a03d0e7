import { ProblemError, Type, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { CallbackSignatureError, type EmailProviderDefinition, type ProviderCallbackRequest, type SmsProviderDefinition } from '@platform/sdk/messaging';
import type { ProviderCatalog } from '../providers/provider-catalog.ts';
import type { ProviderConfigStore } from '../providers/provider-config-store.ts';
import type { DeliveryUpdates } from './delivery-updates.ts';

/** Callback bodies are small (a status, an event batch); providers batch at most a few hundred KB. */
const CALLBACK_BODY_LIMIT = 1024 * 1024;

/**
 * `POST /api/messaging/callbacks/:configId`: a provider's status callback or event webhook, public, the body
 * kept as received (JSON, form-encoded...) for the provider's signature check. A bad signature is a 401; the
 * updates are applied to the messages that configuration sent.
 */
export function addCallbackRoutes(ctx: PluginContext, catalog: ProviderCatalog, configs: ProviderConfigStore, updates: DeliveryUpdates): void {
  ctx.routes.add({
    method: 'POST',
    url: '/callbacks/:configId',
    public: true,
    tenantScoped: false,
    rawBody: true,
    bodyLimit: CALLBACK_BODY_LIMIT,
    schema: { summary: "A provider's delivery callback for one configuration (signature checked by the provider plugin)", params: Type.Object({ configId: Type.String() }) },
    async handler(req: PlatformRequest<{ Params: { configId: string } }>, reply: PlatformReply) {
      const { configId } = req.params;
      const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
      const config = UUID.test(configId) ? await configs.find(configId) : null;
      if (!config) throw new ProblemError(404, 'not_found', 'No provider configuration here');
      const provider = catalog.find(config.channel, config.providerId);
      const parse = !provider ? undefined : config.channel === 'sms' ? (provider as SmsProviderDefinition<any>).parseStatusCallback : (provider as EmailProviderDefinition<any>).parseEvents;
      if (!provider || !parse) throw new ProblemError(404, 'not_found', 'This provider configuration takes no callbacks');
      const callbackUrl = `${ctx.kernel.baseUrl.replace(/\/+$/, '')}${req.url}`;
      const request: ProviderCallbackRequest = {
        method: req.method,
        url: callbackUrl,
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v])),
        rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      };
      let reported;
      try {
        reported = await parse.call(provider, request, { config: ctx.secrets.open(provider.configSchema, config.config) as any, callbackUrl: callbackUrl.split('?')[0] });
      } catch (err) {
        if (err instanceof CallbackSignatureError) throw new ProblemError(401, 'invalid_signature', err.message);
        if (err instanceof ProblemError) throw err;
        throw new ProblemError(400, 'invalid_callback', `The callback could not be read: ${(err as Error).message}`.slice(0, 300));
      }
      const result = await updates.apply(config.id, reported);
      reply.status(200);
      return result;
    },
  });
}

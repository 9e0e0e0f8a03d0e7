import { Secret, Type } from '@platform/sdk';
import { defineEmailProvider, defineEmailProviderPlugin, formatEmailAddress, providerErrorFromResponse, ProviderError } from '@platform/sdk/messaging';
import { verifySvixSignature } from './svix-signature.ts';
import { resendDeliveryUpdates } from './resend-events.ts';

/** Resend: POST /emails with the message's idempotency key; events arrive as Svix-signed webhooks. */
export const resendProvider = defineEmailProvider({
  id: 'resend',
  name: 'Resend',
  description: 'Sends through the Resend emails API; delivery, bounce, complaint and open events by webhook',
  configSchema: Type.Object({
    baseUrl: Type.String({ default: 'https://api.resend.com', description: 'API base URL' }),
    apiKey: Secret(Type.String({ minLength: 1, description: 'API key (re_...), sending access is enough' })),
    fromEmail: Type.String({ pattern: '^[^@\\s]+@[^@\\s]+$', description: 'Default sender address (a verified domain)' }),
    fromName: Type.Optional(Type.String({ description: 'Default sender name' })),
    webhookSecret: Secret(Type.Optional(Type.String({ description: "The webhook's signing secret (whsec_...)" }))),
  }),
  async send(ctx, msg) {
    const { config } = ctx;
    const res = await ctx.fetch(`${config.baseUrl}/emails`, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.apiKey}`, 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey },
      body: JSON.stringify({
        from: formatEmailAddress(msg.from ?? { email: config.fromEmail, name: config.fromName }),
        to: msg.to.map((a) => formatEmailAddress(a)),
        ...(msg.replyTo ? { reply_to: formatEmailAddress(msg.replyTo) } : {}),
        subject: msg.subject,
        ...(msg.html ? { html: msg.html } : {}),
        text: msg.text,
        ...(msg.headers ? { headers: msg.headers } : {}),
        tags: Object.entries({ ...msg.tags, message_id: msg.id }).map(([name, value]) => ({ name, value })),
      }),
    });
    if (!res.ok) throw await providerErrorFromResponse(res, await errorName(res.clone()));
    const body = (await res.json()) as { id?: string };
    if (!body.id) throw new ProviderError('unavailable', 'Resend answered without an email id', res.status);
    return { providerMessageId: body.id, status: 'sent' };
  },
  async testConnection(ctx) {
    const res = await ctx.fetch(`${ctx.config.baseUrl}/domains`, { headers: { authorization: `Bearer ${ctx.config.apiKey}` } });
    // A sending-only key may not list domains: Resend says so with 401 `restricted_api_key`, which proves the key.
    if (res.status === 401 && (await errorName(res.clone())) === 'restricted_api_key') return { detail: 'sending-only API key accepted' };
    if (!res.ok) throw await providerErrorFromResponse(res);
    const body = (await res.json()) as { data?: unknown[] };
    return { detail: `${body.data?.length ?? 0} domain(s)` };
  },
  parseEvents(request, ctx) {
    verifySvixSignature(request, ctx.config.webhookSecret ?? '');
    return resendDeliveryUpdates(request.rawBody);
  },
});

async function errorName(res: Response): Promise<string | undefined> {
  const body = (await res.json().catch(() => null)) as { name?: unknown } | null;
  return typeof body?.name === 'string' ? body.name : undefined;
}

export default defineEmailProviderPlugin(resendProvider, { version: '0.1.0', kernel: '^0.1.0' });

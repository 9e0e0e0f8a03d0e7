import { Type } from '@platform/sdk';
import { defineSmsProvider, defineSmsProviderPlugin, providerErrorFromResponse } from '@platform/sdk/messaging';

/**
 * Test fixture, loaded by path from a platform process's config: an SMS provider speaking JSON over HTTP to
 * `baseUrl` (`POST /sms` with `to`, `body`), passing the platform's idempotency key in an `Idempotency-Key`
 * header, as Stripe-style APIs take it.
 */
export const chaosSms = defineSmsProvider({
  id: 'chaos-sms',
  name: 'Chaos SMS',
  timeoutMs: 5_000,
  configSchema: Type.Object({ baseUrl: Type.String({ minLength: 1 }) }),
  async send(ctx, msg) {
    const res = await ctx.fetch(`${ctx.config.baseUrl}/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey },
      body: JSON.stringify({ to: msg.to, body: msg.body }),
    });
    if (!res.ok) throw await providerErrorFromResponse(res);
    const body = (await res.json()) as { id: string };
    return { providerMessageId: body.id, status: 'sent' };
  },
  parseStatusCallback() {
    return [];
  },
});

export default defineSmsProviderPlugin(chaosSms, { version: '1.0.0', kernel: '^0.1.0' });

// `create-plugin sms-provider <name>`: one SMS provider as a plugin, and a test against a fake provider API.
export const smsProviderTemplate = ({ id, title, camel }) => ({
  'src/index.ts': `import { createHmac, timingSafeEqual } from 'node:crypto';
import { Secret, Type } from '@platform/sdk';
import { CallbackSignatureError, defineSmsProvider, defineSmsProviderPlugin, providerErrorFromResponse, type DeliveryStatus } from '@platform/sdk/messaging';

const STATUSES: Record<string, DeliveryStatus> = { accepted: 'sent', delivered: 'delivered', failed: 'failed' };

/** ${title}: POST {baseUrl}/messages with a bearer key; status callbacks signed with HMAC-SHA256 of the raw body. */
export const ${camel}Provider = defineSmsProvider({
  id: '${id}',
  name: '${title}',
  configSchema: Type.Object({
    baseUrl: Type.String({ default: 'https://api.${id}.example' }),
    apiKey: Secret(Type.String({ minLength: 1 })),
    webhookSecret: Secret(Type.String({ minLength: 1 })),
    from: Type.String({ minLength: 1 }),
  }),
  async send(ctx, message) {
    const res = await ctx.fetch(\`\${ctx.config.baseUrl}/messages\`, {
      method: 'POST',
      headers: { authorization: \`Bearer \${ctx.config.apiKey}\`, 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey },
      body: JSON.stringify({ to: message.to, from: message.from ?? ctx.config.from, text: message.body, callback_url: ctx.callbackUrl }),
    });
    if (!res.ok) throw await providerErrorFromResponse(res);
    const body = (await res.json()) as { id: string };
    return { providerMessageId: body.id, status: 'sent' };
  },
  parseStatusCallback(req, ctx) {
    const expected = createHmac('sha256', ctx.config.webhookSecret).update(req.rawBody).digest();
    const given = Buffer.from(req.headers['x-signature'] ?? '', 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new CallbackSignatureError();
    const event = JSON.parse(req.rawBody.toString('utf8')) as { id: string; status: string; error?: string };
    return [{ providerMessageId: event.id, status: STATUSES[event.status] ?? 'sent', reason: event.error }];
  },
});

export default defineSmsProviderPlugin(${camel}Provider, { version: '0.1.0', kernel: '^0.1.0' });
`,
  'test/provider.test.ts': `import { createHmac } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { attemptProviderSend, CallbackSignatureError } from '@platform/sdk/messaging';
import { startFakeHttpServer } from '@platform/testing';
import { ${camel}Provider } from '../src/index.ts';

const api = await startFakeHttpServer((req, res) => {
  res.statusCode = req.headers.authorization === 'Bearer k-1' ? 201 : 401;
  res.end(JSON.stringify({ id: 'msg-1' }));
});
afterAll(() => api.close());
const config = { baseUrl: api.url, apiKey: 'k-1', webhookSecret: 'w-1', from: 'ACME' };
const sms = { id: 'm-1', tenantId: null, to: '+447700900123', body: 'Hello', segments: 1 };
const options = { idempotencyKey: 'm-1', callbackUrl: 'http://127.0.0.1/cb' };

it('sends, and reports a refused key as an auth failure', async () => {
  expect(await attemptProviderSend(${camel}Provider, config, sms, options)).toEqual({ ok: true, result: { providerMessageId: 'msg-1', status: 'sent' } });
  expect(api.requests.at(-1)!.json()).toMatchObject({ to: '+447700900123', text: 'Hello', from: 'ACME' });
  const refused = await attemptProviderSend(${camel}Provider, { ...config, apiKey: 'wrong' }, sms, options);
  expect(refused.ok ? null : refused.error.kind).toBe('auth');
});

it('checks the status callback signature', () => {
  const rawBody = Buffer.from(JSON.stringify({ id: 'msg-1', status: 'delivered' }));
  const request = (signature: string) => ({ method: 'POST', url: options.callbackUrl, headers: { 'x-signature': signature }, rawBody });
  const good = createHmac('sha256', 'w-1').update(rawBody).digest('hex');
  expect(${camel}Provider.parseStatusCallback(request(good), { config, callbackUrl: options.callbackUrl })).toEqual([{ providerMessageId: 'msg-1', status: 'delivered', reason: undefined }]);
  expect(() => ${camel}Provider.parseStatusCallback(request('00'), { config, callbackUrl: options.callbackUrl })).toThrow(CallbackSignatureError);
});
`,
});

// `create-plugin email-provider <name>`: one email provider as a plugin, and a test against a fake provider API.
export const emailProviderTemplate = ({ id, title, camel }) => ({
  'src/index.ts': `import { createHmac, timingSafeEqual } from 'node:crypto';
import { Secret, Type } from '@platform/sdk';
import { CallbackSignatureError, defineEmailProvider, defineEmailProviderPlugin, providerErrorFromResponse, type DeliveryStatus } from '@platform/sdk/messaging';

const EVENTS: Record<string, DeliveryStatus> = { delivered: 'delivered', bounced: 'bounced', complained: 'complained', opened: 'opened' };

/** ${title}: POST {baseUrl}/emails with a bearer key; events signed with HMAC-SHA256 of the raw body. */
export const ${camel}Provider = defineEmailProvider({
  id: '${id}',
  name: '${title}',
  configSchema: Type.Object({
    baseUrl: Type.String({ default: 'https://api.${id}.example' }),
    apiKey: Secret(Type.String({ minLength: 1 })),
    webhookSecret: Secret(Type.String({ minLength: 1 })),
    from: Type.String({ format: 'email' }),
  }),
  async send(ctx, message) {
    const res = await ctx.fetch(\`\${ctx.config.baseUrl}/emails\`, {
      method: 'POST',
      headers: { authorization: \`Bearer \${ctx.config.apiKey}\`, 'content-type': 'application/json', 'idempotency-key': ctx.idempotencyKey },
      body: JSON.stringify({ from: message.from?.email ?? ctx.config.from, to: message.to.map((a) => a.email), subject: message.subject, html: message.html, text: message.text }),
    });
    if (!res.ok) throw await providerErrorFromResponse(res);
    const body = (await res.json()) as { id: string };
    return { providerMessageId: body.id, status: 'sent' };
  },
  parseEvents(req, ctx) {
    const expected = createHmac('sha256', ctx.config.webhookSecret).update(req.rawBody).digest();
    const given = Buffer.from(req.headers['x-signature'] ?? '', 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new CallbackSignatureError();
    const events = JSON.parse(req.rawBody.toString('utf8')) as { email_id: string; type: string; reason?: string }[];
    return events.filter((e) => EVENTS[e.type]).map((e) => ({ providerMessageId: e.email_id, status: EVENTS[e.type]!, reason: e.reason }));
  },
});

export default defineEmailProviderPlugin(${camel}Provider, { version: '0.1.0', kernel: '^0.1.0' });
`,
  'test/provider.test.ts': `import { createHmac } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { attemptProviderSend, CallbackSignatureError } from '@platform/sdk/messaging';
import { startFakeHttpServer } from '@platform/testing';
import { ${camel}Provider } from '../src/index.ts';

const api = await startFakeHttpServer((req, res) => {
  res.statusCode = req.headers.authorization === 'Bearer k-1' ? 200 : 401;
  res.end(JSON.stringify({ id: 'email-1' }));
});
afterAll(() => api.close());
const config = { baseUrl: api.url, apiKey: 'k-1', webhookSecret: 'w-1', from: 'noreply@acme.test' };
const email = { id: 'm-1', tenantId: null, to: [{ email: 'ada@acme.test' }], subject: 'Hi', text: 'Hello' };
const options = { idempotencyKey: 'm-1', callbackUrl: 'http://127.0.0.1/cb' };

it('sends, and reports a refused key as an auth failure', async () => {
  expect(await attemptProviderSend(${camel}Provider, config, email, options)).toEqual({ ok: true, result: { providerMessageId: 'email-1', status: 'sent' } });
  expect(api.requests.at(-1)!.json()).toMatchObject({ to: ['ada@acme.test'], subject: 'Hi', from: 'noreply@acme.test' });
  const refused = await attemptProviderSend(${camel}Provider, { ...config, apiKey: 'wrong' }, email, options);
  expect(refused.ok ? null : refused.error.kind).toBe('auth');
});

it('checks the event signature', () => {
  const rawBody = Buffer.from(JSON.stringify([{ email_id: 'email-1', type: 'bounced', reason: 'mailbox full' }]));
  const request = (signature: string) => ({ method: 'POST', url: options.callbackUrl, headers: { 'x-signature': signature }, rawBody });
  const good = createHmac('sha256', 'w-1').update(rawBody).digest('hex');
  expect(${camel}Provider.parseEvents!(request(good), { config, callbackUrl: options.callbackUrl })).toEqual([{ providerMessageId: 'email-1', status: 'bounced', reason: 'mailbox full' }]);
  expect(() => ${camel}Provider.parseEvents!(request('00'), { config, callbackUrl: options.callbackUrl })).toThrow(CallbackSignatureError);
});
`,
});

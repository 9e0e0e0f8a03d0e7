// `create-plugin sms-provider <name>`: one SMS provider for the messaging plugin, and its contract test against a fake API.
export const smsProviderTemplate = ({ id, title, camel }) => ({
  'src/index.ts': `import { createHmac, timingSafeEqual } from 'node:crypto';
import { Secret, Type } from '@platform/sdk';
import { CallbackSignatureError, defineSmsProvider, defineSmsProviderPlugin, providerErrorFromResponse } from '@platform/sdk/messaging';

/** ${title}: POSTs \`{ to, text, callback_url }\` with a bearer token; status callbacks signed with HMAC-SHA256. */
export const ${camel}Sms = defineSmsProvider({
  id: '${id}',
  name: '${title}',
  configSchema: Type.Object({
    baseUrl: Type.String({ pattern: '^https?://\\\\S+$', default: 'https://api.${id}.example' }),
    apiKey: Secret(Type.String({ minLength: 1 })),
    webhookSecret: Secret(Type.String({ minLength: 1 })),
  }),
  async send(ctx, msg) {
    const res = await ctx.fetch(\`\${ctx.config.baseUrl}/v1/sms\`, {
      method: 'POST',
      headers: { authorization: \`Bearer \${ctx.config.apiKey}\`, 'content-type': 'application/json' },
      body: JSON.stringify({ to: msg.to, text: msg.body, callback_url: ctx.callbackUrl }),
    });
    if (!res.ok) throw await providerErrorFromResponse(res);
    const body = (await res.json()) as { id: string };
    return { providerMessageId: body.id, status: 'queued' };
  },
  parseStatusCallback(req, ctx) {
    const given = Buffer.from(req.headers['x-${id}-signature'] ?? '', 'hex');
    const expected = createHmac('sha256', ctx.config.webhookSecret).update(req.rawBody).digest();
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new CallbackSignatureError();
    const event = JSON.parse(req.rawBody.toString('utf8')) as { id: string; status: 'delivered' | 'failed' };
    return [{ providerMessageId: event.id, status: event.status }];
  },
});

export default defineSmsProviderPlugin(${camel}Sms, { version: '0.1.0', kernel: '^0.1.0' });
`,
  'test/provider.test.ts': `import { createHmac } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeSmsProviderContract, EXAMPLE_CALLBACK_URL, sendThroughFake, type FakeHandler } from '@platform/testing';
import { ${camel}Sms } from '../src/index.ts';

const refuse: FakeHandler = (_req, res) => {
  res.statusCode = 401;
  res.end('{"error":"bad key"}');
};
const healthy: FakeHandler = (req, res) => {
  if (req.headers.authorization !== 'Bearer k-1') return refuse(req, res);
  res.setHeader('content-type', 'application/json');
  res.end('{"id":"msg-1"}');
};
const signedCallback = (secret: string, url: string) => {
  const rawBody = Buffer.from('{"id":"msg-1","status":"delivered"}');
  return { method: 'POST', url, rawBody, headers: { 'x-${id}-signature': createHmac('sha256', secret).update(rawBody).digest('hex') } };
};

const contract = {
  provider: ${camel}Sms,
  configFor: (baseUrl: string) => ({ baseUrl, apiKey: 'k-1', webhookSecret: 'whsec-1' }),
  fake: { healthy, wrongCredentials: refuse },
  callback: {
    signatureHeader: 'x-${id}-signature',
    signed: (config: { webhookSecret: string }, url: string) => signedCallback(config.webhookSecret, url),
    expected: [{ providerMessageId: 'msg-1', status: 'delivered' as const }],
  },
};

// Send, refused credentials, 5xx, refused connection, timeout, and signed / forged callbacks.
describeSmsProviderContract(contract);

it('posts the number, the text and the callback URL with the bearer token', async () => {
  const { request } = await sendThroughFake(contract, healthy);
  expect(request).toMatchObject({ method: 'POST', path: '/v1/sms', headers: { authorization: 'Bearer k-1' } });
  expect(request!.json()).toEqual({ to: '+2348030000001', text: 'Your verification code is 481516', callback_url: EXAMPLE_CALLBACK_URL });
});
`,
});

import { describe, expect, it } from 'vitest';
import { describeEmailProviderContract, startFakeEmailApi } from '@platform/testing/email-provider-contract';
import messaging from '@platform/plugin-messaging';
import resendPlugin, { resendProvider } from '../src/index.ts';
import { svixSignature, verifySvixSignature } from '../src/svix-signature.ts';

const SECRET = `whsec_${Buffer.from('resend-signing-key-0123456789abcdef').toString('base64')}`;
const EMAIL_ID = '4ef9a417-02e9-4d39-ad75-9611e0fcc33c';
const json = (status: number, body: unknown) => (_req: unknown, res: import('node:http').ServerResponse) => {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
};

/** A webhook exactly as Resend posts it, signed by Svix. */
function signedWebhook(secret: string, event: unknown, timestamp = Math.floor(Date.now() / 1000)) {
  const rawBody = Buffer.from(JSON.stringify(event));
  const id = 'msg_2mXQz6yT1nK9pL3vR8sW4cJ7bA0';
  return {
    method: 'POST',
    url: 'https://platform.example/api/messaging/callbacks/email/5b7c0f1e',
    headers: { 'content-type': 'application/json', 'svix-id': id, 'svix-timestamp': String(timestamp), 'svix-signature': `v1,b3V0ZGF0ZWQ= ${svixSignature(secret, id, String(timestamp), rawBody)}` },
    rawBody,
  };
}

describeEmailProviderContract({
  provider: resendProvider,
  fake: () =>
    startFakeEmailApi({
      accepted: (req, res) => (req.path === '/domains' ? json(200, { object: 'list', data: [{ id: 'd91cd9bd', name: 'acme.example', status: 'verified' }] })(req, res) : json(200, { id: EMAIL_ID })(req, res)),
      badCredentials: json(403, { statusCode: 403, message: 'API key is invalid', name: 'invalid_api_key' }),
      serverError: json(500, { statusCode: 500, message: 'An unexpected error occurred.', name: 'internal_server_error' }),
      rejected: json(422, { statusCode: 422, message: 'Invalid `to` field.', name: 'validation_error' }),
    }),
  config: (baseUrl) => ({ baseUrl, apiKey: 're_test_9xK2mQ7pL4', fromEmail: 'no-reply@acme.example', fromName: 'Acme', webhookSecret: SECRET }),
  providerMessageId: EMAIL_ID,
  expectSendRequest(req, message, { idempotencyKey }) {
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/emails');
    expect(req.headers.authorization).toBe('Bearer re_test_9xK2mQ7pL4');
    expect(req.headers['idempotency-key']).toBe(idempotencyKey);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.json()).toEqual({
      from: '"Acme Billing" <billing@acme.example>',
      to: ['"Ada Lovelace" <ada@example.com>', 'grace@example.com'],
      reply_to: '"Acme Support" <support@acme.example>',
      subject: 'Your invoice INV-1042',
      html: message.html,
      text: message.text,
      headers: { 'X-Entity-Ref-ID': 'INV-1042' },
      tags: [{ name: 'purpose', value: 'invoice' }, { name: 'message_id', value: message.id }],
    });
  },
  testsConnection: true,
  events: {
    signed: (config) =>
      signedWebhook(config.webhookSecret!, {
        type: 'email.bounced',
        created_at: '2026-12-07T15:04:05.000Z',
        data: { created_at: '2026-12-07T15:03:58.000Z', email_id: EMAIL_ID, from: 'Acme <no-reply@acme.example>', to: ['ada@example.com'], subject: 'Your invoice INV-1042', bounce: { message: 'The recipient mailbox does not exist', subType: 'General', type: 'Permanent' } },
      }),
    updates: [{ providerMessageId: EMAIL_ID, status: 'bounced', at: '2026-12-07T15:04:05.000Z', reason: 'Permanent: General: The recipient mailbox does not exist', recipient: 'ada@example.com' }],
    otherKey: { webhookSecret: `whsec_${Buffer.from('another-key').toString('base64')}` },
  },
  kernel: { plugin: resendPlugin, messaging },
});

describe('Resend webhooks', () => {
  const ctx = { config: { baseUrl: 'http://unused', apiKey: 'k', fromEmail: 'a@b.c', webhookSecret: SECRET }, callbackUrl: 'https://platform.example/cb' };
  const event = (type: string) => ({ type, created_at: '2026-12-07T15:04:05.000Z', data: { email_id: EMAIL_ID, to: ['ada@example.com', 'grace@example.com'] } });

  it('maps delivered, complained and opened, one update per recipient, and ignores clicks', () => {
    for (const [type, status] of [['email.delivered', 'delivered'], ['email.complained', 'complained'], ['email.opened', 'opened']] as const) {
      const updates = resendProvider.parseEvents!(signedWebhook(SECRET, event(type)), ctx) as unknown[];
      expect(updates).toEqual([
        { providerMessageId: EMAIL_ID, status, at: '2026-12-07T15:04:05.000Z', recipient: 'ada@example.com' },
        { providerMessageId: EMAIL_ID, status, at: '2026-12-07T15:04:05.000Z', recipient: 'grace@example.com' },
      ]);
    }
    expect(resendProvider.parseEvents!(signedWebhook(SECRET, event('email.clicked')), ctx)).toEqual([]);
  });

  it('refuses a replayed webhook older than five minutes, and any webhook when no secret is configured', () => {
    const stale = signedWebhook(SECRET, event('email.delivered'), Math.floor(Date.now() / 1000) - 6 * 60);
    expect(() => verifySvixSignature(stale, SECRET)).toThrow(/tolerance/);
    expect(() => resendProvider.parseEvents!(signedWebhook('', event('email.delivered')), { ...ctx, config: { ...ctx.config, webhookSecret: undefined } })).toThrow(/no webhook signing secret/);
  });
});

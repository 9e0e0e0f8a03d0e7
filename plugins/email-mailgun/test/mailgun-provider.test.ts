import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { describeEmailProviderContract, startFakeEmailApi } from '@platform/testing/email-provider-contract';
import messaging from '@platform/plugin-messaging';
import mailgunPlugin, { mailgunProvider } from '../src/index.ts';
import { mailgunSignature } from '../src/webhook-signature.ts';

const SIGNING_KEY = 'key-7b2f9c1e4a6d8b0c3e5f7a9b1d3c5e7f';
const MESSAGE_ID = '20261207150405.5a1c2e3f4b6d7e8f@mg.acme.example';

const answer = (status: number, body: string, type = 'application/json') => (_req: unknown, res: ServerResponse) => {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
};

/** A webhook exactly as Mailgun posts it (JSON), signed with the account's webhook signing key. */
function signedWebhook(signingKey: string, eventData: Record<string, unknown>) {
  const timestamp = '1796655845';
  const token = randomBytes(25).toString('hex');
  const body = { signature: { timestamp, token, signature: mailgunSignature(signingKey, timestamp, token) }, 'event-data': eventData };
  return { method: 'POST', url: 'https://platform.example/api/messaging/callbacks/email/5b7c0f1e', headers: { 'content-type': 'application/json' }, rawBody: Buffer.from(JSON.stringify(body)) };
}

const eventData = (event: string, extra: Record<string, unknown> = {}) => ({
  id: 'CPgfbmQMTCKtHW6uIWtuVe',
  timestamp: 1796655845.12,
  event,
  recipient: 'ada@example.com',
  message: { headers: { to: 'Ada Lovelace <ada@example.com>', 'message-id': MESSAGE_ID, from: 'Acme Billing <billing@acme.example>', subject: 'Your invoice INV-1042' } },
  'user-variables': { message_id: '6f1c2a4e-8b3d-4c5e-9f7a-0b1c2d3e4f5a', purpose: 'invoice' },
  ...extra,
});

describeEmailProviderContract({
  provider: mailgunProvider,
  fake: () =>
    startFakeEmailApi({
      accepted: (req, res) =>
        req.path.startsWith('/v3/domains/')
          ? answer(200, JSON.stringify({ domain: { name: 'mg.acme.example', state: 'active' } }))(req, res)
          : answer(200, JSON.stringify({ id: `<${MESSAGE_ID}>`, message: 'Queued. Thank you.' }))(req, res),
      badCredentials: answer(401, 'Forbidden', 'text/plain'),
      serverError: answer(500, JSON.stringify({ message: 'Internal Server Error' })),
      rejected: answer(400, JSON.stringify({ message: "to parameter is not a valid address. please check documentation" })),
    }),
  config: (baseUrl) => ({ baseUrl, domain: 'mg.acme.example', apiKey: 'mg-private-key-3f9a2c', fromEmail: 'no-reply@mg.acme.example', fromName: 'Acme', webhookSigningKey: SIGNING_KEY }),
  providerMessageId: MESSAGE_ID,
  expectSendRequest(req, message) {
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/v3/mg.acme.example/messages');
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from('api:mg-private-key-3f9a2c').toString('base64')}`);
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(req.body);
    expect([...form.entries()]).toEqual([
      ['from', '"Acme Billing" <billing@acme.example>'],
      ['to', '"Ada Lovelace" <ada@example.com>'],
      ['to', 'grace@example.com'],
      ['subject', 'Your invoice INV-1042'],
      ['text', message.text],
      ['html', message.html],
      ['h:Reply-To', '"Acme Support" <support@acme.example>'],
      ['h:X-Entity-Ref-ID', 'INV-1042'],
      ['v:purpose', 'invoice'],
      ['v:message_id', message.id],
    ]);
  },
  testsConnection: true,
  events: {
    signed: (config) => signedWebhook(config.webhookSigningKey!, eventData('delivered', { 'delivery-status': { code: 250, message: 'OK', description: '' } })),
    updates: [{ providerMessageId: MESSAGE_ID, status: 'delivered', at: '2026-12-07T15:04:05.120Z', recipient: 'ada@example.com' }],
    otherKey: { webhookSigningKey: 'key-another-one-0000000000000000' },
    bodySigned: false,
  },
  kernel: { plugin: mailgunPlugin, messaging },
});

describe('Mailgun webhooks', () => {
  const ctx = { config: { baseUrl: 'http://unused', domain: 'mg.acme.example', apiKey: 'k', fromEmail: 'a@b.c', webhookSigningKey: SIGNING_KEY }, callbackUrl: 'https://platform.example/cb' };
  const parse = (data: Record<string, unknown>) => mailgunProvider.parseEvents!(signedWebhook(SIGNING_KEY, data), ctx);

  it('maps a permanent failure to bounced with its reason, ignores a temporary one (Mailgun retries), maps complained and opened', () => {
    const at = '2026-12-07T15:04:05.120Z';
    expect(parse(eventData('failed', { severity: 'permanent', reason: 'bounce', 'delivery-status': { code: 550, description: 'No such mailbox' } }))).toEqual([
      { providerMessageId: MESSAGE_ID, status: 'bounced', at, reason: 'bounce 550 No such mailbox', recipient: 'ada@example.com' },
    ]);
    expect(parse(eventData('failed', { severity: 'temporary', reason: 'generic', 'delivery-status': { code: 452 } }))).toEqual([]);
    expect(parse(eventData('complained'))).toEqual([{ providerMessageId: MESSAGE_ID, status: 'complained', at, recipient: 'ada@example.com' }]);
    expect(parse(eventData('opened'))).toEqual([{ providerMessageId: MESSAGE_ID, status: 'opened', at, recipient: 'ada@example.com' }]);
    expect(parse(eventData('accepted'))).toEqual([]);
  });

  it('refuses every webhook when no signing key is configured, and a body that is not JSON', () => {
    const request = signedWebhook(SIGNING_KEY, eventData('delivered'));
    expect(() => mailgunProvider.parseEvents!(request, { ...ctx, config: { ...ctx.config, webhookSigningKey: undefined } })).toThrow(/no webhook signing key/);
    expect(() => mailgunProvider.parseEvents!({ ...request, rawBody: Buffer.from('signature=x') }, ctx)).toThrow(/not JSON/);
  });
});

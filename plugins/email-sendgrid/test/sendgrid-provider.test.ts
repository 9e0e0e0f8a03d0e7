import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { describeEmailProviderContract, startFakeEmailApi } from '@platform/testing/email-provider-contract';
import messaging from '@platform/plugin-messaging';
import sendGridPlugin, { sendGridProvider } from '../src/index.ts';

const MESSAGE_ID = 'Xk4vQm2bT7uJ9cL1nR5sWg';
const keyPair = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const signing = keyPair();
const publicKeyOf = (key: KeyObject) => key.export({ format: 'der', type: 'spki' }).toString('base64');

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => (_req: unknown, res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body === undefined ? '' : JSON.stringify(body));
};

/** An event webhook batch exactly as SendGrid posts it, signed with the account's ECDSA key. */
function signedEvents(events: unknown[], privateKey = signing.privateKey) {
  const rawBody = Buffer.from(`${JSON.stringify(events)}\r\n`);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = sign('sha256', Buffer.concat([Buffer.from(timestamp), rawBody]), { key: privateKey, dsaEncoding: 'der' }).toString('base64');
  return {
    method: 'POST',
    url: 'https://platform.example/api/messaging/callbacks/email/5b7c0f1e',
    headers: { 'content-type': 'application/json', 'x-twilio-email-event-webhook-signature': signature, 'x-twilio-email-event-webhook-timestamp': timestamp },
    rawBody,
  };
}

const sgEvent = (event: string, extra: Record<string, unknown> = {}) => ({
  email: 'ada@example.com',
  timestamp: 1796655845,
  'smtp-id': `<${MESSAGE_ID}@geopod-ismtpd-3>`,
  event,
  sg_event_id: 'ZGVsaXZlcmVkLTAtMjk1',
  sg_message_id: `${MESSAGE_ID}.recvd-5c7c5d9c7-h2xqf-1-6751A0E5-1D.0`,
  message_id: '6f1c2a4e-8b3d-4c5e-9f7a-0b1c2d3e4f5a',
  ...extra,
});

describeEmailProviderContract({
  provider: sendGridProvider,
  fake: () =>
    startFakeEmailApi({
      accepted: (req, res) => (req.path === '/v3/scopes' ? json(200, { scopes: ['mail.send', 'user.profile.read'] })(req, res) : json(202, undefined, { 'x-message-id': MESSAGE_ID })(req, res)),
      badCredentials: json(401, { errors: [{ message: 'The provided authorization grant is invalid, expired, or revoked', field: null, help: null }] }),
      serverError: json(500, { errors: [{ message: 'Internal server error', field: null, help: null }] }),
      rejected: json(400, { errors: [{ message: 'Does not contain a valid address.', field: 'personalizations.0.to.0.email', help: 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.personalizations.to' }] }),
    }),
  config: (baseUrl) => ({ baseUrl, apiKey: 'SG.test-key.9xK2mQ7pL4', fromEmail: 'no-reply@acme.example', fromName: 'Acme', webhookPublicKey: publicKeyOf(signing.publicKey) }),
  providerMessageId: MESSAGE_ID,
  expectSendRequest(req, message) {
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/v3/mail/send');
    expect(req.headers.authorization).toBe('Bearer SG.test-key.9xK2mQ7pL4');
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.json()).toEqual({
      personalizations: [{ to: [{ email: 'ada@example.com', name: 'Ada Lovelace' }, { email: 'grace@example.com' }] }],
      from: { email: 'billing@acme.example', name: 'Acme Billing' },
      reply_to: { email: 'support@acme.example', name: 'Acme Support' },
      subject: 'Your invoice INV-1042',
      content: [{ type: 'text/plain', value: message.text }, { type: 'text/html', value: message.html }],
      headers: { 'X-Entity-Ref-ID': 'INV-1042' },
      custom_args: { purpose: 'invoice', message_id: message.id },
    });
  },
  testsConnection: true,
  events: {
    signed: () => signedEvents([sgEvent('processed'), sgEvent('delivered', { response: '250 2.0.0 OK', ip: '168.1.1.1', tls: 1 })]),
    updates: [{ providerMessageId: MESSAGE_ID, status: 'delivered', at: '2026-12-07T15:04:05.000Z', recipient: 'ada@example.com' }],
    otherKey: { webhookPublicKey: publicKeyOf(keyPair().publicKey) },
  },
  kernel: { plugin: sendGridPlugin, messaging },
});

describe('SendGrid event webhook', () => {
  const ctx = { config: { baseUrl: 'http://unused', apiKey: 'k', fromEmail: 'a@b.c', webhookPublicKey: publicKeyOf(signing.publicKey) }, callbackUrl: 'https://platform.example/cb' };

  it('maps bounce, dropped, spamreport and open in one batch, with reasons, and skips deferred and click', () => {
    const updates = sendGridProvider.parseEvents!(
      signedEvents([
        sgEvent('bounce', { type: 'bounce', status: '5.1.1', reason: '550 5.1.1 The email account does not exist' }),
        sgEvent('dropped', { reason: 'Bounced Address' }),
        sgEvent('deferred', { response: '400 try again later' }),
        sgEvent('spamreport'),
        sgEvent('open', { useragent: 'Mozilla/5.0' }),
        sgEvent('click', { url: 'https://acme.example' }),
      ]),
      ctx,
    );
    const at = '2026-12-07T15:04:05.000Z';
    expect(updates).toEqual([
      { providerMessageId: MESSAGE_ID, status: 'bounced', at, reason: '5.1.1 550 5.1.1 The email account does not exist', recipient: 'ada@example.com' },
      { providerMessageId: MESSAGE_ID, status: 'failed', at, reason: 'Bounced Address', recipient: 'ada@example.com' },
      { providerMessageId: MESSAGE_ID, status: 'complained', at, recipient: 'ada@example.com' },
      { providerMessageId: MESSAGE_ID, status: 'opened', at, recipient: 'ada@example.com' },
    ]);
  });

  it('refuses every webhook when no verification key is configured, and a key that is not one', () => {
    const request = signedEvents([sgEvent('delivered')]);
    expect(() => sendGridProvider.parseEvents!(request, { ...ctx, config: { ...ctx.config, webhookPublicKey: undefined } })).toThrow(/no event webhook verification key/);
    expect(() => sendGridProvider.parseEvents!(request, { ...ctx, config: { ...ctx.config, webhookPublicKey: 'bm90IGEga2V5' } })).toThrow(/not a base64 DER public key/);
  });
});

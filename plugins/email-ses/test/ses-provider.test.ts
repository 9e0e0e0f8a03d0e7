import { execFileSync } from 'node:child_process';
import { createHash, createHmac, randomUUID, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeEmailProviderContract, exampleEmailMessage, startFakeEmailApi } from '@platform/testing/email-provider-contract';
import { attemptProviderSend } from '@platform/sdk/messaging';
import type { RecordedRequest } from '@platform/testing';
import { startFakeHttpServer } from '@platform/testing';
import messaging from '@platform/plugin-messaging';
import sesPlugin, { sesProvider } from '../src/index.ts';

/** An RSA signing certificate like SNS's (made with the openssl CLI). */
function rsaCertificate(): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sns-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=sns.eu-west-1.amazonaws.com', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { cert: readFileSync(join(dir, 'cert.pem'), 'utf8'), key: readFileSync(join(dir, 'key.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SNS = rsaCertificate();
const IMPOSTOR = rsaCertificate();
const CERT_PATH = '/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem';
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:ses-events';
const MESSAGE_ID = '0102018c4e5b7a3d-2f6c1e0a-9b8d-4c7e-a5f3-1d2e3f4a5b6c-000000';
const confirmations: string[] = [];
/** The SNS side: signing certificates and the subscription confirmation endpoint. */
const sns = await startFakeHttpServer((req, res) => {
  if (req.path === CERT_PATH) return void res.end(SNS.cert);
  if (req.path === '/impostor.pem') return void res.end(IMPOSTOR.cert);
  if (req.path.startsWith('/?Action=ConfirmSubscription')) {
    confirmations.push(req.path);
    return void res.end('<ConfirmSubscriptionResponse><ConfirmSubscriptionResult><SubscriptionArn>arn:aws:sns:eu-west-1:123456789012:ses-events:1f</SubscriptionArn></ConfirmSubscriptionResult></ConfirmSubscriptionResponse>');
  }
  res.statusCode = 404;
  res.end();
});
afterAll(() => sns.close());
const CERT_PATTERN = `^${sns.url.replace(/[.]/g, '\\.')}/[^?#]+\\.pem$`;

/** An SNS HTTPS delivery exactly as SNS posts it, signed as SNS signs (SignatureVersion 2: SHA256withRSA). */
function snsDelivery(fields: Record<string, string>, options: { key?: string; certPath?: string; version?: '1' | '2' } = {}) {
  const message: Record<string, string> = {
    MessageId: randomUUID(),
    TopicArn: TOPIC,
    Timestamp: new Date().toISOString(),
    SignatureVersion: options.version ?? '2',
    SigningCertURL: `${sns.url}${options.certPath ?? CERT_PATH}`,
    ...fields,
  };
  const signed = message.Type === 'Notification' ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'] : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  const stringToSign = signed.filter((f) => f in message).map((f) => `${f}\n${message[f]}\n`).join('');
  message.Signature = sign(options.version === '1' ? 'sha1' : 'sha256', Buffer.from(stringToSign), options.key ?? SNS.key).toString('base64');
  return {
    method: 'POST',
    url: 'https://platform.example/api/messaging/callbacks/email/5b7c0f1e',
    headers: { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': message.Type, 'x-amz-sns-topic-arn': TOPIC },
    rawBody: Buffer.from(JSON.stringify(message)),
  };
}

const sesEvent = (eventType: string, detail: Record<string, unknown>) => ({
  eventType,
  mail: { timestamp: '2026-12-07T15:03:58.000Z', source: 'billing@acme.example', messageId: MESSAGE_ID, destination: ['ada@example.com', 'grace@example.com'], tags: { message_id: ['6f1c2a4e-8b3d-4c5e-9f7a-0b1c2d3e4f5a'] } },
  ...detail,
});

const awsError = (status: number, type: string, message: string) => (_req: unknown, res: ServerResponse) => {
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazonaws.sesv2/`, 'x-amzn-requestid': randomUUID() });
  res.end(JSON.stringify({ message }));
};
/** Whether the request's SigV4 signature is the one `secret` gives (AWS's algorithm, recomputed from what arrived). */
function sigV4Matches(req: RecordedRequest, secret: string): boolean {
  const m = /^AWS4-HMAC-SHA256 Credential=[^/]+\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(String(req.headers.authorization));
  if (!m) return false;
  const [, date, region, service, signedHeaders, signature] = m;
  const [path, query = ''] = req.path.split('?');
  const canonicalQuery = query.split('&').filter(Boolean).sort().join('&');
  const headers = signedHeaders!.split(';').map((h) => `${h}:${String(req.headers[h] ?? '').trim().replace(/\s+/g, ' ')}\n`).join('');
  const hash = (s: string) => createHash('sha256').update(s).digest('hex');
  const canonical = [req.method, path, canonicalQuery, headers, signedHeaders, hash(req.body)].join('\n');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', req.headers['x-amz-date'], scope, hash(canonical)].join('\n');
  const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date!), region!), service!), 'aws4_request');
  return createHmac('sha256', key).update(toSign).digest('hex') === signature;
}

const SIGV4 = /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-1\/ses\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/;

const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const config = (endpoint: string) => ({
  region: 'eu-west-1',
  endpoint,
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: SECRET_KEY,
  fromEmail: 'no-reply@acme.example',
  fromName: 'Acme',
  configurationSetName: 'platform-events',
  snsTopicArn: TOPIC,
  snsCertificateUrlPattern: CERT_PATTERN,
});

describeEmailProviderContract({
  provider: sesProvider,
  fake: () =>
    startFakeEmailApi({
      accepted: (req, res) => {
        if (!SIGV4.test(String(req.headers.authorization))) return awsError(403, 'IncompleteSignature', 'Authorization header requires a SigV4 signature')(req, res);
        if (!sigV4Matches(req, SECRET_KEY)) return awsError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.')(req, res);
        res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() });
        if (req.method === 'GET' && req.path === '/v2/email/account') {
          return void res.end(JSON.stringify({ SendingEnabled: true, ProductionAccessEnabled: true, EnforcementStatus: 'HEALTHY', SendQuota: { Max24HourSend: 50000, MaxSendRate: 14, SentLast24Hours: 12 } }));
        }
        res.end(JSON.stringify({ MessageId: MESSAGE_ID }));
      },
      badCredentials: awsError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.'),
      serverError: awsError(500, 'InternalFailure', 'The request processing has failed because of an unknown error.'),
      rejected: awsError(400, 'MessageRejected', 'Email address is not verified. The following identities failed the check in region EU-WEST-1: ada@example.com'),
    }),
  config,
  providerMessageId: MESSAGE_ID,
  expectSendRequest(req, message) {
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/v2/email/outbound-emails');
    expect(req.headers.authorization).toMatch(SIGV4);
    expect(req.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.json()).toEqual({
      FromEmailAddress: '"Acme Billing" <billing@acme.example>',
      Destination: { ToAddresses: ['"Ada Lovelace" <ada@example.com>', 'grace@example.com'] },
      ReplyToAddresses: ['"Acme Support" <support@acme.example>'],
      Content: {
        Simple: {
          Subject: { Data: 'Your invoice INV-1042', Charset: 'UTF-8' },
          Body: { Text: { Data: message.text, Charset: 'UTF-8' }, Html: { Data: message.html, Charset: 'UTF-8' } },
          Headers: [{ Name: 'X-Entity-Ref-ID', Value: 'INV-1042' }],
        },
      },
      EmailTags: [{ Name: 'purpose', Value: 'invoice' }, { Name: 'message_id', Value: message.id }],
      ConfigurationSetName: 'platform-events',
    });
  },
  testsConnection: true,
  events: {
    signed: () => snsDelivery({ Type: 'Notification', Message: JSON.stringify(sesEvent('Delivery', { delivery: { timestamp: '2026-12-07T15:04:05.000Z', processingTimeMillis: 546, recipients: ['ada@example.com'], smtpResponse: '250 2.6.0 Message received', reportingMTA: 'a8-70.smtp-out.amazonses.com' } })), UnsubscribeURL: `${sns.url}/?Action=Unsubscribe` }),
    updates: [{ providerMessageId: MESSAGE_ID, status: 'delivered', at: '2026-12-07T15:04:05.000Z', recipient: 'ada@example.com' }],
    otherKey: { snsCertificateUrlPattern: '^https://sns\\.[a-z0-9-]+\\.amazonaws\\.com/[^?#]+\\.pem$' },
  },
  kernel: { plugin: sesPlugin, messaging },
});

describe('SES requests are signed with the configured credentials', () => {
  it('the fake recomputes the SigV4 signature: the right secret is accepted, a wrong one refused as auth', async () => {
    const ses = await startFakeEmailApi({
      accepted: (req, res) => (sigV4Matches(req, SECRET_KEY) ? void res.end(JSON.stringify({ MessageId: MESSAGE_ID })) : awsError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.')(req, res)),
      badCredentials: () => undefined,
    });
    try {
      const send = (secretAccessKey: string) => attemptProviderSend(sesProvider, { ...config(ses.url), secretAccessKey }, exampleEmailMessage(), { idempotencyKey: 'k', callbackUrl: 'https://platform.example/cb' });
      expect(await send(SECRET_KEY)).toEqual({ ok: true, result: { providerMessageId: MESSAGE_ID, status: 'sent' } });
      expect(await send('a-wrong-secret-key-0000000000000000000000')).toMatchObject({ ok: false, error: { kind: 'auth', status: 403, providerCode: 'SignatureDoesNotMatch' } });
    } finally {
      await ses.close();
    }
  });
});

describe('SES events through SNS', () => {
  const ctx = { config: { ...config('http://unused'), snsCertificateUrlPattern: CERT_PATTERN }, callbackUrl: 'https://platform.example/cb' };
  const notification = (event: unknown, options?: Parameters<typeof snsDelivery>[1]) => snsDelivery({ Type: 'Notification', Message: JSON.stringify(event) }, options);

  it('maps bounces (permanent: bounced, transient: failed), complaints and opens, and reads SignatureVersion 1', async () => {
    const bounce = (bounceType: string) => sesEvent('Bounce', { bounce: { bounceType, bounceSubType: 'General', timestamp: '2026-12-07T15:04:05.000Z', bouncedRecipients: [{ emailAddress: 'grace@example.com', diagnosticCode: 'smtp; 550 5.1.1 user unknown' }] } });
    expect(await sesProvider.parseEvents!(notification(bounce('Permanent')), ctx)).toEqual([
      { providerMessageId: MESSAGE_ID, status: 'bounced', at: '2026-12-07T15:04:05.000Z', reason: 'Permanent: General: smtp; 550 5.1.1 user unknown', recipient: 'grace@example.com' },
    ]);
    expect(await sesProvider.parseEvents!(notification(bounce('Transient'), { version: '1' }), ctx)).toMatchObject([{ status: 'failed', recipient: 'grace@example.com' }]);
    const complaint = sesEvent('Complaint', { complaint: { timestamp: '2026-12-07T16:00:00.000Z', complaintFeedbackType: 'abuse', complainedRecipients: [{ emailAddress: 'ada@example.com' }] } });
    expect(await sesProvider.parseEvents!(notification(complaint), ctx)).toEqual([{ providerMessageId: MESSAGE_ID, status: 'complained', at: '2026-12-07T16:00:00.000Z', reason: 'abuse', recipient: 'ada@example.com' }]);
    const open = sesEvent('Open', { open: { timestamp: '2026-12-07T17:00:00.000Z', ipAddress: '192.0.2.1', userAgent: 'Mozilla/5.0' } });
    expect(await sesProvider.parseEvents!(notification(open), ctx)).toEqual([{ providerMessageId: MESSAGE_ID, status: 'opened', at: '2026-12-07T17:00:00.000Z' }]);
  });

  it('refuses a message signed with a certificate that is not SNS\'s, one from another topic, and all when no topic is configured', async () => {
    const delivered = sesEvent('Delivery', { delivery: { recipients: ['ada@example.com'] } });
    await expect(sesProvider.parseEvents!(notification(delivered, { key: SNS.key, certPath: '/impostor.pem' }), ctx)).rejects.toMatchObject({ name: 'CallbackSignatureError' });
    await expect(sesProvider.parseEvents!(notification(delivered), { ...ctx, config: { ...ctx.config, snsTopicArn: 'arn:aws:sns:eu-west-1:999999999999:attacker' } })).rejects.toMatchObject({ name: 'CallbackSignatureError', message: expect.stringContaining('another topic') });
    await expect(sesProvider.parseEvents!(notification(delivered), { ...ctx, config: { ...ctx.config, snsTopicArn: undefined } })).rejects.toMatchObject({ name: 'CallbackSignatureError', message: expect.stringContaining('no SNS topic') });
  });

  it('confirms a verified subscription by calling its SubscribeURL on the SNS endpoint', async () => {
    const subscribeUrl = `${sns.url}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(TOPIC)}&Token=2336412f37fb687f5d51e6e2425`;
    const request = snsDelivery({ Type: 'SubscriptionConfirmation', Token: '2336412f37fb687f5d51e6e2425', Message: `You have chosen to subscribe to the topic ${TOPIC}.`, SubscribeURL: subscribeUrl });
    expect(await sesProvider.parseEvents!(request, ctx)).toEqual([]);
    expect(confirmations).toHaveLength(1);
    const forged = snsDelivery({ Type: 'SubscriptionConfirmation', Token: 't', Message: 'm', SubscribeURL: 'http://127.0.0.1:9/?Action=ConfirmSubscription' });
    await expect(sesProvider.parseEvents!(forged, ctx)).rejects.toMatchObject({ name: 'CallbackSignatureError' });
    expect(confirmations).toHaveLength(1);
  });
});

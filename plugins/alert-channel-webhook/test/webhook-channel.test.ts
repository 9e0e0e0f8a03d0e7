import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptAlertDelivery, exampleAlertNotification } from '@platform/sdk/alert-channels';
import { startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';
import { webhookChannel, verifyWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER, DELIVERY_HEADER } from '../src/index.ts';

const secret = 'a-shared-secret-of-32-characters';

describe('webhook channel', () => {
  let receiver: FakeHttpServer;
  beforeAll(async () => {
    receiver = await startFakeHttpServer((_req, res) => void res.end('{}'));
  });
  afterAll(async () => receiver.close());

  it('sends Alertmanager webhook v4 JSON', async () => {
    const result = await attemptAlertDelivery(webhookChannel, { url: `${receiver.url}/hook`, secret }, exampleAlertNotification());
    expect(result.ok).toBe(true);
    const body = receiver.requests.at(-1)!.json<any>();
    expect(body).toMatchObject({
      version: '4',
      status: 'firing',
      receiver: 'platform',
      groupLabels: { alertname: 'High API error rate' },
      commonLabels: { alertname: 'High API error rate', severity: 'critical', component: 'api', route: '/api/build' },
      truncatedAlerts: 0,
    });
    expect(body.alerts).toEqual([
      expect.objectContaining({ status: 'firing', startsAt: '2026-01-08T14:32:00.000Z', endsAt: '0001-01-01T00:00:00Z', fingerprint: '0f3c9a7e5b2d4c1a8e6f0b9d7c5a3e1f', generatorURL: expect.stringContaining('/alerts/rules/') }),
    ]);
    expect(body.alerts[0].annotations).toMatchObject({ value: '7.2', threshold: '5', summary: expect.stringContaining('[FIRING]') });
  });

  it('signs the body with HMAC-SHA256 over timestamp and body, and names the delivery', async () => {
    await attemptAlertDelivery(webhookChannel, { url: receiver.url, secret }, exampleAlertNotification({ kind: 'resolved', endsAt: '2026-01-08T15:00:00.000Z' }));
    const req = receiver.requests.at(-1)!;
    const signature = String(req.headers[SIGNATURE_HEADER]);
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhook(secret, String(req.headers[TIMESTAMP_HEADER]), req.body, signature)).toBe(true);
    expect(verifyWebhook('another-secret-of-32-characters!', String(req.headers[TIMESTAMP_HEADER]), req.body, signature)).toBe(false);
    expect(verifyWebhook(secret, String(req.headers[TIMESTAMP_HEADER]), req.body.replace('resolved', 'firing'), signature)).toBe(false);
    expect(req.headers[DELIVERY_HEADER]).toBe('00000000-0000-4000-8000-000000000003');
    expect(req.json<any>()).toMatchObject({ status: 'resolved', alerts: [{ status: 'resolved', endsAt: '2026-01-08T15:00:00.000Z' }] });
  });

  it('refuses a short secret and retries a failing receiver', async () => {
    expect(await attemptAlertDelivery(webhookChannel, { url: receiver.url, secret: 'short' }, exampleAlertNotification())).toMatchObject({ ok: false, detail: expect.stringContaining('setting "secret"') });
    receiver.handle((_req, res) => {
      res.statusCode = 503;
      res.end();
    });
    expect(await attemptAlertDelivery(webhookChannel, { url: receiver.url, secret }, exampleAlertNotification())).toMatchObject({ ok: false, retryable: true, status: 503 });
  });
});

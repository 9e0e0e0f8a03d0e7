import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptAlertDelivery, exampleAlertNotification } from '@platform/sdk/alert-channels';
import { startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';
import { deliverEachNotificationKind } from '@platform/testing';
import { slackChannel } from '../src/index.ts';

describe('Slack channel', () => {
  let slack: FakeHttpServer;
  beforeAll(async () => {
    slack = await startFakeHttpServer((_req, res) => void res.end('ok'));
  });
  afterAll(async () => slack.close());

  it('posts text plus blocks with value, threshold and console links', async () => {
    const result = await attemptAlertDelivery(slackChannel, { webhookUrl: `${slack.url}/services/T0/B0/secret-token` }, exampleAlertNotification());
    expect(result).toMatchObject({ ok: true, status: 200 });
    const req = slack.requests.at(-1)!;
    expect(req.path).toBe('/services/T0/B0/secret-token');
    const body = req.json<any>();
    expect(body.text).toContain('[FIRING] High API error rate: error_rate(api_requests_total) 7.20 > 5 (route=/api/build)');
    expect(body.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Firing: High API error rate' } });
    expect(JSON.stringify(body.blocks)).toContain('http://localhost:3000/alerts/active/');
    expect(body.blocks.at(-1).elements.map((e: any) => e.text.text)).toEqual(['Open alert', 'Dashboard']);
  });

  it('sends each notification kind as one POST of JSON to the webhook path (test kit harness)', async () => {
    const sent = await deliverEachNotificationKind(slackChannel, (url) => ({ webhookUrl: `${url}/services/T0/B0/x` }));
    expect(Object.keys(sent)).toEqual(['firing', 'repeat', 'acknowledged', 'resolved']);
    for (const d of Object.values(sent)) {
      expect(d!.result).toMatchObject({ ok: true, status: 200 });
      expect(d!.request).toMatchObject({ method: 'POST', path: '/services/T0/B0/x', headers: { 'content-type': 'application/json' } });
    }
    expect(sent.repeat!.request!.json<any>().text).toContain('High API error rate');
  });

  it('says resolved and acknowledged in words', async () => {
    await attemptAlertDelivery(slackChannel, { webhookUrl: slack.url }, exampleAlertNotification({ kind: 'resolved', value: 1.2, endsAt: '2026-01-08T15:00:00.000Z' }));
    expect(slack.requests.at(-1)!.json<any>().text).toContain('[RESOLVED] High API error rate: error_rate(api_requests_total) back to 1.20');
    await attemptAlertDelivery(slackChannel, { webhookUrl: slack.url }, exampleAlertNotification({ kind: 'acknowledged', acknowledgement: { by: 'ops@example.com', comment: 'looking', expiresAt: '2026-01-08T16:00:00.000Z' } }));
    expect(JSON.stringify(slack.requests.at(-1)!.json())).toContain('Acknowledged by ops@example.com: looking');
  });

  it('retries on 5xx and 429, gives up on other 4xx, and needs its webhook URL', async () => {
    slack.handle((_req, res) => {
      res.statusCode = 500;
      res.end('rollup_error');
    });
    expect(await attemptAlertDelivery(slackChannel, { webhookUrl: slack.url }, exampleAlertNotification())).toMatchObject({ ok: false, retryable: true, status: 500 });
    slack.handle((_req, res) => {
      res.statusCode = 404;
      res.end('no_service');
    });
    expect(await attemptAlertDelivery(slackChannel, { webhookUrl: slack.url }, exampleAlertNotification())).toMatchObject({ ok: false, retryable: false, detail: 'HTTP 404: no_service' });
    expect(await attemptAlertDelivery(slackChannel, {}, exampleAlertNotification())).toMatchObject({ ok: false, retryable: true, detail: 'not configured: setting "webhookUrl" is not set' });
  });

  it('never reports the webhook URL (a secret) in what it says', async () => {
    slack.handle((req, res) => {
      res.statusCode = 400;
      res.end(`invalid_payload for ${req.path}`);
    });
    const result = await attemptAlertDelivery(slackChannel, { webhookUrl: `${slack.url}/hook-secret-123` }, exampleAlertNotification());
    expect(result.detail).not.toContain('hook-secret-123');
  });
});

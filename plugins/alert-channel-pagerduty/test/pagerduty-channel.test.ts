import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attemptAlertDelivery, exampleAlertNotification } from '@platform/sdk/alert-channels';
import { startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';
import { pagerdutyChannel } from '../src/index.ts';

const routingKey = 'R0UT1NGKEY0000000000000000000000';

describe('PagerDuty channel (Events API v2)', () => {
  let pd: FakeHttpServer;
  beforeAll(async () => {
    pd = await startFakeHttpServer((req, res) => {
      const body = req.json<any>();
      res.statusCode = 202;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ status: 'success', message: 'Event processed', dedup_key: body.dedup_key }));
    });
  });
  afterAll(async () => pd.close());
  const settings = () => ({ routingKey, baseUrl: pd.url });

  it('triggers with the fingerprint as dedup_key and a full payload', async () => {
    expect(await attemptAlertDelivery(pagerdutyChannel, settings(), exampleAlertNotification())).toMatchObject({ ok: true, status: 202 });
    const req = pd.requests.at(-1)!;
    expect(req.path).toBe('/v2/enqueue');
    expect(req.json()).toMatchObject({
      routing_key: routingKey,
      event_action: 'trigger',
      dedup_key: '0f3c9a7e5b2d4c1a8e6f0b9d7c5a3e1f',
      payload: { severity: 'critical', source: 'platform', component: 'api', group: '/api/build', class: 'api_requests_total', custom_details: { value: 7.2, threshold: 5 } },
      links: [{ text: 'Alert in the console' }],
    });
  });

  it('acknowledges and resolves the same dedup_key', async () => {
    await attemptAlertDelivery(pagerdutyChannel, settings(), exampleAlertNotification({ kind: 'acknowledged', acknowledgement: { by: 'a', comment: 'b', expiresAt: 'c' } }));
    expect(pd.requests.at(-1)!.json()).toEqual({ routing_key: routingKey, event_action: 'acknowledge', dedup_key: '0f3c9a7e5b2d4c1a8e6f0b9d7c5a3e1f' });
    await attemptAlertDelivery(pagerdutyChannel, settings(), exampleAlertNotification({ kind: 'resolved' }));
    expect(pd.requests.at(-1)!.json()).toEqual({ routing_key: routingKey, event_action: 'resolve', dedup_key: '0f3c9a7e5b2d4c1a8e6f0b9d7c5a3e1f' });
    expect(pagerdutyChannel.handles).not.toContain('repeat');
  });

  it('retries 429 and 5xx, gives up on 400, and keeps the routing key out of errors', async () => {
    pd.handle((_req, res) => {
      res.statusCode = 429;
      res.end('{"status":"throttle event"}');
    });
    expect(await attemptAlertDelivery(pagerdutyChannel, settings(), exampleAlertNotification())).toMatchObject({ ok: false, retryable: true, status: 429 });
    pd.handle((_req, res) => {
      res.statusCode = 400;
      res.end(JSON.stringify({ status: 'invalid event', message: 'Event object is invalid', errors: [`routing_key ${routingKey} unknown`] }));
    });
    const result = await attemptAlertDelivery(pagerdutyChannel, settings(), exampleAlertNotification());
    expect(result).toMatchObject({ ok: false, retryable: false, status: 400 });
    expect(result.detail).toContain('[redacted]');
    expect(result.detail).not.toContain(routingKey);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';
import { startMonitorHarness, type MonitorHarness } from '@platform/plugin-health/testing';
import { expectHttpFailureModes } from '@platform/plugin-health/testing/http-failure-modes';
import yotpoPlugin, { yotpoMonitor } from '../src/index.ts';

/** `POST /oauth/token` (client credentials: app key + secret) -> utoken, then `GET /v1/apps/<app_key>/reviews?utoken=`. */
describe('Yotpo monitor', () => {
  let api: FakeHttpServer;
  let h: MonitorHarness;
  let tokens = 0;
  const handler = (req: any, res: any) => {
    res.setHeader('content-type', 'application/json');
    if (req.method === 'POST' && req.path === '/oauth/token') {
      const body = req.json();
      if (body.client_id !== 'APPKEY123' || body.client_secret !== 'yotpo-secret' || body.grant_type !== 'client_credentials') {
        res.statusCode = 401;
        return res.end(JSON.stringify({ error: 'invalid_client' }));
      }
      tokens++;
      return res.end(JSON.stringify({ access_token: 'utoken-abc', token_type: 'bearer' }));
    }
    const url = new URL(req.path, 'http://x');
    if (url.pathname !== '/v1/apps/APPKEY123/reviews' || url.searchParams.get('utoken') !== 'utoken-abc') {
      res.statusCode = 401;
      return res.end(JSON.stringify({ status: { code: 401, message: 'Invalid token', error_type: 'Exceptions::InvalidToken' } }));
    }
    res.end(JSON.stringify({ reviews: [{ id: 1, title: 'Great', content: 'Love it', score: 5, sku: 'p1', verified_buyer: true }] }));
  };
  beforeAll(async () => {
    api = await startFakeHttpServer(handler);
    h = await startMonitorHarness(yotpoPlugin);
    await h.configure({ baseUrl: api.url, appKey: 'APPKEY123', secretKey: 'yotpo-secret' });
  });
  afterAll(async () => {
    await h?.close();
    await api?.close();
  });

  it('gets a utoken once and reads reviews with it', async () => {
    expect(await h.check('yotpo')).toMatchObject({ status: 'healthy', message: 'reviews API reachable' });
    await h.check('yotpo');
    expect(tokens).toBe(1);
  });

  it('reports rejected client credentials', async () => {
    await h.configure({ secretKey: 'yotpo-secret-wrong' });
    expect((await h.check('yotpo')).message).toBe('HTTP 401 from POST /oauth/token: invalid_client');
  });

  it('reports slow answers, TLS errors, 5xx, invalid JSON and timeouts', async () => {
    await expectHttpFailureModes(yotpoMonitor, { baseUrl: api.url, appKey: 'APPKEY123', secretKey: 'yotpo-secret' }, api);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';
import { startMonitorHarness, type MonitorHarness } from '@platform/plugin-health/testing';
import { expectHttpFailureModes } from '@platform/plugin-health/testing/http-failure-modes';
import inngestPlugin, { inngestMonitor } from '../src/index.ts';

const KEY = 'signkey-prod-secret0123';

describe('Inngest monitor', () => {
  let api: FakeHttpServer;
  let h: MonitorHarness;
  beforeAll(async () => {
    api = await startFakeHttpServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.headers.authorization !== `Bearer ${KEY}`) {
        res.statusCode = 401;
        return res.end(JSON.stringify({ error: 'Unauthorized', status: 401 }));
      }
      expect(req.path).toBe('/v1/events?limit=1');
      res.end(JSON.stringify({ data: [{ internal_id: '01H', accountID: 'a', environmentID: 'e', source: 'app', sourceID: null, receivedAt: '2025-10-22T11:59:00Z', received_at: '2025-10-22T11:59:00Z', id: 'ev1', name: 'shop/order.created', data: {}, user: null, ts: 1729598340000, v: null }], metadata: { fetched_at: '2025-10-22T12:00:00Z', cached_until: null } }));
    });
    h = await startMonitorHarness(inngestPlugin);
    await h.configure({ baseUrl: api.url, signingKey: KEY });
  });
  afterAll(async () => {
    await h?.close();
    await api?.close();
  });

  it('reads the latest event with the signing key', async () => {
    expect(await h.check('inngest')).toMatchObject({ status: 'healthy', message: 'events API reachable', details: { latestEventAt: '2025-10-22T11:59:00Z' } });
  });

  it('reports a rejected signing key', async () => {
    await h.configure({ signingKey: 'signkey-prod-secretwrong' });
    expect((await h.check('inngest')).message).toBe('HTTP 401 from GET /v1/events: Unauthorized');
  });

  it('reports slow answers, TLS errors, 5xx, invalid JSON and timeouts', async () => {
    await expectHttpFailureModes(inngestMonitor, { baseUrl: api.url, signingKey: KEY }, api);
  });
});

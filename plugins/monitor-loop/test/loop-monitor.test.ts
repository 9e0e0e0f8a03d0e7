import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';
import { startMonitorHarness, type MonitorHarness } from '@platform/plugin-health/testing';
import { expectHttpFailureModes } from '@platform/plugin-health/testing/http-failure-modes';
import loopPlugin, { loopMonitor } from '../src/index.ts';

describe('Loop Returns monitor', () => {
  let api: FakeHttpServer;
  let h: MonitorHarness;
  beforeAll(async () => {
    api = await startFakeHttpServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.headers['x-authorization'] !== 'loop-secret-key') {
        res.statusCode = 401;
        return res.end(JSON.stringify({ message: 'Unauthenticated.' }));
      }
      const url = new URL(req.path, 'http://x');
      expect(url.pathname).toBe('/api/v1/warehouse/return/list');
      expect(url.searchParams.get('from')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      res.end(JSON.stringify([{ id: 1234, state: 'open', order_name: '#1001', currency: 'USD', total: '25.00' }]));
    });
    h = await startMonitorHarness(loopPlugin);
    await h.configure({ baseUrl: api.url, apiKey: 'loop-secret-key' });
  });
  afterAll(async () => {
    await h?.close();
    await api?.close();
  });

  it('lists the last hour of returns with X-Authorization', async () => {
    expect(await h.check('loop')).toMatchObject({ status: 'healthy', message: 'returns API reachable', details: { returnsLastHour: 1 } });
  });

  it('reports a rejected key', async () => {
    await h.configure({ apiKey: 'loop-secret-wrong' });
    expect((await h.check('loop')).message).toBe('HTTP 401 from GET /api/v1/warehouse/return/list: Unauthenticated.');
  });

  it('reports slow answers, TLS errors, 5xx, invalid JSON and timeouts', async () => {
    await expectHttpFailureModes(loopMonitor, { baseUrl: api.url, apiKey: 'loop-secret-key' }, api);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';
import { startMonitorHarness, type MonitorHarness } from '@platform/plugin-health/testing';
import { expectHttpFailureModes } from '@platform/plugin-health/testing/http-failure-modes';
import wisePlugin, { wiseMonitor } from '../src/index.ts';

const TOKEN = 'wise-secret-token';

describe('Wise monitor', () => {
  let api: FakeHttpServer;
  let h: MonitorHarness;
  beforeAll(async () => {
    api = await startFakeHttpServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res.statusCode = 401;
        return res.end(JSON.stringify({ error: 'invalid_token', error_description: 'Invalid token' }));
      }
      expect(req.path).toBe('/v2/profiles');
      res.end(JSON.stringify([
        { id: 14575282, type: 'PERSONAL', publicId: 'abc', userId: 9889627, currentState: 'VISIBLE', fullName: 'Jane Doe' },
        { id: 14575283, type: 'BUSINESS', publicId: 'def', userId: 9889627, currentState: 'VISIBLE', businessName: 'Acme Ltd' },
      ]));
    });
    h = await startMonitorHarness(wisePlugin);
    await h.configure({ baseUrl: api.url, apiToken: TOKEN });
  });
  afterAll(async () => {
    await h?.close();
    await api?.close();
  });

  it('lists the profiles', async () => {
    expect(await h.check('wise')).toMatchObject({ status: 'healthy', message: '2 profiles (personal, business)' });
  });

  it('reports an invalid token with Wise\'s description', async () => {
    await h.configure({ apiToken: 'wise-secret-wrong' });
    expect((await h.check('wise')).message).toBe('HTTP 401 from GET /v2/profiles: Invalid token');
  });

  it('reports slow answers, TLS errors, 5xx, invalid JSON and timeouts', async () => {
    await expectHttpFailureModes(wiseMonitor, { baseUrl: api.url, apiToken: TOKEN }, api);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';
import { startMonitorHarness, type MonitorHarness } from '@platform/plugin-health/testing';
import { expectHttpFailureModes, expectRejectedCredentials } from '@platform/plugin-health/testing/http-failure-modes';
import muxPlugin, { muxMonitor } from '../src/index.ts';

describe('Mux monitor', () => {
  let api: FakeHttpServer;
  let h: MonitorHarness;
  beforeAll(async () => {
    api = await startFakeHttpServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.headers.authorization !== 'Basic ' + Buffer.from('mux-token-id:mux-secret-value').toString('base64')) {
        res.statusCode = 401;
        return res.end(JSON.stringify({ error: { type: 'unauthorized', messages: ['Unauthorized request'] } }));
      }
      expect(req.path).toBe('/video/v1/assets?limit=1');
      res.end(JSON.stringify({ data: [{ id: 'a1', status: 'ready', playback_ids: [{ id: 'p1', policy: 'public' }], created_at: '1609869152', duration: 23.5 }] }));
    });
    h = await startMonitorHarness(muxPlugin);
    await h.configure({ baseUrl: api.url, tokenId: 'mux-token-id', tokenSecret: 'mux-secret-value' });
  });
  afterAll(async () => {
    await h?.close();
    await api?.close();
  });

  it('lists assets with the access token', async () => {
    expect(await h.check('mux')).toMatchObject({ status: 'healthy', message: 'video API reachable' });
  });

  it("reports rejected credentials with Mux's message", async () => {
    await h.configure({ tokenSecret: 'mux-secret-wrong' });
    expect((await h.check('mux')).message).toBe('HTTP 401 from GET /video/v1/assets: Unauthorized request');
  });

  it('reports slow answers, TLS errors, 5xx, invalid JSON and timeouts', async () => {
    await expectHttpFailureModes(muxMonitor, { baseUrl: api.url, tokenId: 'mux-token-id', tokenSecret: 'mux-secret-value' }, api);
  });

  it('reports wrong credentials as unhealthy without the secret (test kit harness)', async () => {
    const r = await expectRejectedCredentials(muxMonitor, { baseUrl: api.url, tokenId: 'mux-token-id', tokenSecret: 'mux-secret-value' }, api, { body: '{"error":{"type":"unauthorized","messages":["Unauthorized request"]}}' });
    expect(r.message).toBe('HTTP 401 from GET /video/v1/assets: Unauthorized request');
  });
});

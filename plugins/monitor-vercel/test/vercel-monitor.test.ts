import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';
import { startMonitorHarness, type MonitorHarness } from '@platform/plugin-health/testing';
import { expectHttpFailureModes } from '@platform/plugin-health/testing/http-failure-modes';
import vercelPlugin, { vercelMonitor } from '../src/index.ts';

describe('Vercel monitor', () => {
  let api: FakeHttpServer;
  let h: MonitorHarness;
  let state = 'READY';
  beforeAll(async () => {
    api = await startFakeHttpServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.headers.authorization !== 'Bearer vercel-secret-token') {
        res.statusCode = 403;
        return res.end(JSON.stringify({ error: { code: 'forbidden', message: 'Not authorized', invalidToken: true } }));
      }
      const url = new URL(req.path, 'http://x');
      if (url.pathname === '/v2/user') return res.end(JSON.stringify({ user: { id: 'u1', email: 'ops@acme.com', name: 'Ops', username: 'acme-ops' } }));
      expect(url.pathname).toBe('/v6/deployments');
      expect(Object.fromEntries(url.searchParams)).toEqual({ projectId: 'prj_123', target: 'production', limit: '1', teamId: 'team_9' });
      res.end(JSON.stringify({ deployments: [{ uid: 'dpl_1', name: 'web', url: 'web-abc.vercel.app', created: 1729500000000, state, target: 'production' }], pagination: { count: 1, next: null, prev: null } }));
    });
    h = await startMonitorHarness(vercelPlugin);
  });
  afterAll(async () => {
    await h?.close();
    await api?.close();
  });

  it('checks the token', async () => {
    await h.configure({ baseUrl: api.url, token: 'vercel-secret-token' });
    expect(await h.check('vercel')).toMatchObject({ status: 'healthy', message: 'authenticated as acme-ops' });
  });

  it('checks the latest production deployment of a project', async () => {
    await h.configure({ teamId: 'team_9', projectId: 'prj_123' });
    expect(await h.check('vercel')).toMatchObject({ status: 'healthy', message: 'latest production deployment ready', details: { deploymentState: 'READY' } });
    state = 'ERROR';
    expect(await h.check('vercel')).toMatchObject({ lastResult: 'degraded', message: 'the latest production deployment failed' });
  });

  it('reports a rejected token', async () => {
    await h.configure({ token: 'vercel-secret-wrong' });
    expect((await h.check('vercel')).message).toBe('HTTP 403 from GET /v2/user: Not authorized');
  });

  it('reports slow answers, TLS errors, 5xx, invalid JSON and timeouts', async () => {
    await expectHttpFailureModes(vercelMonitor, { baseUrl: api.url, token: 'vercel-secret-token' }, api);
  });
});

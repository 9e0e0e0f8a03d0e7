import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';
import {
  checkFetch,
  checkHttpJson,
  defineMonitor,
  monitorSettings,
  redactSecrets,
  resolveMonitorConfig,
  runMonitorCheck,
  type MonitorDefinition,
} from '@platform/sdk/monitors';
import { Secret, Type } from '@platform/sdk';
import { selfSignedCertificate, startHttpsServer } from '../testing/tls-fixture.ts';

/** The SDK's monitor helpers (sdk/src/monitors.ts), which every SaaS monitor builds on. */
const api = defineMonitor({
  id: 'api',
  name: 'API',
  tier: 'core',
  scope: 'platform',
  configSchema: Type.Object({ baseUrl: Type.String(), apiKey: Secret(Type.String({ minLength: 1 })) }),
  check: (ctx) =>
    checkHttpJson<{ ok?: boolean }>(ctx, {
      url: `${ctx.config.baseUrl}/v1/ping`,
      headers: { authorization: `Bearer ${ctx.config.apiKey}` },
      evaluate: (b) => (b.ok ? 'pong' : { status: 'degraded', message: 'not ok' }),
    }),
});

describe('monitor SDK helpers', () => {
  let server: FakeHttpServer;
  const config = () => ({ baseUrl: server.url, apiKey: 'sk_live_supersecret' });
  beforeAll(async () => {
    server = await startFakeHttpServer();
  });
  afterAll(async () => server.close());

  it('turns a JSON answer into a timed result and sends the credentials', async () => {
    server.handle((_req, res) => res.end('{"ok":true}'));
    const r = await runMonitorCheck(api, config(), { timeoutMs: 2000 });
    expect(r).toMatchObject({ status: 'healthy', message: 'pong', details: { httpStatus: 200 } });
    expect(r.responseTimeMs).toBeGreaterThanOrEqual(0);
    expect(server.requests.at(-1)!.headers.authorization).toBe('Bearer sk_live_supersecret');
  });

  it('reports 5xx as unhealthy with the API\'s own error text, and redacts secrets from it', async () => {
    server.handle((_req, res) => {
      res.statusCode = 503;
      res.end('{"error":{"message":"upstream down for key sk_live_supersecret"}}');
    });
    const r = await runMonitorCheck(api, config(), { timeoutMs: 2000 });
    expect(r.status).toBe('unhealthy');
    expect(r.message).toBe('HTTP 503 from GET /v1/ping: upstream down for key [redacted]');
    expect(JSON.stringify(r)).not.toContain('supersecret');
  });

  it('reports 429 as degraded', async () => {
    server.handle((_req, res) => {
      res.statusCode = 429;
      res.end('{}');
    });
    expect((await runMonitorCheck(api, config(), { timeoutMs: 2000 })).status).toBe('degraded');
  });

  it('reports invalid JSON', async () => {
    server.handle((_req, res) => res.end('<html>oops</html>'));
    expect(await runMonitorCheck(api, config(), { timeoutMs: 2000 })).toMatchObject({ status: 'unhealthy', message: 'invalid JSON from GET /v1/ping' });
  });

  it('times out a slow answer and aborts the request', async () => {
    server.handle(async (_req, res) => {
      await new Promise((r) => setTimeout(r, 1500));
      if (!res.destroyed) res.end('{"ok":true}');
    });
    const started = Date.now();
    const r = await runMonitorCheck(api, config(), { timeoutMs: 200 });
    expect(r).toMatchObject({ status: 'unhealthy', message: 'timed out after 200 ms' });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('times out a check that ignores its signal', async () => {
    const stubborn: MonitorDefinition<any> = defineMonitor({ id: 'stubborn', name: 'S', tier: 'core', scope: 'platform', configSchema: Type.Object({}), check: () => new Promise(() => undefined) });
    expect(await runMonitorCheck(stubborn, {}, { timeoutMs: 50 })).toMatchObject({ status: 'unhealthy', message: 'timed out after 50 ms' });
  });

  it('turns a thrown error into an unhealthy result', async () => {
    const broken = defineMonitor({ id: 'broken', name: 'B', tier: 'core', scope: 'platform', configSchema: Type.Object({}), check: async () => { throw new Error('boom'); } });
    expect(await runMonitorCheck(broken, {})).toMatchObject({ status: 'unhealthy', message: 'check failed: boom' });
  });

  it('names refused connections', async () => {
    const closed = await startFakeHttpServer();
    await closed.close();
    const r = await runMonitorCheck(api, { baseUrl: closed.url, apiKey: 'k-123456' }, { timeoutMs: 2000 });
    expect(r).toMatchObject({ status: 'unhealthy', message: 'connection refused' });
  });

  it('names TLS errors (a self-signed certificate)', async () => {
    const tls = await startHttpsServer(selfSignedCertificate(30));
    try {
      const r = await runMonitorCheck(api, { baseUrl: tls.url, apiKey: 'k-123456' }, { timeoutMs: 3000 });
      expect(r.status).toBe('unhealthy');
      expect(r.message).toMatch(/^TLS error: (DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)/);
    } finally {
      await tls.close();
    }
  });

  it('remembers values between checks of one target', async () => {
    let produced = 0;
    const memoMonitor = defineMonitor({
      id: 'memo', name: 'M', tier: 'core', scope: 'platform', configSchema: Type.Object({}),
      async check(ctx) {
        const token = await ctx.remember('token', 60_000, async () => `t${++produced}`);
        return { status: 'healthy', responseTimeMs: 1, message: token, details: {} };
      },
    });
    const memo = new Map();
    await runMonitorCheck(memoMonitor, {}, { memo });
    expect((await runMonitorCheck(memoMonitor, {}, { memo })).message).toBe('t1');
  });

  it('ctx.fetch (checkFetch): follows redirects, sends form bodies, exposes headers, honours the signal', async () => {
    server.handle((req, res) => {
      if (req.path === '/old') {
        res.statusCode = 302;
        res.setHeader('location', '/new');
        return res.end();
      }
      if (req.path === '/loop') {
        res.statusCode = 307;
        res.setHeader('location', '/loop');
        return res.end();
      }
      if (req.path === '/slow') return void setTimeout(() => !res.destroyed && res.end('late'), 500);
      res.setHeader('x-request-id', 'r-1');
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ method: req.method, path: req.path, type: req.headers['content-type'] ?? null, body: req.body }));
    });
    const r = await checkFetch(`${server.url}/old`);
    expect(r).toMatchObject({ ok: true, status: 200, redirected: true, url: `${server.url}/new` });
    expect(await r.json()).toMatchObject({ method: 'GET', path: '/new' });
    expect(r.headers.get('X-Request-Id')).toBe('r-1');
    const form = await checkFetch(`${server.url}/token`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token' }) });
    expect(await form.json()).toEqual({ method: 'POST', path: '/token', type: 'application/x-www-form-urlencoded;charset=UTF-8', body: 'grant_type=refresh_token' });
    await expect(checkFetch(`${server.url}/loop`)).rejects.toThrow('too many redirects');
    await expect(checkFetch(`${server.url}/slow`, { signal: AbortSignal.timeout(50) })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('validates configuration and names what is missing', () => {
    expect(resolveMonitorConfig(api.configSchema, { baseUrl: 'http://x' })).toEqual({ ok: false, field: 'apiKey', problem: 'setting "apiKey" is not set' });
    expect(resolveMonitorConfig(api.configSchema, { baseUrl: 'http://x', apiKey: 'k' })).toEqual({ ok: true, config: { baseUrl: 'http://x', apiKey: 'k' } });
    const withDefault = Type.Object({ url: Type.String({ default: 'https://api.example.com' }), n: Type.Optional(Type.Integer()) });
    expect(resolveMonitorConfig(withDefault, {})).toEqual({ ok: true, config: { url: 'https://api.example.com' } });
    expect(resolveMonitorConfig(withDefault, { n: 'x' })).toMatchObject({ ok: false });
  });

  it('makes every setting optional for the plugin settings, keeping secret marks', () => {
    const s = monitorSettings(api);
    expect(s.required ?? []).toEqual([]);
    expect((s.properties as any).apiKey['x-secret']).toBe(true);
  });

  it('redacts secrets in details too', () => {
    const r = redactSecrets({ status: 'unhealthy', responseTimeMs: 1, message: 'x', details: { url: 'https://h/?key=sk_live_supersecret' } }, api.configSchema, { apiKey: 'sk_live_supersecret' });
    expect(r.details).toEqual({ url: 'https://h/?key=[redacted]' });
  });
});

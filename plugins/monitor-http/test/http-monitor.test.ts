import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMonitorCheck } from '@platform/sdk/monitors';
import { startFakeHttpServer, type FakeHttpServer } from '@platform/sdk/testing';
import { startMonitorHarness, type MonitorHarness } from '@platform/plugin-health/testing';
import httpPlugin, { certificateVerdict, httpMonitor, matchesExpectedStatus } from '../src/index.ts';
import { selfSignedCertificate, startHttpsServer } from '@platform/plugin-health/testing/tls-fixture';

const base = { method: 'GET' as const, expectedStatus: '2xx', tlsExpiryWarnDays: 14, ignoreTlsErrors: false };

describe('HTTP(S) monitor', () => {
  let site: FakeHttpServer;
  let h: MonitorHarness;
  beforeAll(async () => {
    site = await startFakeHttpServer((req, res) => {
      if (req.path === '/down') {
        res.statusCode = 502;
        return res.end('Bad Gateway');
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ status: 'ok', checks: { db: { state: 'up' } }, banner: 'Welcome to Acme' }));
    });
    h = await startMonitorHarness(httpPlugin);
  });
  afterAll(async () => {
    await h?.close();
    await site?.close();
  });

  it('checks the status code, a keyword and a JSON path', async () => {
    await h.configure({ url: `${site.url}/healthz`, keyword: 'Welcome to Acme', jsonPath: '$.checks.db.state', jsonExpected: 'up', authorization: 'Bearer secret-probe-token' });
    const view = await h.check('http');
    expect(view).toMatchObject({ status: 'healthy', message: 'HTTP 200', details: { httpStatus: 200, jsonValue: 'up' } });
    expect(site.requests.at(-1)!.headers.authorization).toBe('Bearer secret-probe-token');
  });

  it('is unhealthy on an unexpected status, a missing keyword, or a wrong JSON value', async () => {
    const run = (over: Record<string, unknown>) => runMonitorCheck(httpMonitor, { ...base, url: `${site.url}/healthz`, ...over } as any, { timeoutMs: 2000 });
    expect(await run({ url: `${site.url}/down` })).toMatchObject({ status: 'unhealthy', message: 'HTTP 502 (expected 2xx)' });
    expect(await run({ url: `${site.url}/down`, expectedStatus: '200-299,502' })).toMatchObject({ status: 'healthy' });
    expect(await run({ keyword: 'Maintenance' })).toMatchObject({ status: 'unhealthy', message: 'keyword "Maintenance" not found' });
    expect(await run({ jsonPath: 'checks.db.state', jsonExpected: 'down' })).toMatchObject({ status: 'unhealthy', message: 'checks.db.state is "up" (expected "down")' });
    expect(await run({ jsonPath: 'checks.cache.state' })).toMatchObject({ status: 'unhealthy', message: 'checks.cache.state missing' });
    expect(await run({ url: `${site.url}/down`, jsonPath: 'status', expectedStatus: '502' })).toMatchObject({ status: 'unhealthy', message: 'invalid JSON' });
  });

  it('times out a slow endpoint', async () => {
    const slow = await startFakeHttpServer(async (_req, res) => {
      await new Promise((r) => setTimeout(r, 800));
      if (!res.destroyed) res.end('late');
    });
    try {
      expect(await runMonitorCheck(httpMonitor, { ...base, url: slow.url } as any, { timeoutMs: 150 })).toMatchObject({ status: 'unhealthy', message: 'timed out after 150 ms' });
    } finally {
      await slow.close();
    }
  });

  it('reads the TLS certificate: fine, expiring soon, and untrusted', async () => {
    const longLived = selfSignedCertificate(400);
    const shortLived = selfSignedCertificate(5);
    const a = await startHttpsServer(longLived, 'ok', 'text/plain');
    const b = await startHttpsServer(shortLived, 'ok', 'text/plain');
    try {
      const fine = await runMonitorCheck(httpMonitor, { ...base, url: `${a.url}/status`, caCertificate: longLived.cert } as any, { timeoutMs: 3000 });
      expect(fine).toMatchObject({ status: 'healthy', message: 'HTTP 200, certificate ok' });
      expect((fine.details.certificate as any).daysLeft).toBeGreaterThanOrEqual(398);

      const soon = await runMonitorCheck(httpMonitor, { ...base, url: `${b.url}/status`, caCertificate: shortLived.cert } as any, { timeoutMs: 3000 });
      expect(soon.status).toBe('degraded');
      expect(soon.message).toMatch(/^TLS certificate expires in [45] days$/);

      const untrusted = await runMonitorCheck(httpMonitor, { ...base, url: `${a.url}/status` } as any, { timeoutMs: 3000 });
      expect(untrusted.status).toBe('unhealthy');
      expect(untrusted.message).toMatch(/^TLS error: (DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN)$/);

      const ignored = await runMonitorCheck(httpMonitor, { ...base, url: `${b.url}/status`, ignoreTlsErrors: true } as any, { timeoutMs: 3000 });
      expect(ignored.status).toBe('degraded'); // still warns about the expiry
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('parses status specs and certificate verdicts', () => {
    expect(matchesExpectedStatus(204, '200,204')).toBe(true);
    expect(matchesExpectedStatus(301, '2xx')).toBe(false);
    expect(matchesExpectedStatus(301, '200-299, 3xx')).toBe(true);
    expect(matchesExpectedStatus(200, '')).toBe(true);
    const now = Date.parse('2025-10-22T00:00:00Z');
    expect(certificateVerdict(new Date('2025-10-21T00:00:00Z'), now, 14).status).toBe('unhealthy');
    expect(certificateVerdict(new Date('2025-11-01T00:00:00Z'), now, 14)).toMatchObject({ status: 'degraded', daysLeft: 10 });
    expect(certificateVerdict(new Date('2026-10-22T00:00:00Z'), now, 14).status).toBe('healthy');
  });
});

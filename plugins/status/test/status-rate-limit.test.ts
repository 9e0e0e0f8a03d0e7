import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { createHealthPlugin } from '@platform/plugin-health';
import { manualClock } from '@platform/plugin-health/testing/scripted-monitor';
import { createStatusPlugin } from '../src/index.ts';
import { ClusterRateLimiter } from '../src/public/ip-rate-limiter.ts';

/** Two instances (kernels) on one database share the public routes' 60 requests per minute per IP. */
describe('public status rate limit across instances', () => {
  const clock = manualClock(Math.floor(Date.now() / 60_000) * 60_000 + 5_000);
  const instance = () => [createHealthPlugin({ autoStart: false, clock: clock.now }), createStatusPlugin({ clock: clock.now, snapshotCacheMs: 60_000 })];
  let a: TestKernel;
  let b: TestKernel;
  const anon = (t: TestKernel, url: string, ip: string, headers: Record<string, string> = {}) => t.kernel.app.inject({ method: 'GET', url, remoteAddress: ip, headers });
  const counted = async (ip: string, route = '/api/status') =>
    (await a.sql<{ count: number }>('SELECT count FROM status_public_rate_limits WHERE ip = $1 AND route = $2', [ip, route]))[0]?.count ?? 0;

  beforeAll(async () => {
    a = await createTestKernel({ plugins: instance() });
    b = await createTestKernel({ plugins: instance(), databaseUrl: a.databaseUrl! });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('allows 60 a minute per IP in all, not 60 per instance', async () => {
    const ip = '198.51.100.20';
    for (let i = 0; i < 30; i++) {
      expect((await anon(a, '/api/status', ip)).statusCode).toBe(200);
      const r = await anon(b, '/api/status', ip);
      expect(r.statusCode).toBe(200);
      expect(Number(r.headers['x-ratelimit-remaining'])).toBe(60 - 2 * (i + 1));
    }
    for (const t of [a, b]) {
      const refused = await anon(t, '/api/status', ip);
      expect(refused.statusCode).toBe(429);
      expect(refused.json().code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBe(55);
    }
    // Each instance now refuses this IP from memory, without counting it again.
    expect(await counted(ip)).toBe(62);
    for (let i = 0; i < 10; i++) for (const t of [a, b]) expect((await anon(t, '/api/status', ip)).statusCode).toBe(429);
    expect(await counted(ip)).toBe(62);

    // Other addresses, and the other public routes, have their own budgets.
    expect((await anon(b, '/api/status', '198.51.100.21')).statusCode).toBe(200);
    expect((await anon(a, '/api/status/health', ip)).statusCode).not.toBe(429);

    // The next window starts afresh on both instances.
    clock.advance(60_000);
    expect((await anon(b, '/api/status', ip)).statusCode).toBe(200);
    expect((await anon(a, '/api/status', ip)).headers['x-ratelimit-remaining']).toBe('58');
  });

  it('limits the client address a proxy forwards (trustProxy), not the proxy\'s', async () => {
    const proxy = '10.0.0.5';
    const r = await anon(a, '/api/status', proxy, { 'x-forwarded-for': '203.0.113.77' });
    expect(r.statusCode).toBe(200);
    expect(await counted('203.0.113.77')).toBe(1);
    expect(await counted(proxy)).toBe(0);
  });

  it('prunes past windows in a job', async () => {
    const before = (await a.sql<{ n: number }>('SELECT count(*)::int AS n FROM status_public_rate_limits'))[0].n;
    expect(before).toBeGreaterThan(0);
    clock.advance(3 * 60_000);
    expect((await anon(a, '/api/status', '198.51.100.30')).statusCode).toBe(200);
    await a.kernel.services.jobs.runNow('status.prune-rate-limits');
    const rows = await a.sql<{ ip: string }>('SELECT ip FROM status_public_rate_limits');
    expect(rows.map((r) => r.ip)).toEqual(['198.51.100.30']);
  });

  it('counts on the instance alone while the database cannot', async () => {
    const errors: unknown[] = [];
    const broken = { sql: async () => Promise.reject(new Error('connection lost')) } as any;
    const limiter = new ClusterRateLimiter(broken, '/api/status', 3, 60_000, () => 0, (err) => errors.push(err));
    const results = [];
    for (let i = 0; i < 4; i++) results.push((await limiter.take('192.0.2.1')).allowed);
    expect(results).toEqual([true, true, true, false]);
    expect(errors).toHaveLength(4);
  });
});

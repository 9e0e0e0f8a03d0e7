import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { createHealthPlugin } from '../src/index.ts';
import { manualClock, scriptedMonitorPlugin } from '../testing/scripted-monitor.ts';

/**
 * Push (heartbeat) monitors through their tokenized public URL; on the embedded database (PGlite), which
 * also proves the scheduler's batched SQL runs there.
 */
describe('push monitors (embedded database)', () => {
  const clock = manualClock(Date.now());
  const health = createHealthPlugin({ autoStart: false, clock: clock.now });
  const db = scriptedMonitorPlugin('db');
  let t: TestKernel;
  let monitor: { id: string; token: string };

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [health, db.plugin], database: 'embedded' });
  });
  afterAll(async () => t?.close());

  it('creates a push monitor with a secret ping token', async () => {
    const r = await t.inject({ method: 'POST', url: '/api/health/push-monitors', payload: { name: 'Nightly backup', expectedIntervalSeconds: 86_400, graceSeconds: 3600 } });
    expect(r.statusCode, r.body).toBe(201);
    monitor = r.json();
    expect(monitor.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const list = await t.inject('/api/health/push-monitors?range=[0,9]');
    expect(list.headers['content-range']).toBe('push-monitors 0-0/1');
  });

  it('is healthy while waiting for the first ping, within the interval', async () => {
    await t.inject({ method: 'POST', url: '/api/health/services/push/run', payload: {} });
    const targets = (await t.inject('/api/health/services/push/targets')).json();
    expect(targets).toHaveLength(1);
    expect(targets[0]).toMatchObject({ label: 'Nightly backup', status: 'healthy', message: 'waiting for the first ping' });
  });

  it('takes pings without authentication, and refuses unknown tokens', async () => {
    const ping = await t.kernel.app.inject({ method: 'GET', url: `/api/health/push/${monitor.token}` });
    expect(ping.statusCode, ping.body).toBe(200);
    expect((await t.kernel.app.inject({ method: 'POST', url: `/api/health/push/${'x'.repeat(24)}` })).statusCode).toBe(404);
    const [row] = await t.sql<{ last_ping_at: unknown }>('SELECT last_ping_at FROM health_push_monitors');
    expect(row.last_ping_at).not.toBeNull();
  });

  it('turns unhealthy when no ping arrives within interval + grace', async () => {
    clock.advance((86_400 + 3600 + 60) * 1000);
    await t.inject({ method: 'POST', url: '/api/health/services/push/run', payload: {} });
    const [target] = (await t.inject('/api/health/services/push/targets')).json();
    expect(target.status).toBe('unhealthy');
    expect(target.message).toMatch(/^no ping for \d+ s \(expected every 86400 s\)$/);
  });

  it('turns unhealthy at once when the job reports a failure, and recovers with pings', async () => {
    await t.kernel.app.inject({ method: 'POST', url: `/api/health/push/${monitor.token}?status=down&msg=disk%20full` });
    await t.inject({ method: 'POST', url: '/api/health/services/push/run', payload: {} });
    let [target] = (await t.inject('/api/health/services/push/targets')).json();
    expect(target.message).toBe('reported down: disk full');
    await t.kernel.app.inject({ method: 'POST', url: `/api/health/push/${monitor.token}` });
    await t.inject({ method: "POST", url: "/api/health/services/push/run", payload: {} });
    [target] = (await t.inject('/api/health/services/push/targets')).json();
    expect(target.status).toBe('healthy');
  });

  it('keeps heartbeats out of the master status (they are not platform services)', async () => {
    await t.inject({ method: 'POST', url: '/api/health/run', payload: {} });
    const body = (await t.inject('/api/health/')).json();
    expect(body.components.map((c: any) => c.id)).toEqual(['db']);
    expect(body.tenantMonitors.find((m: any) => m.id === 'push')).toMatchObject({ configured: 1 });
  });

  it('runs the scheduler loop and rollups on PGlite too', async () => {
    clock.advance(120_000);
    await health.runtime().scheduler.tick();
    await health.runtime().scheduler.settle();
    await t.kernel.services.jobs.runNow('health.rollup-hourly');
    const up = (await t.inject('/api/health/uptime?monitorId=db')).json();
    expect(up[0].windows['24h'].checks).toBeGreaterThanOrEqual(2);
  });
});

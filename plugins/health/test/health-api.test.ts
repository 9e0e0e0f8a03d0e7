import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { createHealthPlugin } from '../src/index.ts';
import { manualClock, scriptedMonitorPlugin } from '../testing/scripted-monitor.ts';

/** The health API end to end: master status rules, thresholds, events, history, uptime, unknown. */
describe('health API', () => {
  const clock = manualClock(Date.now());
  const health = createHealthPlugin({ autoStart: false, clock: clock.now });
  const db = scriptedMonitorPlugin('db', { tier: 'critical', name: 'Database' });
  const cache = scriptedMonitorPlugin('cache', { tier: 'critical', name: 'Cache' });
  const payments = scriptedMonitorPlugin('payments', { tier: 'core', name: 'Payments' });
  let t: TestKernel;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [health, db.plugin, cache.plugin, payments.plugin] });
  });
  afterAll(async () => t?.close());

  const runAll = async () => {
    const r = await t.inject({ method: 'POST', url: '/api/health/run', payload: {} });
    expect(r.statusCode, r.body).toBe(200);
  };
  const master = async () => t.inject('/api/health/');

  it('is unknown before anything was checked, waiting for the first checks (200: no data never looks healthy, nor like an outage)', async () => {
    const r = await master();
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'unknown', waitingForFirstChecks: true });
    expect(r.json().services.map((s: any) => [s.monitorId, s.status, s.lastCheckedAt])).toEqual(expect.arrayContaining([['db', 'unknown', null], ['payments', 'unknown', null]]));
  });

  it('is operational (200) when every platform monitor is healthy', async () => {
    await runAll();
    const r = await master();
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body.status).toBe('operational');
    expect(body.waitingForFirstChecks).toBe(false);
    expect(body.components.map((c: any) => [c.id, c.status]).sort()).toEqual([['cache', 'healthy'], ['db', 'healthy'], ['payments', 'healthy']]);
    expect(body.scheduler.alive).toBe(true);
    expect((await t.inject('/api/health')).statusCode).toBe(200);
  });

  it('marks a service unhealthy only after N=3 consecutive failures, then reports a partial outage in the body (200)', async () => {
    payments.set({ status: 'unhealthy', message: 'HTTP 500' });
    await runAll();
    await runAll();
    expect((await master()).json().status).toBe('operational');
    await runAll();
    const r = await master();
    // The admin route answers 200 with the outage in the body: a 503 is for load balancers (/readyz) only.
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe('partial_outage');
    expect(r.json().services.find((s: any) => s.monitorId === 'payments')).toMatchObject({ status: 'unhealthy', message: 'HTTP 500', since: expect.any(String) });
    const svc = (await t.inject('/api/health/services/payments')).json();
    expect(svc.target).toMatchObject({ status: 'unhealthy', consecutiveFailures: 3, message: 'HTTP 500' });
  });

  it('reports a major outage with two unhealthy services', async () => {
    cache.set({ status: 'unhealthy' });
    for (let i = 0; i < 3; i++) await runAll();
    const r = await master();
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe('major_outage');
  });

  it('recovers after M=2 consecutive successes', async () => {
    cache.set({ status: 'healthy' });
    payments.set({ status: 'healthy' });
    await runAll();
    expect((await master()).json().status).toBe('major_outage');
    await runAll();
    expect((await master()).json().status).toBe('operational');
  });

  it('emits health.status_changed durably on each change', async () => {
    const rows = await t.sql<{ payload: any }>(`SELECT payload FROM kernel_outbox WHERE name = 'health.status_changed' ORDER BY id`);
    const changes = rows.map((r) => `${r.payload.monitorId}:${r.payload.from}->${r.payload.to}`);
    expect(changes).toEqual(['payments:healthy->unhealthy', 'cache:healthy->unhealthy', 'cache:unhealthy->healthy', 'payments:unhealthy->healthy']);
    expect(rows[0].payload).toMatchObject({ monitorName: 'Payments', scope: 'platform', targetKey: 'platform', tenantId: null });
  });

  it('degrades on slow answers by the monitor\'s thresholds, and the thresholds are editable', async () => {
    db.set({ delayMs: 1100 });
    await t.inject({ method: 'POST', url: '/api/health/services/db/run', payload: {} });
    let svc = (await t.inject('/api/health/services/db')).json();
    expect(svc.target.status).toBe('degraded');
    expect(svc.thresholds).toEqual({ degradedMs: 1000, unhealthyMs: 2000 });
    expect((await master()).json().status).toBe('degraded');

    const put = await t.inject({ method: 'PUT', url: '/api/health/monitors/db', payload: { degradedMs: 1500, unhealthyMs: 3000 } });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json().thresholds).toEqual({ degradedMs: 1500, unhealthyMs: 3000 });
    await t.inject({ method: 'POST', url: '/api/health/services/db/run', payload: {} });
    svc = (await t.inject('/api/health/services/db')).json();
    expect(svc.target.status).toBe('healthy');
    db.set({ delayMs: 0 });

    const bad = await t.inject({ method: 'PUT', url: '/api/health/monitors/db', payload: { degradedMs: 5000, unhealthyMs: 100 } });
    expect(bad.statusCode).toBe(400);
    const audit = (await t.inject(`/api/audit?filter=${encodeURIComponent(JSON.stringify({ action: 'health.monitor_updated' }))}`)).json();
    expect(audit).toHaveLength(1);
  });

  it('lists monitors for the thresholds editor, react-admin style', async () => {
    const r = await t.inject('/api/health/monitors?range=[0,9]');
    expect(r.headers['content-range']).toMatch(/^monitors 0-\d+\/\d+$/);
    const ids = r.json().map((m: any) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['db', 'cache', 'payments', 'push']));
    expect(r.json().find((m: any) => m.id === 'payments')).toMatchObject({ tier: 'core', intervalSeconds: 300, failureThreshold: 3, recoveryThreshold: 2 });
  });

  it('keeps every result in health_check_history and rolls them up hourly for uptime', async () => {
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM health_check_history WHERE monitor_id = 'payments'`);
    expect(n).toBeGreaterThanOrEqual(7);
    await t.kernel.services.jobs.runNow('health.rollup-hourly');
    const up = (await t.inject('/api/health/uptime?monitorId=payments')).json();
    expect(up[0].windows['24h'].checks).toBe(n);
    // Uptime counts the debounced status: results seen while it was unhealthy are down.
    const [{ up: upCount }] = await t.sql<{ up: number }>(`SELECT count(*) FILTER (WHERE state_status <> 'unhealthy')::int AS up FROM health_check_history WHERE monitor_id = 'payments'`);
    expect(up[0].windows['24h'].uptimePct).toBeCloseTo((upCount / n) * 100, 2);
    expect(up[0].windows['24h'].uptimePct).toBeLessThan(100);
    const all = (await t.inject('/api/health/uptime')).json();
    expect(all.map((u: any) => u.monitorId).sort()).toEqual(['cache', 'db', 'payments']);
    expect(Object.keys(all[0].windows)).toEqual(['24h', '7d', '30d', '90d']);
  });

  it('serves history for charts: raw points and recent failures', async () => {
    const r = await t.inject(`/api/health/history?monitorId=payments&from=${encodeURIComponent(new Date(clock.now() - 3600_000).toISOString())}`);
    expect(r.statusCode, r.body).toBe(200);
    const h = r.json();
    expect(h.resolution).toBe('raw');
    expect(h.points.length).toBeGreaterThanOrEqual(7);
    expect(h.failures.length).toBeGreaterThanOrEqual(3);
    const hourly = (await t.inject(`/api/health/history?monitorId=payments&from=${encodeURIComponent(new Date(clock.now() - 7 * 86_400_000).toISOString())}&to=${encodeURIComponent(new Date(clock.now() + 3600_000).toISOString())}`)).json();
    expect(hourly.resolution).toBe('hour');
    expect(hourly.points[0]).toMatchObject({ checks: expect.any(Number), avgMs: expect.any(Number) });
  });

  it('turns unknown when results go stale, and when the scheduler is dead', async () => {
    clock.advance(10 * 60_000); // far beyond 2 x 1 min + timeout for the critical monitors
    const r = await master();
    expect(r.statusCode).toBe(200);
    expect(r.json().waitingForFirstChecks).toBe(false);
    expect(r.json().status).toBe('unknown');
    expect(r.json().scheduler.alive).toBe(false);

    await runAll(); // beats again
    clock.advance(4 * 60_000); // critical (1 min) results are stale now, core (5 min) ones are not
    await t.inject({ method: 'POST', url: '/api/health/services/payments/run', payload: {} });
    const body = (await master()).json();
    expect(Object.fromEntries(body.components.map((c: any) => [c.id, c.status]))).toEqual({ db: 'unknown', cache: 'unknown', payments: 'healthy' });
    expect(body.status).toBe('degraded');

    await t.kernel.services.jobs.runNow('health.stale-targets');
    const stale = await t.sql<{ monitor_id: string; status: string }>(`SELECT monitor_id, status FROM health_monitor_state ORDER BY monitor_id`);
    expect(stale.filter((s) => s.status === 'unknown').map((s) => s.monitor_id)).toEqual(['cache', 'db']);
    const events = await t.sql<{ payload: any }>(`SELECT payload FROM kernel_outbox WHERE name = 'health.status_changed' AND payload->>'to' = 'unknown'`);
    expect(events.map((e) => e.payload.monitorId).sort()).toEqual(['cache', 'db']);
  });

  it('deletes history older than 30 days', async () => {
    await t.sql(`INSERT INTO health_check_history (monitor_id, target_key, planned_at, checked_at, status, state_status, response_time_ms)
                 VALUES ('db', 'platform', now() - interval '31 days', now() - interval '31 days', 'healthy', 'healthy', 5)`);
    await t.kernel.services.jobs.runNow('health.history-retention');
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM health_check_history WHERE checked_at < now() - interval '30 days'`);
    expect(n).toBe(0);
  });

  it('switches a monitor off', async () => {
    await t.inject({ method: 'PUT', url: '/api/health/monitors/cache', payload: { enabled: false } });
    const body = (await master()).json();
    expect(body.components.map((c: any) => c.id)).not.toContain('cache');
    expect(body.services.find((s: any) => s.monitorId === 'cache')).toMatchObject({ checked: false, problem: 'monitor disabled' });
  });

  it('requires permissions: read-only staff can read, not edit; tenant users cannot read the platform status', async () => {
    const ro = await t.signIn({ role: 'read_only' });
    expect((await ro.inject('/api/health/')).statusCode).not.toBe(403);
    expect((await ro.inject({ method: 'PUT', url: '/api/health/monitors/db', payload: { degradedMs: 10 } })).statusCode).toBe(403);
    const member = await t.signIn({ role: 'tenant_member', tenant: 'acme' });
    expect((await member.inject('/api/health/')).statusCode).toBe(403);
    expect((await t.inject({ url: '/api/health/', headers: { authorization: '' } })).statusCode).toBe(401);
  });
});

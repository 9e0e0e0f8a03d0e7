import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { definePlugin } from '@platform/sdk';
import { FLAG_CLIENT, type FlagClient, type FlagEvaluation } from '@platform/sdk/feature-flags';
import { createHealthPlugin } from '@platform/plugin-health';
import { manualClock, scriptedMonitorPlugin } from '@platform/plugin-health/testing/scripted-monitor';
import { createStatusPlugin } from '../src/index.ts';

const evaluation = (key: string, enabled: boolean, reason: FlagEvaluation['reason']): FlagEvaluation => ({ key, value: enabled, enabled, variant: null, reason, rule: 'rollout' });

/** Stands in for the feature-flags plugin: provides the `flags` client through DI. */
const fakeFlags = definePlugin({
  name: 'fake-flags',
  version: '1.0.0',
  kernel: '^0.1.0',
  register(ctx) {
    const client: FlagClient = {
      // Every flag is on, except platform maintenance mode (its own test turns it on).
      evaluate: async (key) => evaluation(key, key !== 'platform.maintenance_mode', 'STATIC'),
      evaluateAll: async () => ({
        portal_analytics: evaluation('portal_analytics', true, 'TARGETING_MATCH'),
        portal_dark_mode: evaluation('portal_dark_mode', true, 'SPLIT'),
        portal_ai_chat: evaluation('portal_ai_chat', false, 'DISABLED'),
      }),
    };
    ctx.provide(FLAG_CLIENT, client);
  },
});

const SECRET = 'sk_live_public_leak_check_secret';

describe('public status', () => {
  const clock = manualClock(Date.now());
  const health = createHealthPlugin({ autoStart: false, clock: clock.now });
  const status = createStatusPlugin({ clock: clock.now, snapshotCacheMs: 0 });
  const db = scriptedMonitorPlugin('db', { name: 'Database internal name' });
  const stripe = scriptedMonitorPlugin('stripe', { name: 'Stripe', tier: 'core' });
  let t: TestKernel;
  const anon = (url: string, ip = '198.51.100.7') => t.kernel.app.inject({ method: 'GET', url, remoteAddress: ip });
  const runAll = () => t.inject({ method: 'POST', url: '/api/health/run', payload: {} });

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [fakeFlags, health, db.plugin, stripe.plugin, status] });
    await t.inject({ method: 'PUT', url: '/api/plugins/monitor-stripe/settings', payload: { token: SECRET } });
    await t.inject({ method: 'PUT', url: '/api/plugins/status/settings', payload: { componentNames: { db: 'Database' }, pageTitle: 'Acme status' } });
    await health.runtime().directory.refresh();
    await runAll();
  });
  afterAll(async () => t?.close());

  it('serves /api/status without auth, in the seed\'s shape, cacheable', async () => {
    const r = await anon('/api/status');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['cache-control']).toBe('public, max-age=30, stale-while-revalidate=30');
    const body = r.json();
    expect(body).toMatchObject({ success: true, version: 'v1' });
    expect(body.data).toMatchObject({ maintenanceMode: false, currentMaintenance: null, upcomingMaintenance: [], knownIssues: [], systemStatus: 'operational' });
    expect(body.data.version).toMatchObject({ app: expect.any(String), api: 'v1' });
    expect(body.data.components).toEqual([{ id: 'db', name: 'Database', status: 'operational' }, { id: 'stripe', name: 'Stripe', status: 'operational' }]);
  });

  it('reports the feature flags at 100 % rollout (through the optional flags client)', async () => {
    const flags = (await anon('/api/status')).json().data.featureFlags;
    expect(flags).toEqual({ portal_analytics: true, portal_dark_mode: false, portal_ai_chat: false });
  });

  it('serves /api/status/health without auth, 503 on an outage, never leaking secrets or internal error text', async () => {
    expect((await anon('/api/status/health')).json().data.status).toBe('operational');
    stripe.set({ status: 'unhealthy', message: 'ECONNREFUSED 10.0.3.7:443 using key $TOKEN at /srv/app/stripe.ts:42' });
    for (let i = 0; i < 3; i++) await runAll();
    const r = await anon('/api/status/health', '198.51.100.8');
    expect(r.statusCode).toBe(503);
    const body = r.json();
    expect(body.data.status).toBe('partial_outage');
    expect(body.data.components.stripe).toMatchObject({ status: 'unhealthy', componentStatus: 'major_outage', responseTime: expect.any(Number), lastChecked: expect.any(String) });
    for (const url of ['/api/status', '/api/status/health', '/api/status/page']) {
      const text = (await anon(url, '198.51.100.9')).body;
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain('ECONNREFUSED');
      expect(text).not.toContain('10.0.3.7');
      expect(text).not.toContain('Database internal name');
    }
    stripe.set({ status: 'healthy', message: 'ok' });
    for (let i = 0; i < 2; i++) await runAll();
  });

  it('rate-limits each public route to 60 requests per minute per IP', async () => {
    const ip = '203.0.113.50';
    for (let i = 0; i < 60; i++) expect((await anon('/api/status', ip)).statusCode).toBe(200);
    const refused = await anon('/api/status', ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(refused.json().code).toBe('rate_limited');
    expect((await anon('/api/status', '203.0.113.51')).statusCode).toBe(200);
    expect((await anon('/api/status/health', ip)).statusCode).not.toBe(429);
    clock.advance(60_000);
    expect((await anon('/api/status', ip)).statusCode).toBe(200);
    await runAll();
  });

  it('manages maintenance windows; a job moves them scheduled -> in_progress -> completed', async () => {
    const start = new Date(clock.now() + 2 * 3600_000);
    const create = await t.inject({ method: 'POST', url: '/api/status/maintenance-windows', payload: { title: 'Database upgrade', description: 'PostgreSQL 17', scheduledStart: start.toISOString(), scheduledEnd: new Date(start.getTime() + 2 * 3600_000).toISOString(), components: ['db'] } });
    expect(create.statusCode, create.body).toBe(201);
    const id = create.json().id;
    expect(create.json().status).toBe('scheduled');
    expect((await anon('/api/status', '10.1.1.1')).json().data.upcomingMaintenance).toMatchObject([{ id, title: 'Database upgrade', affectsPortal: true, affectsCRM: false }]);

    const bad = await t.inject({ method: 'POST', url: '/api/status/maintenance-windows', payload: { title: 'x', scheduledStart: start.toISOString(), scheduledEnd: start.toISOString() } });
    expect(bad.statusCode).toBe(400);

    clock.set(start.getTime() + 60_000);
    await runAll();
    await t.kernel.services.jobs.runNow('status.advance-maintenance');
    const during = (await anon('/api/status', '10.1.1.2')).json().data;
    expect(during).toMatchObject({ maintenanceMode: true, systemStatus: 'maintenance', currentMaintenance: { id, status: 'in_progress' } });
    expect(during.components.find((c: any) => c.id === 'db').status).toBe('under_maintenance');
    expect((await anon('/api/status/health', '10.1.1.2')).statusCode).toBe(200);

    clock.set(start.getTime() + 2 * 3600_000 + 1000);
    await runAll();
    await t.kernel.services.jobs.runNow('status.advance-maintenance');
    const row = (await t.inject(`/api/status/maintenance-windows/${id}`)).json();
    expect(row).toMatchObject({ status: 'completed', actualStart: expect.any(String), actualEnd: expect.any(String) });
    const reopen = await t.inject({ method: 'PUT', url: `/api/status/maintenance-windows/${id}`, payload: { status: 'in_progress' } });
    expect(reopen.statusCode).toBe(409);
    const events = await t.sql<{ payload: any }>(`SELECT payload FROM kernel_outbox WHERE name = 'status.maintenance_changed' ORDER BY id`);
    expect(events.map((e) => e.payload.to)).toEqual(['in_progress', 'completed']);
  });

  it('cancels maintenance windows: a scheduled one leaves the page untouched by the job, an in-progress one ends now; cancelled is final', async () => {
    const window = async (title: string, startInMs: number) => {
      const start = new Date(clock.now() + startInMs);
      const r = await t.inject({ method: 'POST', url: '/api/status/maintenance-windows', payload: { title, scheduledStart: start.toISOString(), scheduledEnd: new Date(start.getTime() + 3600_000).toISOString(), components: ['db'] } });
      expect(r.statusCode, r.body).toBe(201);
      return { id: r.json().id as string, start };
    };
    const outboxBefore = (await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM kernel_outbox WHERE name = 'status.maintenance_changed'`))[0].n;

    const planned = await window('Cache resize', 3600_000);
    expect((await anon('/api/status', '10.2.0.1')).json().data.upcomingMaintenance.map((m: any) => m.id)).toContain(planned.id);
    const cancel = await t.inject({ method: 'PUT', url: `/api/status/maintenance-windows/${planned.id}`, payload: { status: 'cancelled' } });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json()).toMatchObject({ status: 'cancelled', actualStart: null, actualEnd: null });
    expect((await anon('/api/status', '10.2.0.2')).json().data.upcomingMaintenance.map((m: any) => m.id)).not.toContain(planned.id);
    // Its time comes and goes: the job leaves a cancelled window alone.
    clock.set(planned.start.getTime() + 60_000);
    await t.kernel.services.jobs.runNow('status.advance-maintenance');
    expect((await t.inject(`/api/status/maintenance-windows/${planned.id}`)).json()).toMatchObject({ status: 'cancelled', actualStart: null });
    expect((await anon('/api/status', '10.2.0.3')).json().data).toMatchObject({ maintenanceMode: false, currentMaintenance: null });
    for (const to of ['scheduled', 'in_progress', 'completed']) {
      const r = await t.inject({ method: 'PUT', url: `/api/status/maintenance-windows/${planned.id}`, payload: { status: to } });
      expect(r.statusCode, to).toBe(409);
      expect(r.json().code).toBe('invalid_transition');
    }

    const running = await window('Search reindex', 60_000);
    clock.set(running.start.getTime() + 60_000);
    await t.kernel.services.jobs.runNow('status.advance-maintenance');
    expect((await anon('/api/status', '10.2.0.4')).json().data).toMatchObject({ maintenanceMode: true, currentMaintenance: { id: running.id, status: 'in_progress' } });
    clock.advance(5 * 60_000);
    const stop = await t.inject({ method: 'PUT', url: `/api/status/maintenance-windows/${running.id}`, payload: { status: 'cancelled' } });
    expect(stop.statusCode, stop.body).toBe(200);
    expect(stop.json()).toMatchObject({ status: 'cancelled', actualStart: expect.any(String), actualEnd: new Date(clock.now()).toISOString() });
    expect((await anon('/api/status', '10.2.0.5')).json().data).toMatchObject({ maintenanceMode: false, currentMaintenance: null });

    // The job emitted only the in_progress move; manual cancels go through the audited CRUD.
    const events = await t.sql<{ payload: any }>(`SELECT payload FROM kernel_outbox WHERE name = 'status.maintenance_changed' ORDER BY id`);
    expect(events.slice(outboxBefore).map((e) => [e.payload.id, e.payload.to])).toEqual([[running.id, 'in_progress']]);
    await runAll();
  });

  it('deletes maintenance windows (staff only): gone from the API and the public status', async () => {
    const start = new Date(clock.now() + 2 * 3600_000);
    const create = await t.inject({ method: 'POST', url: '/api/status/maintenance-windows', payload: { title: 'Mistaken window', scheduledStart: start.toISOString(), scheduledEnd: new Date(start.getTime() + 3600_000).toISOString() } });
    expect(create.statusCode, create.body).toBe(201);
    const id = create.json().id as string;
    expect((await anon('/api/status', '10.3.0.1')).json().data.upcomingMaintenance.map((m: any) => m.id)).toContain(id);

    const readOnly = await t.signIn({ role: 'read_only' });
    expect((await readOnly.inject({ method: 'DELETE', url: `/api/status/maintenance-windows/${id}` })).statusCode).toBe(403);
    expect((await t.inject(`/api/status/maintenance-windows/${id}`)).statusCode).toBe(200);

    const del = await t.inject({ method: 'DELETE', url: `/api/status/maintenance-windows/${id}` });
    expect([200, 204]).toContain(del.statusCode);
    expect((await t.inject(`/api/status/maintenance-windows/${id}`)).statusCode).toBe(404);
    expect((await t.inject({ method: 'DELETE', url: `/api/status/maintenance-windows/${id}` })).statusCode).toBe(404);
    const list = (await t.inject('/api/status/maintenance-windows')).json();
    expect((Array.isArray(list) ? list : list.data).map((w: any) => w.id)).not.toContain(id);
    expect((await anon('/api/status', '10.3.0.2')).json().data.upcomingMaintenance.map((m: any) => m.id)).not.toContain(id);
    const [row] = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM status_maintenance_windows WHERE id = $1', [id]);
    expect(row.n).toBe(0);
  });

  it('publishes known issues in Statuspage\'s vocabulary, with a timeline, and keeps resolved ones as history', async () => {
    const create = await t.inject({ method: 'POST', url: '/api/status/incidents', payload: { title: 'Slow <b>checkout</b>', status: 'investigating', impact: 'minor', componentStatus: 'degraded_performance', components: ['stripe'], message: 'Card payments are slow.' } });
    expect(create.statusCode, create.body).toBe(201);
    const id = create.json().id;
    let data = (await anon('/api/status', '10.2.2.2')).json().data;
    expect(data.knownIssues).toMatchObject([{ id, status: 'investigating', impact: 'minor', components: ['stripe'], updates: [{ status: 'investigating', message: 'Card payments are slow.' }] }]);
    expect(data.systemStatus).toBe('degraded');
    expect(data.components.find((c: any) => c.id === 'stripe').status).toBe('degraded_performance');

    const resolve = await t.inject({ method: 'PUT', url: `/api/status/incidents/${id}`, payload: { status: 'resolved', message: 'Fixed by the provider.' } });
    expect(resolve.statusCode, resolve.body).toBe(200);
    expect(resolve.json().resolvedAt).toBeTruthy();
    data = (await anon('/api/status', '10.2.2.3')).json().data;
    expect(data.knownIssues).toEqual([]);
    expect((await anon('/api/status/health', '10.2.2.3')).json().data.lastIncident).toMatchObject({ component: 'stripe', status: 'degraded_performance', message: 'Slow <b>checkout</b>' });
  });

  it('renders the public status page: 90-day uptime bar per component, incident history, escaped text', async () => {
    await t.kernel.services.jobs.runNow('health.rollup-hourly');
    const r = await anon('/api/status/page', '10.3.3.3');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    const html = r.body;
    expect(html).toContain('<title>Acme status</title>');
    expect(html).toContain('Database');
    expect(html.match(/aria-label="90-day uptime"/g)).toHaveLength(2);
    expect(html.match(/<rect /g)).toHaveLength(180);
    expect(html).toContain('Slow &lt;b&gt;checkout&lt;/b&gt;');
    expect(html).not.toContain('<b>checkout</b>');
    expect(html).toContain('Past incidents (90 days)');
    expect(html).not.toContain('<script');
  });

  it('serves the same public page at the stable address /status, without auth, cacheable, sharing its rate limit', async () => {
    const page = await anon('/api/status/page', '10.4.4.4');
    const r = await anon('/status', '10.4.4.4');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    expect(r.headers['cache-control']).toMatch(/^public, max-age=\d+/);
    expect(r.body).toBe(page.body);
    expect(r.body).toContain('<title>Acme status</title>');
    // One limit for both addresses: the page served at /status counts against /api/status/page's.
    expect(Number(r.headers['x-ratelimit-remaining'])).toBe(Number(page.headers['x-ratelimit-remaining']) - 1);
    // Only `/status` itself: the console's own pages below it (`/status/incidents`) are not the public page.
    expect((await anon('/status/incidents', '10.4.4.4')).statusCode).toBe(404);
  });

  it('keeps management behind permissions', async () => {
    const member = await t.signIn({ role: 'tenant_member', tenant: 'acme' });
    expect((await member.inject('/api/status/incidents')).statusCode).toBe(403);
    expect((await t.kernel.app.inject({ method: 'GET', url: '/api/status/incidents' })).statusCode).toBe(401);
    const ro = await t.signIn({ role: 'read_only' });
    expect((await ro.inject('/api/status/incidents')).statusCode).toBe(200);
    expect((await ro.inject({ method: 'POST', url: '/api/status/incidents', payload: { title: 'x', status: 'investigating', impact: 'none' } })).statusCode).toBe(403);
  });
});

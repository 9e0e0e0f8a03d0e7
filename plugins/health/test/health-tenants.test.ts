import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import type { TenantInfo } from '@platform/sdk';
import { createHealthPlugin } from '../src/index.ts';
import { scriptedMonitorPlugin } from '../testing/scripted-monitor.ts';

/** Per-tenant monitors: discovery from tenant settings, the matrix, and tenant isolation. */
describe('per-tenant health', () => {
  const health = createHealthPlugin({ autoStart: false });
  const shop = scriptedMonitorPlugin('shop', { scope: 'tenant', tier: 'core', name: 'Shop', requireShop: true });
  const ads = scriptedMonitorPlugin('ads', { scope: 'tenant', tier: 'integrations', name: 'Ads', pluginScope: 'tenant' });
  let t: TestKernel;
  let a: TenantInfo, b: TenantInfo, c: TenantInfo;
  let adminA: TestClient;

  const setTenantSettings = async (plugin: string, tenant: TenantInfo, values: Record<string, unknown>) => {
    const r = await t.inject({ method: 'PUT', url: `/api/plugins/${plugin}/settings`, headers: { 'x-tenant-id': tenant.id }, payload: values });
    expect(r.statusCode, r.body).toBe(200);
  };
  const runAll = () => t.inject({ method: 'POST', url: '/api/health/run', payload: {} });

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [health, shop.plugin, ads.plugin] });
    a = await t.tenant('alpha');
    b = await t.tenant('bravo');
    c = await t.tenant('charlie');
    await setTenantSettings('monitor-shop', a, { shop: 'alpha.myshopify.com', token: 'shpat_alpha_secret' });
    await setTenantSettings('monitor-shop', b, { shop: 'bravo.myshopify.com', token: 'shpat_bravo_secret' });
    // charlie has no shop: not configured. ads is a tenant-scoped plugin, switched off for bravo.
    expect((await t.inject({ method: 'PUT', url: `/api/plugins/monitor-ads/tenants/${b.id}`, payload: { enabled: false } })).statusCode).toBe(200);
    adminA = await t.signIn({ role: 'tenant_admin', tenant: 'alpha' });
    await health.runtime().directory.refresh();
  });
  afterAll(async () => t?.close());

  it('checks each configured tenant with its own decrypted settings', async () => {
    expect((await runAll()).statusCode).toBe(200);
    const tokens = Object.fromEntries(shop.calls.map((call) => [call.targetKey, call.token]));
    expect(tokens).toEqual({ [a.id]: 'shpat_alpha_secret', [b.id]: 'shpat_bravo_secret' });
    expect(new Set(ads.calls.map((call) => call.targetKey))).toEqual(new Set([a.id, c.id]));
    const stored = await t.sql<{ values: unknown }>(`SELECT values FROM kernel_plugin_settings WHERE plugin = 'monitor-shop'`).catch(() => []);
    expect(JSON.stringify(stored)).not.toContain('shpat_alpha_secret');
  });

  it('serves the matrix: tenants x monitors, paginated react-admin style', async () => {
    const r = await t.inject('/api/health/matrix?range=[0,1]');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-range']).toBe('matrix 0-1/3');
    const page = r.json();
    expect(page.monitors.map((m: any) => m.id)).toEqual(['shop', 'ads']);
    expect(page.rows.map((row: any) => row.tenant.slug)).toEqual(['alpha', 'bravo']);
    expect(page.rows[0].cells.shop).toMatchObject({ status: 'healthy', checked: true });
    expect(page.rows[1].cells.ads).toBeNull();
    const last = (await t.inject('/api/health/matrix?range=[2,2]')).json().rows[0];
    expect(last.tenant.slug).toBe('charlie');
    expect(last.cells.shop).toMatchObject({ status: 'unknown', checked: false, problem: 'not configured: setting "shop" is not set' });
    expect(last.cells.ads.status).toBe('healthy');
  });

  it('filters the matrix by status and by name', async () => {
    shop.set({ status: 'unhealthy', message: 'invalid token $TOKEN' }, b.id);
    for (let i = 0; i < 3; i++) await runAll();
    const bad = (await t.inject(`/api/health/matrix?filter=${encodeURIComponent('{"status":"unhealthy"}')}`)).json();
    expect(bad.total).toBe(1);
    expect(bad.rows[0].tenant.slug).toBe('bravo');
    expect(bad.rows[0].cells.shop.message).toBe('invalid token [redacted]');
    const byName = (await t.inject(`/api/health/matrix?filter=${encodeURIComponent('{"q":"char"}')}`)).json();
    expect(byName.rows.map((row: any) => row.tenant.slug)).toEqual(['charlie']);
  });

  it('tallies tenant monitors in the master status without letting one tenant cause an outage', async () => {
    const body = (await t.inject('/api/health/')).json();
    expect(body.tenantMonitors.find((m: any) => m.id === 'shop')).toMatchObject({ configured: 2, tally: { healthy: 1, unhealthy: 1, degraded: 0, unknown: 0 } });
    expect(body.status).not.toMatch(/outage/);
  });

  it('lets a tenant admin read their own tenant health', async () => {
    const r = await adminA.inject(`/api/health/tenants/${a.id}`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ tenant: { slug: 'alpha' }, status: 'healthy' });
    expect(r.json().monitors.map((m: any) => m.monitorId).sort()).toEqual(['ads', 'shop']);
    expect((await adminA.inject(`/api/health/history?monitorId=shop&targetKey=${a.id}`)).statusCode).toBe(200);
    expect((await adminA.inject(`/api/health/uptime?tenantId=${a.id}`)).statusCode).toBe(200);
  });

  it('does not let tenant A read tenant B\'s health (404, as if it did not exist)', async () => {
    for (const url of [`/api/health/tenants/${b.id}`, `/api/health/tenants/bravo`, `/api/health/history?monitorId=shop&targetKey=${b.id}`, `/api/health/uptime?tenantId=${b.id}`, `/api/health/uptime?monitorId=shop&targetKey=${b.id}`]) {
      const r = await adminA.inject(url);
      expect(r.statusCode, url).toBe(404);
      expect(r.body).not.toContain('bravo');
    }
    expect((await adminA.inject('/api/health/history?monitorId=shop&targetKey=platform')).statusCode).toBe(404);
    expect((await adminA.inject('/api/health/matrix')).statusCode).toBe(403);
    expect((await adminA.inject('/api/health/uptime')).statusCode).toBe(403);
  });

  it('lets staff read any tenant', async () => {
    const support = await t.signIn({ role: 'support' });
    expect((await support.inject(`/api/health/tenants/${b.id}`)).json().status).toBe('unhealthy');
  });
});

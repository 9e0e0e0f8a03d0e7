import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import logging, { LOGGING_RUNTIME, type LoggingRuntime } from '@platform/plugin-logging';
import { createLogFixture } from './support/log-fixture-plugin.ts';
import { getJson, logAs } from './support/logging-api.ts';
import { linesOf, openSse, type SseClient } from './support/sse-client.ts';

const bearer = (c: TestClient, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${c.token}`, ...extra });

/** Tenant A's admin never sees tenant B's lines: search, export, trace, error groups, live tail (on two instances). */
describe('tenant isolation', () => {
  const fx = createLogFixture();
  const fx2 = createLogFixture();
  let t: TestKernel;
  let t2: TestKernel;
  let a: TestClient;
  let b: TestClient;
  let bRequest: string;
  let url2: string;
  const streams: SseClient[] = [];

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [logging, fx.plugin] });
    // A second instance on the same database: the live tail must cross instances.
    t2 = await createTestKernel({ plugins: [logging, fx2.plugin], databaseUrl: t.databaseUrl! });
    url2 = await t2.kernel.listen();
    a = await t.signIn({ role: 'tenant_admin', tenant: 'acme' });
    b = await t.signIn({ role: 'tenant_admin', tenant: 'globex' });
    await logAs(a, [{ level: 'info', message: 'acme secret plan', action: 'plan.saved' }, { level: 'error', message: 'sync failed', error: { type: 'SyncError', message: 'sync 1 failed' } }]);
    bRequest = await logAs(b, [{ level: 'info', message: 'globex secret plan', action: 'plan.saved' }, { level: 'error', message: 'sync failed', error: { type: 'SyncError', message: 'sync 2 failed' } }]);
    await logAs(b, [{ level: 'error', message: 'only globex fails here', error: { type: 'GlobexOnlyError', message: 'nope' } }]);
    await fx.flush();
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await t2?.close();
    await t?.close();
  });

  it('search: only their own tenant, and asking for another tenant is refused', async () => {
    const items = (await getJson(a, '/api/logging/logs?limit=500')).items;
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((l: any) => l.tenantId))).toEqual(new Set([a.tenant!.id]));
    expect(items.some((l: any) => l.message.includes('globex'))).toBe(false);
    expect((await getJson(a, '/api/logging/logs?q=globex')).items).toEqual([]);
    const other = await a.inject(`/api/logging/logs?tenantId=${b.tenant!.id}`);
    expect(other.statusCode).toBe(403);
  });

  it('export: CSV and NDJSON hold only their own tenant', async () => {
    const csv = await a.inject('/api/logging/logs/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('acme secret plan');
    expect(csv.body).not.toContain('globex');
    expect(csv.body).not.toContain(b.tenant!.id);
    const nd = await a.inject('/api/logging/logs/export?format=ndjson');
    const lines = nd.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(new Set(lines.map((l) => l.tenantId))).toEqual(new Set([a.tenant!.id]));
    expect((await a.inject(`/api/logging/logs/export?tenantId=${b.tenant!.id}`)).statusCode).toBe(403);
  });

  it("trace: another tenant's request id shows nothing", async () => {
    expect((await getJson(a, `/api/logging/logs/trace/${bRequest}`)).items).toEqual([]);
    expect((await getJson(b, `/api/logging/logs/trace/${bRequest}`)).items.length).toBeGreaterThan(0);
  });

  it("error groups: only groups seen in their tenant, with their tenant's counts and no other tenant named", async () => {
    const groups = await getJson(a, '/api/logging/errors');
    expect(groups.map((g: any) => g.errorType)).toEqual(['SyncError']);
    expect(groups[0]).toMatchObject({ count: 1, affectedTenants: 1 });
    const all = await getJson(t.client, '/api/logging/errors');
    expect(all.find((g: any) => g.errorType === 'SyncError')).toMatchObject({ count: 2, affectedTenants: 2 });
    const globexOnly = all.find((g: any) => g.errorType === 'GlobexOnlyError');
    expect((await a.inject(`/api/logging/errors/${globexOnly.id}`)).statusCode).toBe(404);
    const detail = await getJson(a, `/api/logging/errors/${groups[0].id}`);
    expect(detail.tenants).toBeNull();
    expect(detail.samples.map((s: any) => s.tenantId)).toEqual([a.tenant!.id]);
  });

  it('staff with a tenant selected see that tenant; members without logging.read see nothing', async () => {
    const support = await t.signIn({ role: 'support', tenant: 'globex' });
    const items = (await getJson(support, '/api/logging/logs?limit=500')).items;
    expect(new Set(items.map((l: any) => l.tenantId))).toEqual(new Set([b.tenant!.id]));
    const member = await t.signIn({ role: 'tenant_member', tenant: 'acme' });
    expect((await member.inject('/api/logging/logs')).statusCode).toBe(403);
    expect((await member.inject('/api/logging/stream')).statusCode).toBe(403);
  });

  it('live tail, across instances: a tenant admin streams only their tenant, staff stream every tenant', async () => {
    const a2 = await t2.signIn({ role: 'tenant_admin', tenant: 'acme' });
    const refused = await openSse(url2, `/api/logging/stream?tenantId=${b.tenant!.id}`, bearer(a2));
    expect(refused.status).toBe(403);

    const tenantStream = await openSse(url2, '/api/logging/stream?service=shop', bearer(a2));
    const staffStream = await openSse(url2, '/api/logging/stream?service=shop&level=info,error', bearer(t2.client));
    streams.push(tenantStream, staffStream);
    expect(tenantStream.status).toBe(200);
    await tenantStream.next((e) => e.event === 'ready');

    // The instance that writes learns over LISTEN/NOTIFY that another instance has streams open.
    const relay = fx.context().resolve<LoggingRuntime>(LOGGING_RUNTIME).relay;
    const globexLine = { id: 'x', timestamp: new Date().toISOString(), level: 'info' as const, tenantId: b.tenant!.id, tenantSlug: 'globex', userId: null, requestId: null, service: 'shop', action: 'live', message: '', data: {}, error: null };
    for (let i = 0; i < 100 && !relay.wants(globexLine); i++) await new Promise((r) => setTimeout(r, 50));
    expect(relay.wants(globexLine)).toBe(true);

    await logAs(b, [{ level: 'info', message: 'globex live line', action: 'live' }]);
    await logAs(a, [{ level: 'info', message: 'acme live line', action: 'live' }]);
    await fx.flush();

    const staffSaw = async (msg: string) => staffStream.next((e) => e.event === 'logs' && e.data.lines.some((l: any) => l.message === msg));
    await staffSaw('globex live line');
    await staffSaw('acme live line');
    await tenantStream.next((e) => e.event === 'logs' && e.data.lines.some((l: any) => l.message === 'acme live line'));
    const seen = linesOf(tenantStream);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((l) => l.tenantId))).toEqual(new Set([a.tenant!.id]));
    expect(seen.some((l) => l.message.includes('globex'))).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import logging from '@platform/plugin-logging';
import { createDayStatements, dayOf, addDays } from '../src/storage/partition-plan.ts';
import { createLogFixture } from './support/log-fixture-plugin.ts';
import { getJson, logAs } from './support/logging-api.ts';

/** What gets stored and for how long: DEBUG windows, partitions ahead, retention per level. */
describe('storage policies', () => {
  const fx = createLogFixture();
  let t: TestKernel;
  let acme: TestClient;
  let globex: TestClient;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [logging, fx.plugin] });
    acme = await t.signIn({ role: 'tenant_admin', tenant: 'acme' });
    globex = await t.signIn({ role: 'tenant_admin', tenant: 'globex' });
  });
  afterAll(async () => t?.close());

  const debugLines = async (client: TestClient, marker: string) => {
    await fx.flush();
    return (await getJson(client, `/api/logging/logs?level=debug&q=${marker}`)).items;
  };

  it('stores DEBUG only while a window is open for the tenant or the service', async () => {
    await logAs(acme, [{ level: 'debug', message: 'probe alpha' }]);
    expect(await debugLines(acme, 'alpha')).toEqual([]);

    // A tenant admin's window is for their own tenant, whatever they ask.
    const opened = await acme.inject({ method: 'POST', url: '/api/logging/debug-windows', payload: { minutes: 5, tenantId: globex.tenant!.id } });
    expect(opened.statusCode).toBe(403);
    const own = await acme.inject({ method: 'POST', url: '/api/logging/debug-windows', payload: { minutes: 5, reason: 'checkout bug' } });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ tenantId: acme.tenant!.id, service: null });

    await logAs(acme, [{ level: 'debug', message: 'probe beta' }]);
    await logAs(globex, [{ level: 'debug', message: 'probe beta' }]);
    expect((await debugLines(acme, 'beta')).map((l: any) => l.tenantSlug)).toEqual(['acme']);
    expect(await debugLines(globex, 'beta')).toEqual([]);

    const closed = await acme.inject({ method: 'DELETE', url: `/api/logging/debug-windows/${own.json().id}` });
    expect(closed.statusCode).toBe(200);
    await logAs(acme, [{ level: 'debug', message: 'probe gamma' }]);
    expect(await debugLines(acme, 'gamma')).toEqual([]);
  });

  it('a staff window for a service covers every tenant, within the configured maximum', async () => {
    const tooLong = await t.inject({ method: 'POST', url: '/api/logging/debug-windows', payload: { service: 'shop', minutes: 100_000 } });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json()).toMatchObject({ field: 'minutes' });
    expect((await t.inject({ method: 'POST', url: '/api/logging/debug-windows', payload: { minutes: 5 } })).json()).toMatchObject({ field: 'tenantId' });
    const w = await t.inject({ method: 'POST', url: '/api/logging/debug-windows', payload: { service: 'shop', minutes: 5 } });
    expect(w.statusCode, w.body).toBe(201);
    await logAs(globex, [{ level: 'debug', message: 'probe delta' }]);
    expect((await debugLines(globex, 'delta')).map((l: any) => l.service)).toEqual(['shop']);
    expect((await getJson(acme, '/api/logging/debug-windows')).every((x: any) => x.tenantId === acme.tenant!.id)).toBe(true);
    expect((await getJson(t.client, '/api/logging/debug-windows')).map((x: any) => x.service)).toContain('shop');
  });

  const leaves = async () => (await t.sql<{ name: string }>("SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE c.relkind = 'r' AND c.relname LIKE 'platform_logs_p%' ORDER BY 1")).map((r) => r.name);
  const dayName = (daysAgo: number) => `platform_logs_p${addDays(dayOf(new Date()), daysAgo).toISOString().slice(0, 10).replace(/-/g, '')}`;

  it('creates day partitions ahead, each with a leaf per level', async () => {
    await t.kernel.services.jobs.runNow('logging.partitions');
    const names = await leaves();
    for (const ahead of [0, 1, 2, 3]) for (const level of ['debug', 'info', 'warn', 'error']) expect(names).toContain(`${dayName(ahead)}_${level}`);
  });

  it("drops each level's leaves once past its retention, and follows a changed retention at once", async () => {
    for (const daysAgo of [-40, -10]) for (const sql of createDayStatements(addDays(dayOf(new Date()), daysAgo))) await t.sql(sql);
    const at = (daysAgo: number) => new Date(addDays(dayOf(new Date()), daysAgo).getTime() + 3600_000);
    for (const [daysAgo, level] of [[-40, 'error'], [-10, 'debug'], [-10, 'info'], [-10, 'warn'], [-10, 'error']] as const)
      await t.sql(`INSERT INTO platform_logs (id, logged_at, level, service, action, message) VALUES (gen_random_uuid(), $1, $2, 'old', 'old', 'old line')`, [at(daysAgo), level]);
    await t.kernel.services.jobs.runNow('logging.partitions');
    let names = await leaves();
    expect(names.filter((n) => n.startsWith(dayName(-40)))).toEqual([]);
    expect(names.filter((n) => n.startsWith(dayName(-10))).sort()).toEqual([`${dayName(-10)}_error`, `${dayName(-10)}_warn`]);
    expect((await t.sql<{ level: string }>("SELECT level FROM platform_logs WHERE service = 'old' ORDER BY level")).map((r) => r.level)).toEqual(['error', 'warn']);

    const res = await t.inject({ method: 'PUT', url: '/api/logging/settings', payload: { retentionDays: { error: 30, warn: 7, info: 7, debug: 1 } } });
    expect(res.statusCode, res.body).toBe(200);
    names = await leaves();
    expect(names.filter((n) => n.startsWith(dayName(-10)))).toEqual([`${dayName(-10)}_error`]);
    const audit = await getJson(t.client, `/api/audit?filter=${encodeURIComponent(JSON.stringify({ action: 'logging.settings_changed' }))}`);
    expect(audit[0].after.retentionDays.warn).toBe(7);
  });

  it('trims DEBUG to its one day within the leaf that straddles the boundary', async () => {
    const stale = new Date(Date.now() - 25 * 3600_000);
    for (const sql of createDayStatements(dayOf(stale))) await t.sql(sql);
    await t.sql(`INSERT INTO platform_logs (id, logged_at, level, service, action, message) VALUES (gen_random_uuid(), $1, 'debug', 'trim', 'trim', 'stale debug')`, [stale]);
    expect(await t.sql("SELECT 1 FROM platform_logs WHERE service = 'trim'")).toHaveLength(1);
    await t.kernel.services.jobs.runNow('logging.partitions');
    expect(await t.sql("SELECT 1 FROM platform_logs WHERE service = 'trim'")).toEqual([]);
  });

  it('refuses retention outside 1..400 days, naming the field', async () => {
    const res = await t.inject({ method: 'PUT', url: '/api/logging/settings', payload: { retentionDays: { error: 0, warn: 14, info: 7, debug: 1 } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().field).toContain('retentionDays');
    const settings = await getJson(t.client, '/api/logging/settings');
    expect(settings.settings.retentionDays).toEqual({ error: 30, warn: 7, info: 7, debug: 1 });
    expect(settings.partitions.length).toBeGreaterThan(0);
    expect((await acme.inject('/api/logging/settings')).statusCode).toBe(403);
  });
});

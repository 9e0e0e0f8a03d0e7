import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import logging from '@platform/plugin-logging';
import { createLogFixture } from './support/log-fixture-plugin.ts';
import { getJson, logAs } from './support/logging-api.ts';

/** Error groups, regressions and the metrics alerts use. */
describe('error groups', () => {
  const fx = createLogFixture();
  let t: TestKernel;
  let acme: TestClient;
  let globex: TestClient;
  const events: { name: string; payload: any }[] = [];

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [logging, fx.plugin] });
    acme = await t.signIn({ role: 'tenant_admin', tenant: 'acme' });
    globex = await t.signIn({ role: 'tenant_admin', tenant: 'globex' });
    fx.context().events.on('logging.*', (payload, meta) => void events.push({ name: meta.name, payload }));
  });
  afterAll(async () => t?.close());

  const fail = (client: TestClient, message: string, type = 'StockError') => logAs(client, [{ level: 'error', message: 'reservation failed', action: 'stock.reserve', error: { type, message } }]);
  const groupOf = async (type: string) => {
    await fx.flush();
    const list = await getJson(t.client, '/api/logging/errors?sort=["lastSeen","DESC"]&range=[0,49]');
    return list.find((g: any) => g.errorType === type);
  };

  it('groups the same error across ids, tenants and users, and announces a new group once', async () => {
    await fail(acme, 'sku 1001 out of stock in warehouse "north"');
    await fail(acme, 'sku 2002 out of stock in warehouse "south"');
    await fail(globex, 'sku 3003 out of stock in warehouse "east"');
    const g = await groupOf('StockError');
    expect(g).toMatchObject({
      count: 3, affectedTenants: 2, affectedUsers: 2, status: 'unresolved', regression: false, service: 'shop',
      normalizedMessage: 'sku <n> out of stock in warehouse <str>', message: 'sku 3003 out of stock in warehouse "east"',
    });
    expect(g.sparkline).toHaveLength(24);
    expect(g.sparkline[23]).toBe(3);
    const created = events.filter((e) => e.name === 'logging.error_group_created' && e.payload.errorType === 'StockError');
    expect(created).toHaveLength(1);
    expect(created[0].payload).toMatchObject({ fingerprint: g.fingerprint, service: 'shop' });
  });

  it('shows a group with its trend, affected tenants and latest samples', async () => {
    const g = await groupOf('StockError');
    const detail = await getJson(t.client, `/api/logging/errors/${g.id}`);
    expect(detail.trend.buckets).toHaveLength(24 * 7);
    expect(detail.trend.buckets.at(-1).count).toBe(3);
    expect(detail.tenants.map((x: any) => x.tenantId).sort()).toEqual([acme.tenant!.id, globex.tenant!.id].sort());
    expect(detail.samples).toHaveLength(3);
    expect(detail.samples[0]).toMatchObject({ level: 'error', fingerprint: g.fingerprint, error: { type: 'StockError' } });
    const daily = await getJson(t.client, `/api/logging/errors/${g.id}?bucket=day`);
    expect(daily.trend.buckets).toHaveLength(30);
  });

  it('flags a resolved group that comes back as a regression, and reopens it', async () => {
    const g = await groupOf('StockError');
    const resolved = await t.inject({ method: 'PUT', url: `/api/logging/errors/${g.id}`, payload: { status: 'resolved', reason: 'restocked' } });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'resolved', regression: false, resolvedAt: expect.any(String) });
    expect((await getJson(t.client, `/api/logging/errors?filter=${encodeURIComponent('{"status":"resolved"}')}`)).map((x: any) => x.id)).toContain(g.id);

    await fail(acme, 'sku 4004 out of stock in warehouse "west"');
    const back = await groupOf('StockError');
    expect(back).toMatchObject({ status: 'unresolved', regression: true, count: 4, regressedAt: expect.any(String) });
    expect(events.filter((e) => e.name === 'logging.error_group_regressed' && e.payload.fingerprint === g.id)).toHaveLength(1);

    const audit = await getJson(t.client, `/api/audit?filter=${encodeURIComponent(JSON.stringify({ targetId: g.id }))}`);
    expect(audit[0]).toMatchObject({ action: 'logging.error_group_status', reason: 'restocked' });
  });

  it('keeps an ignored group ignored, and only staff may change a status', async () => {
    await fail(acme, 'queue 7 is slow', 'QueueWarning');
    const g = await groupOf('QueueWarning');
    expect((await acme.inject({ method: 'PUT', url: `/api/logging/errors/${g.id}`, payload: { status: 'ignored' } })).statusCode).toBe(403);
    expect((await t.inject({ method: 'PUT', url: `/api/logging/errors/${g.id}`, payload: { status: 'ignored' } })).statusCode).toBe(200);
    await fail(acme, 'queue 8 is slow', 'QueueWarning');
    expect(await groupOf('QueueWarning')).toMatchObject({ status: 'ignored', regression: false, count: 2 });
    const bad = await t.inject({ method: 'PUT', url: `/api/logging/errors/${g.id}`, payload: { status: 'fixed' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'status' });
  });

  it('exposes new groups, regressions and group rates as metrics, in JSON and Prometheus text', async () => {
    await fx.flush();
    const json = await getJson(t.client, '/api/logging/metrics');
    expect(json.counters.errorGroupsCreated).toBeGreaterThanOrEqual(2);
    expect(json.counters.errorGroupRegressions).toBe(1);
    expect(json.groupRates.find((r: any) => r.errorType === 'StockError')).toMatchObject({ lastFiveMinutes: 4, perMinute: 0.8 });
    expect(json.pipeline.dropped).toEqual({ debug: 0, info: 0, warn: 0, error: 0 });
    const text = await t.inject('/api/logging/metrics?format=prometheus');
    expect(text.headers['content-type']).toContain('text/plain');
    expect(text.body).toMatch(/platform_logging_error_group_regressions_total\{instance="[^"]+"\} 1/);
    expect(text.body).toMatch(/platform_logging_error_group_lines_5m\{instance="[^"]+",fingerprint="[0-9a-f]{32}",type="StockError",status="unresolved"\} 4/);
    expect((await acme.inject('/api/logging/metrics')).statusCode).toBe(403);

    events.length = 0;
    await t.kernel.services.jobs.runNow('logging.error-rates');
    expect(events.find((e) => e.name === 'logging.error_group_rate' && e.payload.errorType === 'StockError')?.payload).toMatchObject({ lastFiveMinutes: 4, perMinute: 0.8 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plans from '@platform/plugin-plans';
import metrics from '@platform/plugin-metrics';
import { definePlugin, type TenantInfo } from '@platform/sdk';
import { KPIS, defineKpi, kpiPeriodOf } from '@platform/sdk/customer-health';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { createCustomerSuccessPlugin } from '../src/index.ts';

const tenantIds: Record<string, string> = {};
/** A plugin contributing a KPI (GMV per tenant), and one whose KPI always throws. */
const shop = definePlugin({
  name: 'kpi-shop',
  version: '0.1.0',
  kernel: '^0.1.0',
  register(ctx) {
    ctx.extensions.contribute(KPIS, defineKpi({
      id: 'gmv', label: 'GMV', unit: 'minor-units', aggregate: 'sum',
      async measure(period) { return { byTenant: tenantIds.a ? { [tenantIds.a]: period.month.endsWith('1') ? 1 : 700, [tenantIds.b]: 300 } : {} }; },
    }));
    ctx.extensions.contribute(KPIS, defineKpi({ id: 'broken', label: 'Broken', unit: 'count', aggregate: 'sum', async measure() { throw new Error('warehouse offline'); } }));
  },
});

describe('cross-tenant KPIs on a real kernel', () => {
  let t: TestKernel;
  let a: TenantInfo;
  let b: TenantInfo;
  let adminA: TestClient;
  let readOnly: TestClient;
  const now = new Date();
  const current = kpiPeriodOf(now);
  const previous = kpiPeriodOf(now, -1);
  const at = (p: { from: Date }, minutes = 1) => new Date(p.from.getTime() + minutes * 60_000);

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [plans, metrics, shop, createCustomerSuccessPlugin({ clock: () => new Date(Date.now()) })] });
    a = await t.tenant('tenant-a');
    b = await t.tenant('tenant-b');
    tenantIds.a = a.id;
    tenantIds.b = b.id;
    [adminA, readOnly] = await Promise.all([t.signIn({ role: 'tenant_admin', tenant: 'tenant-a' }), t.signIn({ role: 'read_only' })]);
    const usage = (tenant: string, meter: string, q: number, when: Date) =>
      t.sql(`INSERT INTO plans_usage_records (id, tenant_id, meter, quantity, at, idempotency_key) VALUES (gen_random_uuid(), $1, $2, $3, $4, gen_random_uuid()::text)`, [tenant, meter, q, when]);
    await usage(a.id, 'api_calls', 100, at(current));
    await usage(a.id, 'api_calls', 40, at(previous));
    await usage(b.id, 'sms', 10, at(previous, 5));
    // Tenant B's API key was active last month (the audit trail keeps the history).
    await t.sql(`INSERT INTO audit (at, actor_type, actor_id, tenant_id, action) VALUES ($1, 'api_key', 'key-b', $2, 'records.created')`, [at(previous, 10), b.id]);
    await t.sql(
      `INSERT INTO system_metrics_hourly (hour, metric_name, kind, tenant_id, dimensions, count, sum) VALUES
         (date_trunc('hour', $1::timestamptz), 'api_requests_total', 'counter', $2, '{"status_class":"2xx"}', 90, 90),
         (date_trunc('hour', $1::timestamptz), 'api_requests_total', 'counter', $2, '{"status_class":"5xx"}', 10, 10),
         (date_trunc('hour', $1::timestamptz), 'api_request_duration_ms', 'histogram', $2, '{}', 100, 12000)`,
      [at(current), a.id],
    );
  }, 120_000);
  afterAll(async () => t?.close());

  const get = async (url: string, client: { inject: TestKernel['inject'] } = t) => {
    const res = await client.inject(url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('stores a snapshot per KPI and month, backfilled, with a failing KPI reported', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/customer-success/kpis/snapshot', payload: { months: 2 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().months).toEqual([previous.month, current.month]);
    const kpis = await get('/api/customer-success/kpis');
    expect(kpis.map((k: any) => k.id)).toEqual(expect.arrayContaining(['active-tenants', 'mau', 'usage', 'plan-mix', 'error-rate', 'latency', 'gmv', 'broken']));
    const byId = Object.fromEntries(kpis.map((k: any) => [k.id, k]));
    expect(byId.usage.trend).toHaveLength(12);
    expect(byId.usage.trend.slice(-2)).toEqual([{ month: previous.month, total: 50 }, { month: current.month, total: 100 }]);
    expect(byId.usage.changePct).toBe(100);
    expect(byId.usage.breakdown).toEqual({ api_calls: 100 });
    expect(byId['error-rate'].total).toBeCloseTo(10);
    expect(byId.latency.total).toBeCloseTo(120);
    expect(byId.broken).toMatchObject({ total: null, error: 'warehouse offline' });
    expect(byId.gmv.total).toBe(current.month.endsWith('1') ? 301 : 1000);
    // The tenant admin signed in this month: tenant A is active with at least one user.
    expect(byId.mau.total).toBeGreaterThanOrEqual(1);
    expect(byId['active-tenants'].trend.slice(-2).map((p: any) => p.total)).toEqual([1, expect.any(Number)]);
  });

  it('drills down into the tenants of a month, largest first, with their names for the 360 link', async () => {
    const usage = await get(`/api/customer-success/kpis/usage?month=${previous.month}`);
    expect(usage.tenants).toEqual([
      { tenantId: a.id, tenantName: a.name, tenantSlug: 'tenant-a', value: 40 },
      { tenantId: b.id, tenantName: b.name, tenantSlug: 'tenant-b', value: 10 },
    ]);
    expect(usage.breakdown).toEqual({ api_calls: 40, sms: 10 });
    const mau = await get(`/api/customer-success/kpis/mau?month=${previous.month}`);
    expect(mau.tenants).toEqual([expect.objectContaining({ tenantId: b.id, value: 1 })]);
    const errors = await get('/api/customer-success/kpis/error-rate');
    expect(errors.tenants[0]).toMatchObject({ tenantId: a.id });
    expect(errors.tenants[0].value).toBeCloseTo(10);
    const mine = await get(`/api/customer-success/kpis/tenant/${a.id}`);
    const usageOfA = mine.kpis.find((k: any) => k.id === 'usage');
    expect(usageOfA.trend.slice(-2)).toEqual([{ month: previous.month, value: 40 }, { month: current.month, value: 100 }]);
  });

  it('is refreshed by the nightly job for this month and the last', async () => {
    await t.sql(`DELETE FROM customer_success_kpi_snapshots`);
    await t.kernel.services.jobs.runNow('customer-success.kpi-snapshots');
    const rows = await t.sql<{ month: string }>(`SELECT DISTINCT to_char(month, 'YYYY-MM') AS month FROM customer_success_kpi_snapshots ORDER BY 1`);
    expect(rows.map((r) => r.month)).toEqual([previous.month, current.month]);
  });

  it('is staff only: a tenant user reads no KPI, not even its own tenant\'s', async () => {
    for (const url of ['/api/customer-success/kpis', '/api/customer-success/kpis/usage', `/api/customer-success/kpis/tenant/${a.id}`, `/api/customer-success/kpis/tenant/${b.id}`]) {
      const res = await adminA.inject(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.body).not.toContain(b.id);
    }
    const snap = await adminA.inject({ method: 'POST', url: '/api/customer-success/kpis/snapshot', payload: {} });
    expect(snap.statusCode).toBe(403);
    // Read-only staff read but do not snapshot.
    expect((await readOnly.inject('/api/customer-success/kpis')).statusCode).toBe(200);
    expect((await readOnly.inject({ method: 'POST', url: '/api/customer-success/kpis/snapshot', payload: {} })).statusCode).toBe(403);
  });

  it('refuses bad input with 4xx naming the field', async () => {
    const cases: [string, string][] = [
      ['/api/customer-success/kpis/usage?month=2026-13', 'month'],
      ['/api/customer-success/kpis/usage?month=2026-01%00', 'month'],
      ['/api/customer-success/kpis?months=0', 'months'],
      ['/api/customer-success/kpis?months=abc', 'months'],
      ['/api/customer-success/kpis/NOPE', 'kpiId'],
      ['/api/customer-success/kpis/tenant/not-a-uuid', 'tenantId'],
    ];
    for (const [url, field] of cases) {
      const res = await t.inject(url);
      expect(res.statusCode, url).toBe(400);
      expect(JSON.stringify(res.json()), url).toContain(field);
    }
    const unknown = await t.inject('/api/customer-success/kpis/nope');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().field).toBe('kpiId');
    const snap = await t.inject({ method: 'POST', url: '/api/customer-success/kpis/snapshot', payload: { months: 'twelve' } });
    expect(snap.statusCode).toBe(400);
    expect(JSON.stringify(snap.json())).toContain('months');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import plans from '@platform/plugin-plans';
import type { TenantInfo } from '@platform/sdk';
import { kpiPeriodOf } from '@platform/sdk/customer-health';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { createCustomerSuccessPlugin } from '../src/index.ts';

const DAY = 86_400_000;

describe('recommendations on a real kernel', () => {
  let t: TestKernel;
  let a: TenantInfo;
  let b: TenantInfo;
  let c: TenantInfo;
  let memberA: TestClient;
  // A minute ahead: the default plan assigned while the tenants are created below is in force at `now`.
  const now = new Date(Date.now() + 60_000);

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [plans, createCustomerSuccessPlugin({ clock: () => new Date(now.getTime()) })] });
    const plan = await t.inject({
      method: 'POST',
      url: '/api/plans/plans',
      payload: { key: 'basic', name: 'Basic', priceAmount: 3000, currency: 'USD', interval: 'monthly', quotas: { 'sms.monthly': 100, 'email.monthly': 500, 'api_calls.monthly': 1000 }, isDefault: true },
    });
    expect(plan.statusCode, plan.body).toBe(201);
    // New tenants get the default plan.
    [a, b, c] = [await t.tenant('tenant-a'), await t.tenant('tenant-b'), await t.tenant('tenant-c')];
    memberA = await t.signIn({ role: 'tenant_member', tenant: 'tenant-a' });
    const usage = (tenant: string, meter: string, q: number, daysAgo: number) =>
      t.sql(`INSERT INTO plans_usage_records (id, tenant_id, meter, quantity, at, idempotency_key) VALUES (gen_random_uuid(), $1, $2, $3, $4, gen_random_uuid()::text)`, [tenant, meter, q, new Date(now.getTime() - daysAgo * DAY)]);
    // A: SMS near its quota, no email at all, API calls fell from ~100 a week to 10.
    await usage(a.id, 'sms.monthly', 90, 3);
    await usage(a.id, 'api_calls.monthly', 400, 20);
    await usage(a.id, 'api_calls.monthly', 10, 2);
    // B and C use every meter moderately and steadily.
    for (const tenant of [b.id, c.id]) for (const meter of ['sms.monthly', 'email.monthly', 'api_calls.monthly']) await usage(tenant, meter, 5, 3);
    // B's API error rate: ~0.6% in the months before, 5% this month (the KPI snapshots hold it).
    const month = (o: number) => `${kpiPeriodOf(now, o).month}-01`;
    for (const [o, pct] of [[0, 5], [-1, 0.5], [-2, 0.7]] as const) {
      await t.sql(`INSERT INTO customer_success_kpi_snapshots (kpi_id, month, total, by_tenant, computed_at) VALUES ('error-rate', $1::date, $2, $3::jsonb, now())`, [month(o), pct, JSON.stringify({ [b.id]: pct, [c.id]: 0.2 })]);
    }
  }, 120_000);
  afterAll(async () => t?.close());

  const list = async (query = '') => {
    const res = await t.inject(`/api/customer-success/recommendations${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('recommends from each heuristic with its reasons, warnings first, and nothing for a steady tenant', async () => {
    const recs = await list();
    const of = (tenant: TenantInfo) => recs.filter((r: any) => r.tenantId === tenant.id).map((r: any) => r.kind).sort();
    expect(of(a)).toEqual(['unused-entitlement', 'upgrade', 'usage-drop']);
    expect(of(b)).toEqual(['error-spike']);
    expect(of(c)).toEqual([]);
    expect(recs[0].severity).toBe('warning');
    const upgrade = recs.find((r: any) => r.tenantId === a.id && r.kind === 'upgrade');
    expect(upgrade).toMatchObject({ tenantName: a.name, evidence: { used: 90, quota: 100, percent: 90 } });
    expect(upgrade.reasons[0]).toBe('90 messages of SMS per month used in the last 30 days against a quota of 100 (90%)');
    const unused = recs.find((r: any) => r.tenantId === a.id && r.kind === 'unused-entitlement');
    expect(unused.title).toBe('Help them start using Emails per month');
    const spike = recs.find((r: any) => r.tenantId === b.id);
    expect(spike.reasons[0]).toContain('5.00% of their API requests failed this month against 0.60%');
  });

  it('filters by kind and by tenant', async () => {
    expect((await list('?kind=upgrade')).map((r: any) => r.tenantId)).toEqual([a.id]);
    expect((await list(`?tenantId=${b.id}`)).map((r: any) => r.kind)).toEqual(['error-spike']);
  });

  it('is staff only: a tenant user gets 403, never another tenant\'s recommendations', async () => {
    for (const url of ['/api/customer-success/recommendations', `/api/customer-success/recommendations?tenantId=${b.id}`, `/api/customer-success/recommendations?tenantId=${a.id}`]) {
      const res = await memberA.inject(url);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain(b.id);
    }
  });

  it('refuses bad input with 400 naming the field', async () => {
    for (const [url, field] of [
      ['?kind=telepathy', 'kind'],
      ['?tenantId=nope', 'tenantId'],
      ['?tenantId=%00', 'tenantId'],
      ['?limit=0', 'limit'],
    ]) {
      const res = await t.inject(`/api/customer-success/recommendations${url}`);
      expect(res.statusCode, url).toBe(400);
      expect(JSON.stringify(res.json()), url).toContain(field);
    }
  });
});

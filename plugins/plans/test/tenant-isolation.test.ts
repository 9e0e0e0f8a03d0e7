import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { resolved, shopFixture } from './support/shop-fixture-plugin.ts';
import { createPlan, inTenant } from './support/plans-api.ts';

describe('cross-tenant isolation of plans and usage', () => {
  let t: TestKernel;
  let a: TestClient;
  let b: TestClient;
  let pro: any;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [plans, shopFixture] });
    await createPlan(t, { key: 'basic', quotas: { 'sms.monthly': 100, stores: 1 }, isDefault: true });
    pro = await createPlan(t, { key: 'pro', priceAmount: 9900, quotas: { 'sms.monthly': 1000, stores: 5 } });
    a = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-a' });
    b = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-b' });
    await t.kernel.services.events.drain();
    await resolved.usage!.record(a.tenant!.id, 'sms.monthly', 42, { idempotencyKey: 'same-key' });
    await resolved.usage!.record(b.tenant!.id, 'sms.monthly', 7, { idempotencyKey: 'same-key' }); // keys are per tenant
    await inTenant(t, a.tenant!.id, { method: 'POST', url: '/api/plans/change', payload: { planId: pro.id, reason: 'A upgraded' } });
  });
  afterAll(async () => t?.close());

  it("each tenant sees only its own usage, plan and history", async () => {
    const usageA = (await a.inject('/api/plans/usage')).json();
    const usageB = (await b.inject('/api/plans/usage')).json();
    expect(usageA.find((r: any) => r.meter === 'sms.monthly')).toMatchObject({ used: 42, limit: 1000 });
    expect(usageB.find((r: any) => r.meter === 'sms.monthly')).toMatchObject({ used: 7, limit: 100 });
    expect((await a.inject('/api/plans/current')).json().plan.key).toBe('pro');
    expect((await b.inject('/api/plans/current')).json().plan.key).toBe('basic');
    const historyB = (await b.inject('/api/plans/history')).json();
    expect(historyB).toHaveLength(1);
    expect(historyB.every((h: any) => h.tenantId === b.tenant!.id)).toBe(true);
    const series = (await b.inject('/api/plans/usage/series?meter=sms.monthly')).json();
    expect(series.reduce((s: number, p: any) => s + p.quantity, 0)).toBe(7);
  });

  it("tenant A cannot read B's plan or usage by naming B's tenant", async () => {
    for (const url of ['/api/plans/current', '/api/plans/history', '/api/plans/usage', '/api/plans/usage/series?meter=sms.monthly']) {
      const res = await a.inject({ method: 'GET', url, headers: { 'x-tenant-id': b.tenant!.id } });
      expect(res.statusCode, url).toBe(403);
      expect(res.json().code).toBe('tenant_mismatch');
    }
  });

  it("tenant A cannot change plans (its own or B's), plans, governance, or list other tenants near their limits", async () => {
    const ownChange = await a.inject({ method: 'POST', url: '/api/plans/change', payload: { planId: pro.id, reason: 'self-service' } });
    expect(ownChange.statusCode).toBe(403);
    const otherChange = await a.inject({ method: 'POST', url: '/api/plans/change', headers: { 'x-tenant-id': b.tenant!.id }, payload: { planId: pro.id, reason: 'hijack' } });
    expect(otherChange.statusCode).toBe(403);
    expect((await a.inject({ method: 'POST', url: '/api/plans/plans', payload: { key: 'free-for-me', name: 'x', priceAmount: 0, currency: 'USD', interval: 'monthly' } })).statusCode).toBe(403);
    expect((await a.inject({ method: 'PUT', url: '/api/plans/governance', payload: { maxTrialTenants: 0 } })).statusCode).toBe(403);
    expect((await a.inject('/api/plans/near-limits')).statusCode).toBe(403);
    expect((await a.inject({ method: 'POST', url: '/api/plans/usage', payload: { meter: 'sms.monthly', quantity: -5 } })).statusCode).toBe(403);
    expect((await b.inject('/api/plans/current')).json().plan.key).toBe('basic');
  });

  it('staff see one tenant at a time, and everything only at platform level with cross-tenant permission', async () => {
    const support = await t.signIn({ role: 'support' });
    const usageB = (await inTenant(support, b.tenant!.id, { url: '/api/plans/usage' })).json();
    expect(usageB.find((r: any) => r.meter === 'sms.monthly').used).toBe(7);
    expect((await support.inject('/api/plans/usage')).json().code).toBe('tenant_required');
    expect((await inTenant(support, b.tenant!.id, { method: 'POST', url: '/api/plans/change', payload: { planId: pro.id, reason: 'support cannot' } })).statusCode).toBe(403);
  });

  it('the usage service keeps idempotency keys per tenant', async () => {
    const rows = await t.sql<{ tenant_id: string; quantity: number }>("SELECT tenant_id::text, quantity FROM plans_usage_records WHERE idempotency_key = 'same-key' ORDER BY quantity");
    expect(rows.map((r) => [r.tenant_id, r.quantity])).toEqual([[b.tenant!.id, 7], [a.tenant!.id, 42]]);
  });
});

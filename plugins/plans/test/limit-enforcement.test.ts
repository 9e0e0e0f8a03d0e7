import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { resolved, shopFixture } from './support/shop-fixture-plugin.ts';
import { createPlan, inTenant } from './support/plans-api.ts';

/** A real route of another plugin, guarded with `requireEntitlement`, against the real plans plugin. */
describe('limit enforcement through a fixture plugin route', () => {
  let t: TestKernel;
  let basic: any;
  let pro: any;
  let shop: TestClient;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [plans, shopFixture] });
    basic = await createPlan(t, { key: 'basic', name: 'Basic', priceAmount: 1000, quotas: { stores: 2 }, isDefault: true });
    pro = await createPlan(t, { key: 'pro', name: 'Pro', priceAmount: 5000, quotas: { stores: 10, 'sms.monthly': 1000 }, features: ['pos'] });
    shop = await t.signIn({ role: 'tenant_admin', tenant: 'shop' });
    await t.kernel.services.events.drain(); // tenant.created → default plan
  });
  afterAll(async () => t?.close());

  const openStore = () => shop.inject({ method: 'POST', url: '/api/shop-fixture/stores' });

  it('allows up to the quota, then answers 402 limit_exceeded with an upgrade hint', async () => {
    expect((await openStore()).statusCode).toBe(201);
    expect((await openStore()).statusCode).toBe(201);
    const refused = await openStore();
    expect(refused.statusCode).toBe(402);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const body = refused.json();
    expect(body).toMatchObject({ code: 'limit_exceeded', status: 402, meter: 'stores', limit: 2, used: 2, requested: 1, remaining: 0, plan: { key: 'basic' } });
    expect(body.upgrade.plan).toMatchObject({ key: 'pro', name: 'Pro' });
    expect(body.upgrade.message).toMatch(/Pro/);
    expect(body.detail).toMatch(/stores/);
  });

  it('allows it again right after a plan change, without a restart', async () => {
    const changed = await inTenant(t, shop.tenant!.id, { method: 'POST', url: '/api/plans/change', payload: { planId: pro.id, reason: 'Customer upgraded' } });
    expect(changed.statusCode, changed.body).toBe(201);
    const res = await openStore();
    expect(res.statusCode, res.body).toBe(201);
  });

  it('an edited quota applies to the very next check (no stale cache)', async () => {
    const edited = await t.inject({ method: 'PUT', url: `/api/plans/plans/${pro.id}`, payload: { quotas: { stores: 3, 'sms.monthly': 1000 } } });
    expect(edited.statusCode, edited.body).toBe(200);
    const refused = await openStore();
    expect(refused.statusCode).toBe(402);
    expect(refused.json()).toMatchObject({ limit: 3, used: 3 });
    // soft limit: allowed beyond the quota, reported as such
    await t.inject({ method: 'PUT', url: `/api/plans/plans/${pro.id}`, payload: { limitTypes: { stores: 'soft' } } });
    expect((await openStore()).statusCode).toBe(201);
    const decision = await resolved.entitlements!.check(shop.tenant!.id, 'stores', 1);
    expect(decision).toMatchObject({ allowed: true, reason: 'over_soft_limit', limit: 3, used: 4, remaining: 0, limitType: 'soft' });
  });

  it('gates features the same way', async () => {
    expect((await shop.inject({ method: 'POST', url: '/api/shop-fixture/pos/open' })).statusCode).toBe(200); // pro has pos
    const other = await t.signIn({ role: 'tenant_admin', tenant: 'other-shop' });
    await t.kernel.services.events.drain();
    const refused = await other.inject({ method: 'POST', url: '/api/shop-fixture/pos/open' });
    expect(refused.statusCode).toBe(402);
    expect(refused.json()).toMatchObject({ code: 'limit_exceeded', kind: 'feature', meter: 'pos', upgrade: { plan: { key: 'pro' } } });
  });

  it('entitlements.check reports remaining, unlimited meters and the contributed meter', async () => {
    const tenantId = shop.tenant!.id;
    await t.inject({ method: 'PUT', url: `/api/plans/plans/${pro.id}`, payload: { quotas: { stores: 3, 'sms.monthly': 1000, 'shop.orders.monthly': 50 }, limitTypes: {} } });
    await resolved.usage!.record(tenantId, 'sms.monthly', 120);
    expect(await resolved.entitlements!.check(tenantId, 'sms.monthly', 10)).toMatchObject({ allowed: true, kind: 'meter', limit: 1000, used: 120, remaining: 880, reason: 'within_limit', upgrade: null });
    expect(await resolved.entitlements!.check(tenantId, 'seats', 1000)).toMatchObject({ allowed: true, reason: 'unlimited', limit: null, remaining: null });
    await resolved.usage!.record(tenantId, 'shop.orders.monthly', 50);
    expect(await resolved.entitlements!.check(tenantId, 'shop.orders.monthly', 1)).toMatchObject({ allowed: false, reason: 'limit_exceeded', upgrade: { plan: null } });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { resolved, shopFixture } from './support/shop-fixture-plugin.ts';
import { createPlan, inTenant, outboxEvents } from './support/plans-api.ts';

/** The same flows on the embedded database (PGlite: one session, so locks and triggers must go through it). */
describe('plans on the embedded database', () => {
  let t: TestKernel;
  let shop: TestClient;
  let pro: any;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [plans, shopFixture], database: 'embedded' });
    await createPlan(t, { key: 'basic', quotas: { stores: 1, 'sms.monthly': 5 }, trialDays: 7, isDefault: true });
    pro = await createPlan(t, { key: 'pro', priceAmount: 100, quotas: { stores: 3 } });
    shop = await t.signIn({ role: 'tenant_admin', tenant: 'pglite' });
    await t.kernel.services.events.drain();
  }, 120_000);
  afterAll(async () => t?.close());

  it('enforces limits, changes plans, counts concurrent duplicates once, ends trials', async () => {
    expect((await shop.inject({ method: 'POST', url: '/api/shop-fixture/stores' })).statusCode).toBe(201);
    expect((await shop.inject({ method: 'POST', url: '/api/shop-fixture/stores' })).statusCode).toBe(402);
    const changed = await inTenant(t, shop.tenant!.id, { method: 'POST', url: '/api/plans/change', payload: { planId: pro.id, reason: 'upgrade' } });
    expect(changed.statusCode, changed.body).toBe(201);
    expect((await shop.inject({ method: 'POST', url: '/api/shop-fixture/stores' })).statusCode).toBe(201);

    const results = await Promise.all(Array.from({ length: 50 }, () => resolved.usage!.record(shop.tenant!.id, 'sms.monthly', 1, { idempotencyKey: 'one' })));
    expect(results.filter((r) => r.recorded)).toHaveLength(1);

    await t.sql("UPDATE plans_assignments SET trial_ends_at = now() - interval '1 second' WHERE tenant_id = $1 AND effective_to IS NULL", [shop.tenant!.id]);
    await t.kernel.services.jobs.runNow('plans.end-trials');
    expect((await outboxEvents(t, 'plan.trial_ended')).map((e) => e.planKey)).toEqual(['pro']);

    const summary = (await shop.inject('/api/plans/usage')).json();
    expect(summary.find((r: any) => r.meter === 'stores')).toMatchObject({ used: 2, limit: 3 });
    expect((await t.inject('/api/plans/near-limits?minPercent=60')).json().map((r: any) => r.meter)).toEqual(['stores']);
  });
});

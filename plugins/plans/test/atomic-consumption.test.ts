import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { resolved, shopFixture } from './support/shop-fixture-plugin.ts';
import { createPlan } from './support/plans-api.ts';

/**
 * `usage.consume` checks and records under the tenant's meter lock: requests racing at the limit can
 * never both pass a hard limit, which check-then-record (`requireEntitlement` + `record`) cannot promise.
 */
describe('usage.consume: check and record in one step', () => {
  let t: TestKernel;
  let shop: TestClient;
  let other: TestClient;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [plans, shopFixture] });
    await createPlan(t, { key: 'small', name: 'Small', priceAmount: 1000, quotas: { stores: 5, 'sms.monthly': 3 }, isDefault: true });
    shop = await t.signIn({ role: 'tenant_admin', tenant: 'atomic-shop' });
    other = await t.signIn({ role: 'tenant_admin', tenant: 'atomic-other' });
    await t.kernel.services.events.drain(); // tenant.created → default plan
  });
  afterAll(async () => t?.close());

  it('lets exactly the quota through when 30 requests race for 5 stores', async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, () => shop.inject({ method: 'POST', url: '/api/shop-fixture/stores/atomic' })));
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(5);
    expect(codes.filter((c) => c === 402)).toHaveLength(25);
    expect(answers.find((a) => a.statusCode === 402)!.json()).toMatchObject({ code: 'limit_exceeded', meter: 'stores', limit: 5, used: 5 });
    const [{ n }] = await t.sql<{ n: number }>(`SELECT coalesce(sum(quantity), 0)::int AS n FROM plans_usage_records WHERE tenant_id = $1 AND meter = 'stores'`, [shop.tenant!.id]);
    expect(n).toBe(5);
  });

  it("keeps each tenant's count to itself", async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => other.inject({ method: 'POST', url: '/api/shop-fixture/stores/atomic' })));
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(5);
  });

  it('answers a repeated idempotency key with the first record, without counting it again', async () => {
    const usage = resolved.usage!;
    const tenantId = shop.tenant!.id;
    const first = await usage.consume(tenantId, 'sms.monthly', 2, { idempotencyKey: 'sms:1' });
    expect(first.record).toMatchObject({ recorded: true, quantity: 2 });
    const again = await usage.consume(tenantId, 'sms.monthly', 2, { idempotencyKey: 'sms:1' });
    expect(again.record).toMatchObject({ recorded: false, id: first.record!.id });
    expect(again.decision).toMatchObject({ used: 2, limit: 3 });
    const refused = await usage.consume(tenantId, 'sms.monthly', 2, { idempotencyKey: 'sms:2' });
    expect(refused).toMatchObject({ record: null, decision: { allowed: false, reason: 'limit_exceeded', used: 2, remaining: 1 } });
    expect((await usage.consume(tenantId, 'sms.monthly', 1)).record).toMatchObject({ recorded: true });
  });

  it('refuses a negative or unknown consumption with a problem naming the field', async () => {
    await expect(resolved.usage!.consume(shop.tenant!.id, 'stores', -1)).rejects.toMatchObject({ status: 400, field: 'quantity' });
    await expect(resolved.usage!.consume(shop.tenant!.id, 'nope', 1)).rejects.toMatchObject({ status: 400, field: 'meter' });
  });
});

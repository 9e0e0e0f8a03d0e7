import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { resolved, shopFixture } from './support/shop-fixture-plugin.ts';
import { createPlan, inTenant, outboxEvents } from './support/plans-api.ts';

describe('usage metering: idempotency under concurrency and threshold events', () => {
  let t: TestKernel;
  let tenantId: string;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [plans, shopFixture] });
    await createPlan(t, { key: 'starter', quotas: { 'sms.monthly': 10, seats: 5 }, isDefault: true });
    tenantId = (await t.tenant('metered')).id;
    await t.kernel.services.events.drain();
  });
  afterAll(async () => t?.close());

  const used = async (meter: string) =>
    Number((await t.sql<{ n: string }>('SELECT COALESCE(SUM(quantity), 0)::text AS n FROM plans_usage_records WHERE tenant_id = $1 AND meter = $2', [tenantId, meter]))[0].n);

  it('50 parallel usage.record calls with the same key count once', async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => resolved.usage!.record(tenantId, 'sms.monthly', 1, { idempotencyKey: 'sms:msg-1' })));
    expect(results.filter((r) => r.recorded)).toHaveLength(1);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await used('sms.monthly')).toBe(1);
  });

  it('50 parallel HTTP requests with the same key count once', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => inTenant(t, tenantId, { method: 'POST', url: '/api/plans/usage', payload: { meter: 'sms.monthly', quantity: 2, idempotencyKey: 'sms:batch-7' } })),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([...Array(49).fill(200), 201]);
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1);
    expect(await used('sms.monthly')).toBe(3);
  });

  it('refuses to reuse a key for different usage', async () => {
    const res = await inTenant(t, tenantId, { method: 'POST', url: '/api/plans/usage', payload: { meter: 'sms.monthly', quantity: 5, idempotencyKey: 'sms:msg-1' } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'idempotency_key_reused', field: 'idempotencyKey' });
  });

  it('emits usage.threshold_crossed at 80% and 100%, once per period and meter, even under concurrency', async () => {
    // 3 of 10 used; 10 parallel records of 1 take it to 13: crosses 80% and 100% exactly once each
    await Promise.all(Array.from({ length: 10 }, (_, i) => resolved.usage!.record(tenantId, 'sms.monthly', 1, { idempotencyKey: `sms:burst-${i}` })));
    await resolved.usage!.record(tenantId, 'sms.monthly', 1, { idempotencyKey: 'sms:after' });
    const events = (await outboxEvents(t, 'usage.threshold_crossed')).filter((e) => e.meter === 'sms.monthly');
    expect(events.map((e) => e.threshold).sort()).toEqual([100, 80]);
    expect(events.find((e) => e.threshold === 80)).toMatchObject({ tenantId, meter: 'sms.monthly', limit: 10, used: 8, limitType: 'hard' });
    expect(events[0].periodStart).toBeTruthy();
  });

  it('running totals re-arm when usage drops back below a threshold', async () => {
    for (let i = 0; i < 4; i++) await resolved.usage!.record(tenantId, 'seats', 1, { idempotencyKey: `seat:add-${i}` }); // 4/5 = 80%
    await resolved.usage!.record(tenantId, 'seats', -1, { idempotencyKey: 'seat:remove-0' }); // 3/5
    await resolved.usage!.record(tenantId, 'seats', 1, { idempotencyKey: 'seat:add-again' }); // 4/5 again
    const seats = (await outboxEvents(t, 'usage.threshold_crossed')).filter((e) => e.meter === 'seats');
    expect(seats.map((e) => e.threshold)).toEqual([80, 80]);
    expect(seats[0].periodStart).toBeNull();
  });

  it('validates its arguments, naming the field', async () => {
    const fieldOf = async (p: Promise<unknown>) => p.then(() => null, (err) => err.field);
    expect(await fieldOf(resolved.usage!.record(tenantId, 'teleports', 1))).toBe('meter');
    expect(await fieldOf(resolved.usage!.record(tenantId, 'sms.monthly', -1))).toBe('quantity');
    expect(await fieldOf(resolved.usage!.record(tenantId, 'sms.monthly', 1.5))).toBe('quantity');
    expect(await fieldOf(resolved.usage!.record(tenantId, 'sms.monthly', 1, { at: 'yesterday-ish' }))).toBe('at');
    expect(await fieldOf(resolved.usage!.record('not-a-tenant', 'sms.monthly', 1))).toBe('tenantId');
  });
});

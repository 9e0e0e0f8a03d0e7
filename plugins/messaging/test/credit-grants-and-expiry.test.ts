import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { createMessagingPlugin } from '../src/index.ts';
import { creditFixture } from './support/credit-fixture-plugin.ts';

const DAY = 86_400_000;

/** Plan-included monthly credits granted through the ledger, and the expiry of dated credits. */
describe('SMS credits: plan grants and expiry', () => {
  let t: TestKernel;
  let shop: TestClient;
  let now = Date.now();
  let planId: string;

  const ledgerOf = (tenantId: string) =>
    t.sql<{ kind: string; amount: number; idempotency_key: string | null; expires_at: Date | null; lot_id: string | null; id: string }>(
      'SELECT id, kind, amount::int AS amount, idempotency_key, expires_at, lot_id FROM messaging_credit_ledger WHERE tenant_id = $1 ORDER BY seq',
      [tenantId],
    );
  const balanceAndSum = async (tenantId: string) =>
    (
      await t.sql<{ balance: number; sum: number }>(
        `SELECT a.balance::int AS balance, (SELECT coalesce(sum(amount), 0)::int FROM messaging_credit_ledger l WHERE l.tenant_id = a.tenant_id) AS sum FROM messaging_credit_accounts a WHERE tenant_id = $1`,
        [tenantId],
      )
    )[0];

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [plans, createMessagingPlugin({ clock: () => now }), creditFixture] });
    const plan = await t.inject({
      method: 'POST',
      url: '/api/plans/plans',
      payload: { key: 'sms-50', name: 'SMS 50', priceAmount: 0, currency: 'USD', interval: 'monthly', quotas: { 'sms.monthly': 50 }, isDefault: true },
    });
    expect(plan.statusCode, plan.body).toBe(201);
    planId = plan.json().id;
    shop = await t.signIn({ role: 'tenant_admin', tenant: 'grant-shop' });
    await t.kernel.services.events.drain(); // tenant.created → the default plan (plan.assigned is left in the outbox)
  });
  afterAll(async () => t?.close());

  it("grants the plan's sms.monthly quota once per period, however often the job runs and plan.assigned arrives", async () => {
    // A tenant whose plan is assigned (by the plans plugin's provisioning hook) while no event is delivered yet: the
    // daily job grants it.
    const quiet = await t.tenant('grant-quiet');
    const [assigned] = await t.sql<{ plan_id: string }>(`SELECT plan_id FROM plans_assignments WHERE tenant_id = $1 AND effective_to IS NULL`, [quiet.id]);
    expect(assigned?.plan_id).toBe(planId);
    expect(await ledgerOf(quiet.id)).toEqual([]);
    await t.kernel.services.jobs.runNow('messaging.grant-plan-credits');
    expect((await ledgerOf(quiet.id)).map((r) => [r.kind, r.amount])).toEqual([['grant', 50]]);
    await t.kernel.services.jobs.runNow('messaging.grant-plan-credits');
    await Promise.all([t.kernel.services.jobs.runNow('messaging.grant-plan-credits'), t.kernel.services.jobs.runNow('messaging.grant-plan-credits')]);
    await t.kernel.services.events.drain(); // tenant.created and plan.assigned: already granted for this period
    const rows = await ledgerOf(quiet.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'grant', amount: 50 });
    expect(rows[0].idempotency_key).toMatch(/^grant:\d{4}-\d\d-\d\dT/);
    expect(rows[0].expires_at).not.toBeNull();
    expect(await balanceAndSum(quiet.id)).toEqual({ balance: 50, sum: 50 });
    expect((await ledgerOf(shop.tenant!.id)).map((r) => [r.kind, r.amount])).toEqual([['grant', 50]]);
  });

  it('grants a tenant its credits as soon as it gets a plan, without waiting for the job', async () => {
    const fresh = await t.tenant('grant-fresh');
    await t.kernel.services.events.drain(); // tenant.created → plan.assigned
    await t.kernel.services.events.drain(); // plan.assigned → the grant
    expect((await ledgerOf(fresh.id)).map((r) => [r.kind, r.amount])).toEqual([['grant', 50]]);
  });

  it('expires what is left of dated credits after their date, spending them first, once', async () => {
    const tenantId = shop.tenant!.id;
    const purchase = await t.inject({ method: 'POST', url: `/api/messaging/credits/${tenantId}/purchase`, payload: { amount: 10, expiresAt: new Date(now + DAY).toISOString() } });
    expect(purchase.statusCode, purchase.body).toBe(201);
    await t.inject({ method: 'POST', url: `/api/messaging/credits/${tenantId}/top-up`, payload: { amount: 7, reason: 'never expires' } });
    // 4 credits sent: drawn from the purchase (it expires before the month's grant).
    expect((await shop.inject({ method: 'POST', url: '/api/credit-fixture/send', payload: { messageId: 'exp-1', segments: 4 } })).statusCode).toBe(201);
    await t.kernel.services.jobs.runNow('messaging.expire-credits');
    expect((await ledgerOf(tenantId)).filter((r) => r.kind === 'expiry')).toEqual([]);

    now += 2 * DAY;
    await t.kernel.services.jobs.runNow('messaging.expire-credits');
    await t.kernel.services.jobs.runNow('messaging.expire-credits');
    const expiries = (await ledgerOf(tenantId)).filter((r) => r.kind === 'expiry');
    expect(expiries).toEqual([expect.objectContaining({ amount: -6, lot_id: purchase.json().movement.id })]);
    expect(await balanceAndSum(tenantId)).toEqual({ balance: 50 + 10 + 7 - 4 - 6, sum: 57 });

    // Past the period's end the month's unspent grant expires too; the top-up never does.
    const grant = (await ledgerOf(tenantId)).find((r) => r.kind === 'grant')!;
    now = new Date(grant.expires_at!).getTime() + 1000;
    await t.kernel.services.jobs.runNow('messaging.expire-credits');
    expect(await balanceAndSum(tenantId)).toEqual({ balance: 7, sum: 7 });
  });
});

describe('SMS credits without the plans plugin', () => {
  let t: TestKernel;
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [createMessagingPlugin()] });
  });
  afterAll(async () => t?.close());

  it('boots, grants nothing and still keeps the ledger', async () => {
    const tenant = await t.tenant('no-plans');
    await t.kernel.services.jobs.runNow('messaging.grant-plan-credits');
    expect(await t.sql('SELECT 1 FROM messaging_credit_ledger')).toEqual([]);
    const res = await t.inject({ method: 'POST', url: `/api/messaging/credits/${tenant.id}/top-up`, payload: { amount: 3, reason: 'manual' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ balance: 3 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { createMessagingPlugin } from '../src/index.ts';
import { creditFixture, resolved, seen } from './support/credit-fixture-plugin.ts';

/** The ledger under sending: reservations, consumption, refunds, the balance and the database's guarantees. */
describe('SMS credit ledger', () => {
  let t: TestKernel;
  let shop: TestClient;

  const topUp = (tenantId: string, amount: unknown, reason: unknown = 'test credits') =>
    t.inject({ method: 'POST', url: `/api/messaging/credits/${tenantId}/top-up`, payload: { amount, reason } });
  const send = (client: TestClient, body: Record<string, unknown>) => client.inject({ method: 'POST', url: '/api/credit-fixture/send', payload: body });
  const balanceRow = async (tenantId: string) => {
    const [row] = await t.sql<{ balance: number; sum: number }>(
      `SELECT a.balance::int AS balance, (SELECT coalesce(sum(amount), 0)::int FROM messaging_credit_ledger l WHERE l.tenant_id = a.tenant_id) AS sum
       FROM messaging_credit_accounts a WHERE a.tenant_id = $1`,
      [tenantId],
    );
    return row;
  };

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [createMessagingPlugin(), creditFixture] });
    shop = await t.signIn({ role: 'tenant_admin', tenant: 'ledger-shop' });
  });
  afterAll(async () => t?.close());

  it('lets exactly 10 of 100 concurrent sends through a balance of 10; the other 90 get 402 insufficient_credits', async () => {
    const race = await t.signIn({ role: 'tenant_admin', tenant: 'ledger-race' });
    expect((await topUp(race.tenant!.id, 10)).statusCode).toBe(201);
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => send(race, { messageId: `race-${i}`, segments: 1 })));
    const codes = answers.map((a) => a.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(10);
    expect(codes.filter((c) => c === 402)).toHaveLength(90);
    const refused = answers.find((a) => a.statusCode === 402)!;
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'insufficient_credits', balance: 0, requested: 1 });
    expect(await balanceRow(race.tenant!.id)).toEqual({ balance: 0, sum: 0 });
    // Never negative at any point: the running sum of the ledger in its own order.
    const [{ lowest }] = await t.sql<{ lowest: number }>(
      `SELECT min(running)::int AS lowest FROM (SELECT sum(amount) OVER (ORDER BY seq) AS running FROM messaging_credit_ledger WHERE tenant_id = $1) r`,
      [race.tenant!.id],
    );
    expect(lowest).toBe(0);
    const [{ reservations }] = await t.sql<{ reservations: number }>(`SELECT count(*)::int AS reservations FROM messaging_credit_ledger WHERE tenant_id = $1 AND kind = 'reservation'`, [race.tenant!.id]);
    expect(reservations).toBe(10);
  });

  it('refunds a reservation the provider rejected, once however often the refund is repeated', async () => {
    const tenantId = shop.tenant!.id;
    await topUp(tenantId, 30);
    expect((await send(shop, { messageId: 'rejected-1', segments: 3, reject: true, refundTwice: true })).statusCode).toBe(201);
    const rows = await t.sql<{ kind: string; amount: number }>(`SELECT kind, amount::int AS amount FROM messaging_credit_ledger WHERE tenant_id = $1 AND message_id = 'rejected-1' ORDER BY seq`, [tenantId]);
    expect(rows).toEqual([{ kind: 'reservation', amount: -3 }, { kind: 'refund', amount: 3 }]);
    expect(await balanceRow(tenantId)).toEqual({ balance: 30, sum: 30 });
  });

  it('consumes a reservation, and settles a different provider count against it', async () => {
    const tenantId = shop.tenant!.id;
    await send(shop, { messageId: 'sent-exact', segments: 2 });
    await send(shop, { messageId: 'sent-fewer', segments: 3, counted: 1 });
    await send(shop, { messageId: 'sent-more', segments: 1, counted: 2 });
    const rows = await t.sql<{ message_id: string; kind: string; amount: number }>(
      `SELECT message_id, kind, amount::int AS amount FROM messaging_credit_ledger WHERE tenant_id = $1 AND message_id LIKE 'sent-%' ORDER BY seq`,
      [tenantId],
    );
    expect(rows).toEqual([
      { message_id: 'sent-exact', kind: 'reservation', amount: -2 },
      { message_id: 'sent-exact', kind: 'consumption', amount: 0 },
      { message_id: 'sent-fewer', kind: 'reservation', amount: -3 },
      { message_id: 'sent-fewer', kind: 'consumption', amount: 0 },
      { message_id: 'sent-fewer', kind: 'refund', amount: 2 },
      { message_id: 'sent-more', kind: 'reservation', amount: -1 },
      { message_id: 'sent-more', kind: 'consumption', amount: -1 },
    ]);
    expect(await balanceRow(tenantId)).toEqual({ balance: 25, sum: 25 });
    // A reserve repeated for the same message takes nothing more.
    expect((await send(shop, { messageId: 'sent-exact', segments: 2 })).statusCode).toBe(201);
    expect((await balanceRow(tenantId)).balance).toBe(25);
  });

  it('refuses UPDATE, DELETE and TRUNCATE of the ledger in the database', async () => {
    const tenantId = shop.tenant!.id;
    await expect(t.sql(`UPDATE messaging_credit_ledger SET amount = 1000 WHERE tenant_id = $1`, [tenantId])).rejects.toThrow(/append-only/);
    await expect(t.sql(`DELETE FROM messaging_credit_ledger WHERE tenant_id = $1`, [tenantId])).rejects.toThrow(/append-only/);
    await expect(t.sql(`TRUNCATE messaging_credit_ledger CASCADE`)).rejects.toThrow(/append-only/);
    // Nor can a movement carry the wrong sign for its kind.
    await expect(
      t.sql(`INSERT INTO messaging_credit_ledger (id, tenant_id, kind, amount, actor_label) VALUES (gen_random_uuid(), $1, 'top_up', -5, 'x')`, [tenantId]),
    ).rejects.toThrow(/amount_sign/);
    expect(await balanceRow(tenantId)).toEqual({ balance: 25, sum: 25 });
  });

  it('refuses fractional, negative, zero and non-numeric amounts with 400 naming the field, writing nothing', async () => {
    const tenantId = shop.tenant!.id;
    const [{ n: before }] = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM messaging_credit_ledger');
    for (const amount of [1.5, -5, 0, '10', null]) {
      const res = await topUp(tenantId, amount);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ field: 'amount' });
    }
    const noReason = await topUp(tenantId, 5, '  ');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json()).toMatchObject({ field: 'reason' });
    const badSend = await send(shop, { messageId: 'frac', segments: 1.5 });
    expect(badSend.statusCode).toBe(400);
    expect(badSend.json()).toMatchObject({ field: 'amount' });
    const [{ n: after }] = await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM messaging_credit_ledger');
    expect(after).toBe(before);
  });

  it('emits messaging.credits_low once per crossing of the threshold (durably)', async () => {
    const low = await t.signIn({ role: 'tenant_admin', tenant: 'ledger-low' });
    const tenantId = low.tenant!.id;
    await t.kernel.services.events.drain();
    seen.low.length = 0;
    await topUp(tenantId, 22); // default threshold 20: not low
    await send(low, { messageId: 'low-1', segments: 2 }); // 20: not low
    await send(low, { messageId: 'low-2', segments: 1 }); // 19: low → event
    await send(low, { messageId: 'low-3', segments: 5 }); // 14: still low, no event
    await send(low, { messageId: 'low-4', segments: 1, reject: true }); // back to 14
    await t.kernel.services.events.drain();
    expect(seen.low).toEqual([expect.objectContaining({ tenantId, balance: 19, threshold: 20 })]);
    await topUp(tenantId, 10); // 24: re-armed
    await send(low, { messageId: 'low-5', segments: 5 }); // 19: a new crossing
    await t.kernel.services.events.drain();
    expect(seen.low.map((e) => e.balance)).toEqual([19, 19]);
    // A threshold raised above the balance is a crossing too.
    const res = await t.inject({ method: 'PUT', url: `/api/messaging/credits/${tenantId}/threshold`, payload: { threshold: 5 } });
    expect(res.json()).toMatchObject({ threshold: 5, customThreshold: 5, low: false });
    await t.inject({ method: 'PUT', url: `/api/messaging/credits/${tenantId}/threshold`, payload: { threshold: 50 } });
    await t.kernel.services.events.drain();
    expect(seen.low.map((e) => [e.balance, e.threshold])).toEqual([[19, 20], [19, 20], [19, 50]]);
    const bad = await t.inject({ method: 'PUT', url: `/api/messaging/credits/${tenantId}/threshold`, payload: { threshold: -1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'threshold' });
  });

  it('keeps every account balance equal to the sum of its ledger', async () => {
    const rows = await t.sql<{ tenant_id: string; balance: number; sum: number }>(
      `SELECT a.tenant_id, a.balance::int AS balance, coalesce(sum(l.amount), 0)::int AS sum
       FROM messaging_credit_accounts a LEFT JOIN messaging_credit_ledger l USING (tenant_id) GROUP BY a.tenant_id, a.balance`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) expect(r.balance).toBe(r.sum);
  });

  it("lets the kernel's purge of a deleted tenant remove its ledger, and nothing else", async () => {
    const gone = await t.tenant('ledger-gone');
    await topUp(gone.id, 5);
    const by = { actorType: 'system', actorId: null, actorLabel: 'test', requestId: null } as const;
    const tenants = t.kernel.services.tenants;
    await expect(t.sql('DELETE FROM messaging_credit_ledger WHERE tenant_id = $1', [gone.id])).rejects.toThrow(/append-only/);
    await tenants.transition(gone.id, 'delete', 'test', by as any);
    await tenants.purge(gone.id, by as any, new Date(Date.now() + 365 * 86_400_000));
    expect(await t.sql('SELECT 1 FROM messaging_credit_ledger WHERE tenant_id = $1', [gone.id])).toEqual([]);
    expect(await t.sql('SELECT 1 FROM messaging_credit_accounts WHERE tenant_id = $1', [gone.id])).toEqual([]);
    expect((await balanceRow(shop.tenant!.id)).balance).toBe(25);
  });

  it('settles a message once: no consume without a reservation, no refund after consumption, no charge below 0', async () => {
    const tiny = await t.signIn({ role: 'tenant_admin', tenant: 'ledger-tiny' });
    const tenantId = tiny.tenant!.id;
    const inTx = <T>(fn: (em: any) => Promise<T>) => resolved.db!.forTenant(tenantId).transactional(fn);
    const credits = resolved.reservations!;
    await topUp(tenantId, 2);
    await expect(inTx((em) => credits.consume(em, tenantId, 'never-reserved'))).rejects.toMatchObject({ status: 409, code: 'not_reserved' });
    await inTx((em) => credits.refund(em, tenantId, 'never-reserved', 'nothing to give back'));
    await inTx((em) => credits.reserve(em, tenantId, 1, 'm1'));
    // The provider counted 4 segments where 1 was reserved: 1 more is all the balance holds.
    await inTx((em) => credits.consume(em, tenantId, 'm1', 4));
    await inTx((em) => credits.refund(em, tenantId, 'm1', 'too late: consumed'));
    await inTx((em) => credits.consume(em, tenantId, 'm1', 4));
    const rows = await t.sql<{ kind: string; amount: number; details: any }>(`SELECT kind, amount::int AS amount, details FROM messaging_credit_ledger WHERE tenant_id = $1 ORDER BY seq`, [tenantId]);
    expect(rows).toEqual([
      { kind: 'top_up', amount: 2, details: null },
      { kind: 'reservation', amount: -1, details: null },
      { kind: 'consumption', amount: -1, details: { reserved: 1, final: 4, uncovered: 2 } },
    ]);
    expect(await balanceRow(tenantId)).toEqual({ balance: 0, sum: 0 });
    // A reservation that does not fit leaves nothing behind, in the caller's transaction either.
    await expect(inTx((em) => credits.reserve(em, tenantId, 1, 'm2'))).rejects.toMatchObject({ status: 402, code: 'insufficient_credits' });
    expect(await t.sql(`SELECT 1 FROM messaging_credit_ledger WHERE tenant_id = $1 AND message_id = 'm2'`, [tenantId])).toEqual([]);
  });

  it('reserves several messages at once in their order while the balance covers them, refusing the rest with their own 402, and settles each once', async () => {
    const many = await t.signIn({ role: 'tenant_admin', tenant: 'ledger-many' });
    const tenantId = many.tenant!.id;
    const inTx = <T>(fn: (em: any) => Promise<T>) => resolved.db!.forTenant(tenantId).transactional(fn);
    const credits = resolved.reservations!;
    await topUp(tenantId, 6);
    const refused = await inTx((em) =>
      credits.reserveMany!(em, tenantId, [
        { amount: 2, messageId: 'g1' },
        { amount: 5, messageId: 'g2' },
        { amount: 3, messageId: 'g3' },
        { amount: 1, messageId: 'g4' },
      ]),
    );
    expect([...refused.keys()]).toEqual(['g2']);
    expect(refused.get('g2')).toMatchObject({ status: 402, code: 'insufficient_credits', extra: { balance: 4, requested: 5 } });
    // Again (a redelivery): nothing more is reserved; g2 is still refused.
    expect([...(await inTx((em) => credits.reserveMany!(em, tenantId, [{ amount: 2, messageId: 'g1' }, { amount: 5, messageId: 'g2' }]))).keys()]).toEqual(['g2']);
    await inTx((em) => credits.consumeMany!(em, tenantId, [{ messageId: 'g1' }, { messageId: 'g3', amount: 2 }, { messageId: 'g4' }]));
    await inTx((em) => credits.consumeMany!(em, tenantId, [{ messageId: 'g1' }]));
    await expect(inTx((em) => credits.consumeMany!(em, tenantId, [{ messageId: 'g2' }]))).rejects.toMatchObject({ status: 409, code: 'not_reserved' });
    const rows = await t.sql<{ kind: string; amount: number; message_id: string | null }>(
      `SELECT kind, amount::int AS amount, message_id FROM messaging_credit_ledger WHERE tenant_id = $1 ORDER BY seq`,
      [tenantId],
    );
    expect(rows.map((r) => `${r.kind} ${r.message_id ?? ''} ${r.amount}`)).toEqual([
      'top_up  6',
      'reservation g1 -2',
      'reservation g3 -3',
      'reservation g4 -1',
      'consumption g1 0',
      'consumption g3 0',
      'refund g3 1',
      'consumption g4 0',
    ]);
    expect(await balanceRow(tenantId)).toEqual({ balance: 1, sum: 1 });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { createMessagingPlugin } from '../src/index.ts';

/** The credit routes: staff over every tenant, a tenant over its own credits only. */
describe('SMS credit routes', () => {
  let t: TestKernel;
  let alice: TestClient; // tenant_admin of tenant A
  let bob: TestClient; // tenant_admin of tenant B
  let aId: string;
  let bId: string;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [createMessagingPlugin()] });
    alice = await t.signIn({ role: 'tenant_admin', tenant: 'credits-a' });
    bob = await t.signIn({ role: 'tenant_admin', tenant: 'credits-b' });
    aId = alice.tenant!.id;
    bId = bob.tenant!.id;
  });
  afterAll(async () => t?.close());

  it('tops up with a reason, audited in the same transaction', async () => {
    const res = await t.inject({ method: 'POST', url: `/api/messaging/credits/${aId}/top-up`, payload: { amount: 40, reason: 'launch goodwill' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ created: true, balance: 40, movement: { kind: 'top_up', amount: 40, reason: 'launch goodwill', tenantId: aId } });
    const audit = await t.sql<{ action: string; reason: string; tenant_id: string; after: any }>(`SELECT action, reason, tenant_id, after FROM audit WHERE action = 'messaging.credits.top_up'`);
    expect(audit).toEqual([{ action: 'messaging.credits.top_up', reason: 'launch goodwill', tenant_id: aId, after: expect.objectContaining({ amount: 40, balance: 40 }) }]);
  });

  it('records a purchase once per idempotency key, with an optional expiry in the future', async () => {
    const body = { amount: 100, idempotencyKey: 'pay_123', expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString() };
    const first = await t.inject({ method: 'POST', url: `/api/messaging/credits/${bId}/purchase`, payload: body });
    expect(first.statusCode, first.body).toBe(201);
    const again = await t.inject({ method: 'POST', url: `/api/messaging/credits/${bId}/purchase`, payload: body });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, balance: 100, movement: { id: first.json().movement.id } });
    const past = await t.inject({ method: 'POST', url: `/api/messaging/credits/${bId}/purchase`, payload: { amount: 5, expiresAt: '2020-01-01T00:00:00Z' } });
    expect(past.statusCode).toBe(400);
    expect(past.json()).toMatchObject({ field: 'expiresAt' });
    const [{ n }] = await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM messaging_credit_ledger WHERE tenant_id = $1`, [bId]);
    expect(n).toBe(1);
  });

  it("lists every tenant's account with Content-Range, sortable and filterable", async () => {
    const res = await t.inject({ method: 'GET', url: `/api/messaging/credits?sort=${encodeURIComponent('["balance","DESC"]')}&range=${encodeURIComponent('[0,0]')}` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-range']).toMatch(/^credit-accounts 0-0\/\d+$/);
    expect(res.json()).toEqual([expect.objectContaining({ tenantId: bId, slug: 'credits-b', balance: 100 })]);
    const all = (await t.inject({ method: 'GET', url: '/api/messaging/credits' })).json();
    expect(all.map((r: any) => r.slug)).toEqual(expect.arrayContaining(['credits-a', 'credits-b']));
    const low = (await t.inject({ method: 'GET', url: `/api/messaging/credits?filter=${encodeURIComponent('{"q":"credits-","low":false}')}` })).json();
    expect(low.map((r: any) => r.slug).sort()).toEqual(['credits-a', 'credits-b']);
  });

  it("shows staff one tenant's balance and a page of its ledger", async () => {
    const res = await t.inject({ method: 'GET', url: `/api/messaging/credits/${aId}?range=${encodeURIComponent('[0,9]')}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-range']).toBe('credit-movements 0-0/1');
    expect(res.json()).toMatchObject({ tenantId: aId, balance: 40, threshold: 20, low: false, total: 1, movements: [{ kind: 'top_up', amount: 40 }] });
    expect((await t.inject({ method: 'GET', url: '/api/messaging/credits/not-a-uuid' })).json()).toMatchObject({ field: 'tenantId' });
    expect((await t.inject({ method: 'GET', url: '/api/messaging/credits/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
  });

  it('shows a tenant its own balance and ledger, never another tenant’s', async () => {
    const mine = await alice.inject({ method: 'GET', url: '/api/messaging/my/credits' });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ tenantId: aId, balance: 40, total: 1 });
    expect(mine.json().movements.every((m: any) => m.tenantId === aId)).toBe(true);
    // A tenant-bound caller naming the other tenant is refused.
    const header = await alice.inject({ method: 'GET', url: '/api/messaging/my/credits', headers: { 'x-tenant-id': bId } });
    expect(header.statusCode).toBe(403);
    expect(header.json()).toMatchObject({ code: 'tenant_mismatch' });
    const theirs = await bob.inject({ method: 'GET', url: '/api/messaging/my/credits' });
    expect(theirs.json()).toMatchObject({ tenantId: bId, balance: 100 });
  });

  it("refuses a tenant reading another tenant's ledger, the list, or changing any balance", async () => {
    expect((await alice.inject({ method: 'GET', url: `/api/messaging/credits/${bId}` })).statusCode).toBe(403);
    expect((await alice.inject({ method: 'GET', url: '/api/messaging/credits' })).statusCode).toBe(403);
    for (const tenantId of [aId, bId]) {
      expect((await alice.inject({ method: 'POST', url: `/api/messaging/credits/${tenantId}/top-up`, payload: { amount: 5, reason: 'me' } })).statusCode).toBe(403);
      expect((await alice.inject({ method: 'POST', url: `/api/messaging/credits/${tenantId}/purchase`, payload: { amount: 5 } })).statusCode).toBe(403);
      expect((await alice.inject({ method: 'PUT', url: `/api/messaging/credits/${tenantId}/threshold`, payload: { threshold: 0 } })).statusCode).toBe(403);
    }
    const rows = await t.sql<{ tenant_id: string; balance: number }>('SELECT tenant_id, balance::int AS balance FROM messaging_credit_accounts ORDER BY balance');
    expect(rows).toEqual([{ tenant_id: aId, balance: 40 }, { tenant_id: bId, balance: 100 }]);
  });

  it('lets read-only staff read but not top up, and tenant members not read credits at all', async () => {
    const readOnly = await t.signIn({ role: 'read_only' });
    expect((await readOnly.inject({ method: 'GET', url: `/api/messaging/credits/${aId}` })).statusCode).toBe(200);
    expect((await readOnly.inject({ method: 'POST', url: `/api/messaging/credits/${aId}/top-up`, payload: { amount: 5, reason: 'x' } })).statusCode).toBe(403);
    const member = await t.signIn({ role: 'tenant_member', tenant: 'credits-a' });
    expect((await member.inject({ method: 'GET', url: '/api/messaging/my/credits' })).statusCode).toBe(403);
  });
});

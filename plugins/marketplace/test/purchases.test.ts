import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMarketplaceKernel, publishedAddon, recordingBilling, type MarketplaceKernel } from './support/marketplace-kernel.ts';

/** Buying: provisioning at once (credits, plugin, flag), idempotency, isolation between tenants, bad input. */
describe('marketplace purchases', () => {
  let m: MarketplaceKernel;
  let billing: ReturnType<typeof recordingBilling>;
  let credits: string;
  let plugin: string;
  let flag: string;

  beforeAll(async () => {
    billing = recordingBilling();
    m = await createMarketplaceKernel([billing.plugin], { slugs: ['buy-a', 'buy-b'] });
    const flagRes = await m.t.inject({ method: 'POST', url: '/api/feature-flags/flags', payload: { key: 'reports.advanced', name: 'Advanced reports', type: 'boolean', enabled: true, targeting: { enabledTenants: [] , rollouts: [{ percentage: 0 }] }, reason: 'test' } });
    expect(flagRes.statusCode, flagRes.body).toBe(201);
    credits = await publishedAddon(m.t, { name: '500 SMS credits', kind: 'sms_credits', provision: { credits: 500 }, pricing: 'one_off', amountMinor: 900 });
    plugin = await publishedAddon(m.t, { name: 'Reports Pro', kind: 'plugin', provision: { plugin: 'reports-pro' }, pricing: 'monthly', amountMinor: 3000 });
    flag = await publishedAddon(m.t, { name: 'Advanced reports', kind: 'flag_entitlement', provision: { flagKey: 'reports.advanced', value: true }, pricing: 'annual', amountMinor: 12000 });
  });
  afterAll(async () => m?.t.close());

  const buy = (client: MarketplaceKernel['alice'], addonId: string, key?: string) =>
    client.inject({ method: 'POST', url: '/api/marketplace/my/purchases', payload: { addonId }, headers: key ? { 'idempotency-key': key } : {} });
  const balance = async (tenantId: string) => Number((await m.t.sql<{ balance: string }>('SELECT balance FROM messaging_credit_accounts WHERE tenant_id = $1', [tenantId]))[0]?.balance ?? 0);
  const purchaseCount = async () => (await m.t.sql<{ n: number }>('SELECT count(*)::int AS n FROM marketplace_purchases'))[0].n;

  it('shows the tenant the published catalog and a quote with the next invoice', async () => {
    const list = await m.alice.inject({ method: 'GET', url: `/api/marketplace/store/addons?filter=${encodeURIComponent('{"q":"report"}')}` });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().map((a: any) => a.name).sort()).toEqual(['Advanced reports', 'Reports Pro']);
    const quote = await m.alice.inject({ method: 'GET', url: `/api/marketplace/store/addons/${plugin}/quote` });
    expect(quote.statusCode, quote.body).toBe(200);
    expect(quote.json()).toMatchObject({ price: { amountMinor: 3000, currency: 'USD', pricing: 'monthly' }, billing: 'available', periodStart: '2026-03-10T12:00:00.000Z', periodEnd: '2026-04-10T12:00:00.000Z' });
    expect(quote.json().nextInvoice.lines).toEqual(expect.arrayContaining([expect.objectContaining({ amountMinor: 3000, description: expect.stringContaining('Reports Pro') })]));
    expect(quote.json().nextInvoice.totalMinor).toBe(4900 + 3000);
  });

  it('puts bought credits into the buying tenant’s ledger at once, charged once per purchase', async () => {
    const res = await buy(m.alice, credits);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ purchase: { status: 'active', kind: 'sms_credits', amountMinor: 900, tenantId: m.aId, charged: true }, provisioned: { creditsGranted: 500, creditBalance: 500 }, billing: 'charged' });
    expect(body.nextInvoice.lines).toEqual(expect.arrayContaining([expect.objectContaining({ amountMinor: 900 })]));
    expect(await balance(m.aId)).toBe(500);
    expect(await balance(m.bId)).toBe(0);
    expect(billing.charges.filter((c) => c.sourceId === body.purchase.id)).toEqual([expect.objectContaining({ source: 'marketplace.purchase', tenantId: m.aId, amountMinor: 900, currency: 'USD' })]);
    const events = await m.t.sql<{ name: string; payload: any }>(`SELECT name, payload FROM kernel_outbox WHERE name = 'marketplace.purchase.completed'`);
    expect(events.map((e) => e.payload)).toContainEqual({ purchaseId: body.purchase.id, tenantId: m.aId, addonId: credits, addonName: '500 SMS credits', amountMinor: 900, currency: 'USD', pricing: 'one_off' });
  });

  it('replays a purchase retried with the same Idempotency-Key: one purchase, one deposit', async () => {
    const before = await purchaseCount();
    const first = await buy(m.bob, credits, 'buy-credits-1');
    const again = await buy(m.bob, credits, 'buy-credits-1');
    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().purchase.id).toBe(first.json().purchase.id);
    expect(await purchaseCount()).toBe(before + 1);
    expect(await balance(m.bId)).toBe(500);
  });

  it('provisioning the same purchase again deposits nothing more', async () => {
    const [row] = await m.t.sql<{ id: string }>('SELECT id FROM marketplace_purchases WHERE tenant_id = $1 LIMIT 1', [m.bId]);
    const purchase = (await m.bob.inject({ method: 'GET', url: `/api/marketplace/my/purchases/${row.id}` })).json();
    expect(purchase.provision).toEqual({ kind: 'sms_credits', credits: 500 });
    const again = await m.t.kernel.orm.em.fork().transactional((em) => m.service.provision(em, purchase));
    expect(again).toMatchObject({ creditBalance: 500 });
    expect(await balance(m.bId)).toBe(500);
    const movements = await m.t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM messaging_credit_ledger WHERE tenant_id = $1 AND idempotency_key = $2`, [m.bId, `marketplace:${row.id}`]);
    expect(movements[0].n).toBe(1);
  });

  it('enables a bought plugin for the buying tenant only', async () => {
    expect((await m.alice.inject({ method: 'GET', url: '/api/reports-pro/summary' })).statusCode).toBe(403);
    const res = await buy(m.alice, plugin);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ provisioned: { pluginEnabled: 'reports-pro' }, purchase: { periodEnd: '2026-04-10T12:00:00.000Z' } });
    const mine = await m.alice.inject({ method: 'GET', url: '/api/reports-pro/summary' });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toEqual({ tenantId: m.aId, pro: true });
    const theirs = await m.bob.inject({ method: 'GET', url: '/api/reports-pro/summary' });
    expect(theirs.statusCode).toBe(403);
    expect(theirs.json()).toMatchObject({ code: 'plugin_disabled' });
    const rows = await m.t.sql<{ tenant_id: string; enabled: boolean }>(`SELECT tenant_id, enabled FROM tenant_plugins WHERE plugin = 'reports-pro'`);
    expect(rows).toEqual([{ tenant_id: m.aId, enabled: true }]);
    // Held once at a time.
    const twice = await buy(m.alice, plugin);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'already_purchased', field: 'addonId' });
  });

  it('sets a bought flag entitlement for the buying tenant only', async () => {
    const res = await buy(m.alice, flag);
    expect(res.statusCode, res.body).toBe(201);
    const evaluate = (client: MarketplaceKernel['alice']) => client.inject({ method: 'GET', url: '/api/feature-flags/evaluate?keys=reports.advanced' });
    const overrides = await m.t.sql<{ tenant_id: string; value: unknown }>(`SELECT tenant_id, value FROM feature_flag_overrides WHERE flag_key = 'reports.advanced'`);
    expect(overrides).toEqual([{ tenant_id: m.aId, value: true }]);
    const mine = await evaluate(m.alice);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().flags['reports.advanced']).toMatchObject({ value: true, enabled: true });
    expect((await evaluate(m.bob)).json().flags['reports.advanced']).toMatchObject({ value: false, enabled: false });
  });

  it('grants the flag entitlement only after the purchase commits, and through the outbox when the grant is lost; never for a cancelled purchase', async () => {
    const overrides = () => m.t.sql<{ tenant_id: string }>(`SELECT tenant_id FROM feature_flag_overrides WHERE flag_key = 'reports.advanced' AND tenant_id = $1`, [m.aId]);
    const [purchase] = (await m.alice.inject({ method: 'GET', url: '/api/marketplace/my/purchases' })).json().filter((p: any) => p.addonId === flag && p.status === 'active');
    expect(await overrides()).toHaveLength(1);
    // A crash after the purchase committed and before its grant: the override is not there...
    await m.t.sql(`DELETE FROM feature_flag_overrides WHERE flag_key = 'reports.advanced' AND tenant_id = $1`, [m.aId]);
    const [event] = await m.t.sql<{ id: string }>(`SELECT id::text FROM kernel_outbox WHERE name = 'marketplace.purchase.completed' AND payload->>'purchaseId' = $1`, [purchase.id]);
    const redeliver = () => m.t.sql(`UPDATE kernel_outbox_delivery SET status = 'pending', attempts = 0, next_attempt_at = now() WHERE event_id = $1::bigint AND subscriber LIKE '%flag-entitlement%' RETURNING 1`, [event!.id]);
    expect(await redeliver()).toHaveLength(1);
    // ...and the durable subscriber of marketplace.purchase.completed grants it.
    await m.t.kernel.services.events.drain();
    expect(await overrides()).toHaveLength(1);
    const cancelled = await m.alice.inject({ method: 'POST', url: `/api/marketplace/my/purchases/${purchase.id}/cancel`, payload: { reason: 'test' } });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(await overrides()).toHaveLength(0);
    // A late redelivery for a cancelled purchase grants nothing.
    await redeliver();
    await m.t.kernel.services.events.drain();
    expect(await overrides()).toHaveLength(0);
    // Bought again for the next tests.
    expect((await buy(m.alice, flag)).statusCode).toBe(201);
    expect(await overrides()).toHaveLength(1);
  });

  it('refuses add-ons that are not on sale, naming addonId, and writes nothing', async () => {
    const draft = (await m.t.inject({ method: 'POST', url: '/api/marketplace/addons', payload: { name: 'Draft', kind: 'sms_credits', provision: { credits: 1 }, pricing: 'one_off', amountMinor: 1, currency: 'USD' } })).json().id;
    const suspended = await publishedAddon(m.t, { name: 'Soon gone', kind: 'sms_credits', provision: { credits: 10 }, pricing: 'one_off', amountMinor: 100 });
    await m.t.inject({ method: 'POST', url: `/api/marketplace/addons/${suspended}/status`, payload: { status: 'suspended' } });
    const before = await purchaseCount();
    const balanceBefore = await balance(m.aId);
    const hidden = await buy(m.alice, draft);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toMatchObject({ field: 'addonId' });
    const off = await buy(m.alice, suspended);
    expect(off.statusCode).toBe(409);
    expect(off.json()).toMatchObject({ code: 'addon_not_published', field: 'addonId' });
    expect(off.json().detail).toContain('Soon gone');
    for (const payload of [{ addonId: 'not-a-uuid' }, { addonId: 'a\u0000' }, { addonId: 5 }, {}, { addonId: credits, extra: 1 }]) {
      const bad = await m.alice.inject({ method: 'POST', url: '/api/marketplace/my/purchases', payload });
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect(await purchaseCount()).toBe(before);
    expect(await balance(m.aId)).toBe(balanceBefore);
    // Neither the catalog listing nor the detail shows them.
    expect((await m.alice.inject({ method: 'GET', url: `/api/marketplace/store/addons/${suspended}` })).statusCode).toBe(404);
    expect((await m.alice.inject({ method: 'GET', url: '/api/marketplace/store/addons' })).json().map((a: any) => a.id)).not.toContain(suspended);
  });

  it("never shows or cancels another tenant's purchases", async () => {
    const alices = (await m.alice.inject({ method: 'GET', url: '/api/marketplace/my/purchases' })).json();
    expect(alices.length).toBe(4); // credits, plugin, the flag add-on cancelled and bought again
    expect(alices.every((p: any) => p.tenantId === m.aId)).toBe(true);
    const bobs = (await m.bob.inject({ method: 'GET', url: '/api/marketplace/my/purchases' })).json();
    expect(bobs.every((p: any) => p.tenantId === m.bId)).toBe(true);
    const target = alices.find((p: any) => p.kind === 'plugin').id;
    expect((await m.bob.inject({ method: 'GET', url: `/api/marketplace/my/purchases/${target}` })).statusCode).toBe(404);
    expect((await m.bob.inject({ method: 'POST', url: `/api/marketplace/my/purchases/${target}/cancel`, payload: {} })).statusCode).toBe(404);
    const header = await m.bob.inject({ method: 'GET', url: '/api/marketplace/my/purchases', headers: { 'x-tenant-id': m.aId } });
    expect(header.statusCode).toBe(403);
    expect((await m.t.sql<{ status: string }>('SELECT status FROM marketplace_purchases WHERE id = $1', [target]))[0].status).toBe('active');
    // Staff see every tenant's.
    const all = (await m.t.inject({ method: 'GET', url: '/api/marketplace/purchases' })).json();
    expect(new Set(all.map((p: any) => p.tenantId))).toEqual(new Set([m.aId, m.bId]));
  });

  it('refuses a purchase whose target went away (a deleted flag) before writing anything', async () => {
    await m.t.inject({ method: 'POST', url: '/api/feature-flags/flags', payload: { key: 'temp.entitlement', name: 'Temp', type: 'boolean', enabled: true, targeting: { rollouts: [{ percentage: 0 }] }, reason: 'test' } });
    const addon = await publishedAddon(m.t, { name: 'Temp feature', kind: 'flag_entitlement', provision: { flagKey: 'temp.entitlement', value: true }, pricing: 'monthly', amountMinor: 100 });
    const removed = await m.t.inject({ method: 'DELETE', url: '/api/feature-flags/flags/temp.entitlement?reason=gone' });
    expect(removed.statusCode, removed.body).toBe(200);
    const before = await purchaseCount();
    const events = async () => (await m.t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM kernel_outbox WHERE name = 'marketplace.purchase.completed'`))[0].n;
    const eventsBefore = await events();
    const res = await buy(m.bob, addon);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ field: 'provision.flagKey' });
    expect(await purchaseCount()).toBe(before);
    expect(await events()).toBe(eventsBefore);
    expect(billing.charges.some((c) => c.tenantId === m.bId && c.description.includes('Temp feature'))).toBe(false);
  });

  it('lets one of two concurrent purchases of the same plugin add-on through, and answers the other 409', async () => {
    const addon = await publishedAddon(m.t, { name: 'Reports Pro (race)', kind: 'plugin', provision: { plugin: 'reports-pro' }, pricing: 'monthly', amountMinor: 3000 });
    const results = await Promise.all([buy(m.bob, addon), buy(m.bob, addon), buy(m.bob, addon)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json()).toMatchObject({ code: 'already_purchased', field: 'addonId' });
    const rows = await m.t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM marketplace_purchases WHERE addon_id = $1`, [addon]);
    expect(rows[0].n).toBe(1);
  });
});

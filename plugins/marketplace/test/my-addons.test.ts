import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMarketplaceKernel, publishedAddon, recordingBilling, type MarketplaceKernel } from './support/marketplace-kernel.ts';

const DAY = 86_400_000;

/** "My add-ons": history, cancellation with the proration rule, re-purchase, and the suspension/deprecation rule. */
describe('my add-ons', () => {
  let m: MarketplaceKernel;
  let billing: ReturnType<typeof recordingBilling>;
  const start = Date.parse('2026-03-10T12:00:00Z');

  beforeAll(async () => {
    billing = recordingBilling();
    m = await createMarketplaceKernel([billing.plugin], { slugs: ['my-a', 'my-b'] });
  });
  afterAll(async () => m?.t.close());

  const buy = async (addonId: string) => {
    const res = await m.alice.inject({ method: 'POST', url: '/api/marketplace/my/purchases', payload: { addonId } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().purchase;
  };
  const pluginOn = async () => (await m.alice.inject({ method: 'GET', url: '/api/reports-pro/summary' })).statusCode === 200;
  const status = async (id: string) => (await m.t.sql<{ status: string }>('SELECT status FROM marketplace_purchases WHERE id = $1', [id]))[0].status;

  it('cancels a monthly purchase with the unused share refunded, the plugin disabled, and re-purchases it', async () => {
    m.clock.now = start;
    const addon = await publishedAddon(m.t, { name: 'Reports Pro monthly', kind: 'plugin', provision: { plugin: 'reports-pro' }, pricing: 'monthly', amountMinor: 3000 });
    const purchase = await buy(addon);
    expect(await pluginOn()).toBe(true);

    m.clock.now = start + 10 * DAY; // 10 of the 31 days of 10 March → 10 April used
    const quote = await m.alice.inject({ method: 'GET', url: `/api/marketplace/my/purchases/${purchase.id}` });
    expect(quote.json().cancellation).toMatchObject({ cancellable: true, refundMinor: 2032, periodDays: 31, usedDays: 10, unusedDays: 21 });
    const res = await m.alice.inject({ method: 'POST', url: `/api/marketplace/my/purchases/${purchase.id}/cancel`, payload: { reason: 'too pricey' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ purchase: { status: 'cancelled', refundMinor: 2032, cancelReason: 'too pricey' }, refund: { refundMinor: 2032 }, refunded: true });
    expect(await pluginOn()).toBe(false);
    expect(billing.charges.find((c) => c.source === 'marketplace.cancellation' && c.sourceId === purchase.id)).toMatchObject({ amountMinor: -2032, currency: 'USD', tenantId: m.aId });
    const events = await m.t.sql<{ payload: any }>(`SELECT payload FROM kernel_outbox WHERE name = 'marketplace.purchase.cancelled'`);
    expect(events.map((e) => e.payload)).toContainEqual({ purchaseId: purchase.id, tenantId: m.aId, refundMinor: 2032, currency: 'USD' });

    const again = await m.alice.inject({ method: 'POST', url: `/api/marketplace/my/purchases/${purchase.id}/cancel`, payload: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'purchase_not_active' });

    const repurchase = await buy(addon);
    expect(repurchase.id).not.toBe(purchase.id);
    expect(await pluginOn()).toBe(true);
    const history = (await m.alice.inject({ method: 'GET', url: `/api/marketplace/my/purchases?filter=${encodeURIComponent(JSON.stringify({ addonId: addon }))}` })).json();
    expect(history.map((p: any) => p.status)).toEqual(['active', 'cancelled']);
    await m.alice.inject({ method: 'POST', url: `/api/marketplace/my/purchases/${repurchase.id}/cancel`, payload: {} });
  });

  it('refunds nothing for a one-off, and refuses to cancel credits already delivered', async () => {
    m.clock.now = start;
    const oneOff = await publishedAddon(m.t, { name: 'Reports Pro lifetime', kind: 'plugin', provision: { plugin: 'reports-pro' }, pricing: 'one_off', amountMinor: 20000 });
    const p = await buy(oneOff);
    const res = await m.alice.inject({ method: 'POST', url: `/api/marketplace/my/purchases/${p.id}/cancel`, payload: {} });
    expect(res.json()).toMatchObject({ purchase: { status: 'cancelled', refundMinor: 0 }, refund: { refundMinor: 0 }, refunded: false });
    expect(billing.charges.some((c) => c.source === 'marketplace.cancellation' && c.sourceId === p.id)).toBe(false);
    expect(await pluginOn()).toBe(false);

    const bundle = await publishedAddon(m.t, { name: '100 credits', kind: 'sms_credits', provision: { credits: 100 }, pricing: 'one_off', amountMinor: 300 });
    const c = await buy(bundle);
    const refused = await m.alice.inject({ method: 'POST', url: `/api/marketplace/my/purchases/${c.id}/cancel`, payload: {} });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'not_cancellable' });
    expect(await status(c.id)).toBe('active');
    const bad = await m.alice.inject({ method: 'POST', url: `/api/marketplace/my/purchases/${c.id}/cancel`, payload: { reason: 'x\u0000' } });
    expect(bad.json()).toMatchObject({ field: 'reason' });
  });

  it('keeps a recurring add-on that is suspended until the paid period ends, then expires it without renewing', async () => {
    m.clock.now = start;
    const addon = await publishedAddon(m.t, { name: 'Reports Pro (to be suspended)', kind: 'plugin', provision: { plugin: 'reports-pro' }, pricing: 'monthly', amountMinor: 3000 });
    const p = await buy(addon);
    await m.t.inject({ method: 'POST', url: `/api/marketplace/addons/${addon}/status`, payload: { status: 'suspended' } });
    // Mid-period: still active and provisioned; nobody can buy it.
    m.clock.now = start + 20 * DAY;
    expect(await m.service.renewDue()).toEqual({ renewed: 0, expired: 0 });
    expect(await status(p.id)).toBe('active');
    expect(await pluginOn()).toBe(true);
    expect((await m.bob.inject({ method: 'POST', url: '/api/marketplace/my/purchases', payload: { addonId: addon } })).json()).toMatchObject({ code: 'addon_not_published' });
    // The period's end: expired, deprovisioned, nothing charged again.
    m.clock.now = start + 31 * DAY;
    expect(await m.service.renewDue()).toEqual({ renewed: 0, expired: 1 });
    expect(await status(p.id)).toBe('expired');
    expect(await pluginOn()).toBe(false);
    expect(billing.charges.filter((c) => c.sourceId.startsWith(p.id))).toHaveLength(1);
  });

  it('keeps a one-off add-on for good when it is deprecated', async () => {
    m.clock.now = start;
    const addon = await publishedAddon(m.t, { name: 'Reports Pro (to be deprecated)', kind: 'plugin', provision: { plugin: 'reports-pro' }, pricing: 'one_off', amountMinor: 9000 });
    const p = await buy(addon);
    await m.t.inject({ method: 'POST', url: `/api/marketplace/addons/${addon}/status`, payload: { status: 'deprecated' } });
    m.clock.now = start + 400 * DAY;
    await m.service.renewDue();
    expect(await status(p.id)).toBe('active');
    expect(await pluginOn()).toBe(true);
    await m.alice.inject({ method: 'POST', url: `/api/marketplace/my/purchases/${p.id}/cancel`, payload: {} });
  });

  it('renews a published recurring add-on: a new period, provisioned and charged once', async () => {
    m.clock.now = start;
    const addon = await publishedAddon(m.t, { name: 'Monthly 200 credits', kind: 'sms_credits', provision: { credits: 200 }, pricing: 'monthly', amountMinor: 500 });
    const balance = async () => Number((await m.t.sql<{ balance: string }>('SELECT balance FROM messaging_credit_accounts WHERE tenant_id = $1', [m.aId]))[0].balance);
    const p = await buy(addon);
    const before = await balance();
    m.clock.now = start + 31 * DAY;
    const outcome = await m.service.renewDue();
    expect(outcome.renewed).toBeGreaterThanOrEqual(1);
    expect(await m.service.renewDue()).toEqual({ renewed: 0, expired: 0 });
    expect(await balance()).toBe(before + 200);
    const [row] = await m.t.sql<{ period_start: Date; period_end: Date; renewals: number; charged: boolean }>('SELECT period_start, period_end, renewals, charged FROM marketplace_purchases WHERE id = $1', [p.id]);
    expect(row).toMatchObject({ renewals: 1, charged: true });
    expect(new Date(row.period_end).toISOString()).toBe('2026-05-10T12:00:00.000Z');
    expect(billing.charges.filter((c) => c.sourceId.startsWith(p.id)).map((c) => c.sourceId)).toEqual([p.id, `${p.id}:renewal:1`]);
  });

  it('renews at the price the tenant bought at: a later price rise applies to new purchases only', async () => {
    m.clock.now = start;
    const addon = await publishedAddon(m.t, { name: 'Monthly 50 credits', kind: 'sms_credits', provision: { credits: 50 }, pricing: 'monthly', amountMinor: 700 });
    const p = await buy(addon);
    const raised = await m.t.inject({ method: 'PATCH', url: `/api/marketplace/addons/${addon}`, payload: { amountMinor: 1200 } });
    expect(raised.statusCode, raised.body).toBe(200);
    expect((await m.alice.inject({ method: 'GET', url: `/api/marketplace/store/addons/${addon}/quote` })).json().price).toMatchObject({ amountMinor: 1200 });
    m.clock.now = start + 31 * DAY;
    await m.service.renewDue();
    m.clock.now = start + 61 * DAY;
    await m.service.renewDue();
    const charges = billing.charges.filter((c) => c.sourceId.startsWith(p.id));
    expect(charges.map((c) => [c.sourceId, c.amountMinor])).toEqual([[p.id, 700], [`${p.id}:renewal:1`, 700], [`${p.id}:renewal:2`, 700]]);
    const [row] = await m.t.sql<{ amount_minor: number; renewals: number }>('SELECT amount_minor::int, renewals FROM marketplace_purchases WHERE id = $1', [p.id]);
    expect(row).toMatchObject({ amount_minor: 700, renewals: 2 });
    const second = await m.bob.inject({ method: 'POST', url: '/api/marketplace/my/purchases', payload: { addonId: addon } });
    expect(second.json().purchase).toMatchObject({ amountMinor: 1200 });
  });
});

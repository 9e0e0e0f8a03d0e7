import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { createBillingPlugin } from '@platform/plugin-billing';
import { createMessagingPlugin } from '@platform/plugin-messaging';
import { createMarketplacePlugin } from '../src/index.ts';
import { publishedAddon } from './support/marketplace-kernel.ts';

/** With the real plans and billing plugins: plan restrictions, the charge on the next invoice, and its currency. */
describe('marketplace with plans and billing', () => {
  let t: TestKernel;
  let a: TestClient;
  let b: TestClient;
  let proOnly: string;
  const now = Date.parse('2026-02-15T12:00:00Z');

  const asTenant = (tenantId: string, opts: { method: string; url: string; payload?: unknown }) =>
    t.inject({ method: opts.method as any, url: opts.url, payload: opts.payload as any, headers: { 'x-tenant-id': tenantId } });

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [plans, createBillingPlugin({ now: () => new Date(now) }), createMessagingPlugin({ clock: () => now }), createMarketplacePlugin({ clock: () => now })] });
    a = await t.signIn({ role: 'tenant_admin', tenant: 'plan-a' });
    b = await t.signIn({ role: 'tenant_admin', tenant: 'plan-b' });
    for (const [tenant, key] of [[a, 'pro'], [b, 'basic']] as const) {
      const plan = await t.inject({ method: 'POST', url: '/api/plans/plans', payload: { key, name: key, priceAmount: key === 'pro' ? 9900 : 1900, currency: 'USD', interval: 'monthly' } });
      expect(plan.statusCode, plan.body).toBe(201);
      const change = await asTenant(tenant.tenant!.id, { method: 'POST', url: '/api/plans/change', payload: { planId: plan.json().id, reason: 'test', effectiveFrom: '2026-01-01T00:00:00Z' } });
      expect(change.statusCode, change.body).toBeLessThan(300);
      const account = await asTenant(tenant.tenant!.id, { method: 'PUT', url: '/api/billing/account', payload: { cycle: 'monthly', anchorDay: 1, currency: 'USD', contactEmail: 'billing@example.test', country: 'GB', billingStartsOn: '2026-02-01' } });
      expect(account.statusCode, account.body).toBe(200);
    }
    proOnly = await publishedAddon(t, { name: 'Pro credits', kind: 'sms_credits', provision: { credits: 300 }, pricing: 'one_off', amountMinor: 2500, allowedPlans: ['pro'] });
  });
  afterAll(async () => t?.close());

  it("sells an add-on only on the plans it is allowed on", async () => {
    expect((await a.inject('/api/marketplace/store/addons')).json().map((x: any) => x.id)).toContain(proOnly);
    expect((await b.inject('/api/marketplace/store/addons')).json().map((x: any) => x.id)).not.toContain(proOnly);
    const refused = await b.inject({ method: 'POST', url: '/api/marketplace/my/purchases', payload: { addonId: proOnly } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'not_on_plan', field: 'addonId' });
  });

  it('shows the next invoice with the purchase, then puts the charge on it once', async () => {
    const quote = (await a.inject(`/api/marketplace/store/addons/${proOnly}/quote`)).json();
    expect(quote.billing).toBe('available');
    expect(quote.nextInvoice.lines).toEqual(expect.arrayContaining([expect.objectContaining({ description: 'Add-on: Pro credits', amountMinor: 2500 })]));
    const bought = await a.inject({ method: 'POST', url: '/api/marketplace/my/purchases', payload: { addonId: proOnly } });
    expect(bought.statusCode, bought.body).toBe(201);
    expect(bought.json()).toMatchObject({ billing: 'charged', charged: true });
    const lines = bought.json().nextInvoice.lines.filter((l: any) => l.description === 'Add-on: Pro credits');
    expect(lines).toEqual([{ description: 'Add-on: Pro credits', amountMinor: 2500 }]);
    expect(bought.json().nextInvoice.totalMinor).toBe(quote.nextInvoice.totalMinor);
  });

  it('refuses an add-on priced in another currency than the tenant’s invoices', async () => {
    const eur = await publishedAddon(t, { name: 'Euro credits', kind: 'sms_credits', provision: { credits: 10 }, pricing: 'one_off', amountMinor: 500, currency: 'EUR' });
    expect((await a.inject(`/api/marketplace/store/addons/${eur}/quote`)).json().blocked).toContain('EUR');
    const res = await a.inject({ method: 'POST', url: '/api/marketplace/my/purchases', payload: { addonId: eur } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'currency_mismatch', field: 'addonId' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { createBillingPlugin } from '@platform/plugin-billing';
import { asTenant, billingClientFixture, changePlan, createPlan, movableClock, putAccount, resolved } from './support/billing-fixture.ts';

describe('billing accounts, tax rates, pending charges (BILLING_CHARGES) and the next-invoice preview', () => {
  let t: TestKernel;
  let a: TestClient;
  let b: TestClient;
  const clock = movableClock('2026-02-15T12:00:00Z');

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [plans, createBillingPlugin({ now: clock.now }), billingClientFixture] });
    a = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-a' });
    b = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-b' });
    const pro = await createPlan(t, { key: 'pro', priceAmount: 9900 });
    await changePlan(t, a.tenant!.id, pro.id, '2026-01-01T00:00:00Z');
    await putAccount(t, a.tenant!.id, { billingStartsOn: '2026-02-01' });
    await putAccount(t, b.tenant!.id, { currency: 'EUR', country: 'DE' });
  });
  afterAll(async () => t?.close());

  it('keeps one account per tenant and audits its changes', async () => {
    const again = await putAccount(t, a.tenant!.id, { billingStartsOn: '2026-02-01', taxId: 'GB123456789', contactName: 'Ada' });
    expect(again).toMatchObject({ tenantId: a.tenant!.id, cycle: 'monthly', anchorDay: 1, currency: 'USD', taxId: 'GB123456789', billingStartsOn: '2026-02-01' });
    const own = (await a.inject('/api/billing/account')).json();
    expect(own.id).toBe(again.id);
    const audit = await t.sql<{ action: string }>("SELECT action FROM audit WHERE action LIKE 'billing.account.%' AND tenant_id = $1 ORDER BY id", [a.tenant!.id]);
    expect(audit.map((r) => r.action)).toEqual(['billing.account.created', 'billing.account.updated']);
  });

  it('refuses bad account input with 400 naming the field and writes nothing', async () => {
    const c = await t.tenant('tenant-c');
    const cases: [Record<string, unknown>, string][] = [
      [{ currency: 'XXX' }, 'currency'],
      [{ currency: 'usd' }, 'currency'],
      [{ anchorDay: 29 }, 'anchorDay'],
      [{ anchorDay: 1.5 }, 'anchorDay'],
      [{ cycle: 'weekly' }, 'cycle'],
      [{ contactEmail: 'not-an-email' }, 'contactEmail'],
      [{ contactName: 'A\u0000B' }, 'contactName'],
      [{ country: 'gbr' }, 'country'],
      [{ billingStartsOn: '2026-13-45' }, 'billingStartsOn'],
    ];
    for (const [fields, field] of cases) {
      const res = await asTenant(t, c.id, { method: 'PUT', url: '/api/billing/account', payload: { cycle: 'monthly', anchorDay: 1, currency: 'USD', ...fields } });
      expect(res.statusCode, JSON.stringify(fields)).toBe(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(JSON.stringify(res.json()), JSON.stringify(fields)).toContain(field);
    }
    expect(await t.sql('SELECT 1 FROM billing_accounts WHERE tenant_id = $1', [c.id])).toHaveLength(0);
  });

  it('addCharge is idempotent on source and sourceId, also when called concurrently', async () => {
    const charge = { tenantId: a.tenant!.id, source: 'marketplace.purchase', sourceId: 'p-1', description: 'SMS bundle 1000', amountMinor: 1500, currency: 'USD' };
    const first = await resolved.charges!.addCharge(charge);
    expect(first.created).toBe(true);
    const again = await resolved.charges!.addCharge(charge);
    expect(again).toEqual({ id: first.id, created: false });
    const racing = await Promise.all(Array.from({ length: 5 }, () => resolved.charges!.addCharge({ ...charge, sourceId: 'p-2' })));
    expect(new Set(racing.map((r) => r.id)).size).toBe(1);
    expect(racing.filter((r) => r.created)).toHaveLength(1);
    const rows = await t.sql("SELECT 1 FROM billing_pending_charges WHERE source = 'marketplace.purchase'");
    expect(rows).toHaveLength(2);
  });

  it('refuses bad charges naming the field: fractional or unsafe minor units, unknown currency, another currency than the account, NUL bytes', async () => {
    const base = { tenantId: a.tenant!.id, source: 'test', sourceId: 'bad', description: 'x', amountMinor: 100, currency: 'USD' };
    const cases: [Record<string, unknown>, string][] = [
      [{ amountMinor: 10.5 }, 'amountMinor'],
      [{ amountMinor: Number.MAX_SAFE_INTEGER + 2 }, 'amountMinor'],
      [{ amountMinor: '100' }, 'amountMinor'],
      [{ currency: 'ABC' }, 'currency'],
      [{ currency: 'EUR' }, 'currency'],
      [{ description: 'a\u0000b' }, 'description'],
      [{ quantity: 0 }, 'quantity'],
      [{ tenantId: 'nope' }, 'tenantId'],
    ];
    for (const [fields, field] of cases) {
      await expect(resolved.charges!.addCharge({ ...base, ...fields } as any), JSON.stringify(fields)).rejects.toMatchObject({ status: 400, field });
    }
    for (const [fields, field] of [
      [{ amountMinor: 1.25 }, 'amountMinor'],
      [{ currency: 'ZZZ' }, 'currency'],
      [{ description: 'x\u0000' }, 'description'],
    ] as const) {
      const res = await asTenant(t, a.tenant!.id, { method: 'POST', url: '/api/billing/charges', payload: { description: 'ok', amountMinor: 100, currency: 'USD', ...fields } });
      expect(res.statusCode).toBe(400);
      expect(JSON.stringify(res.json())).toContain(field);
    }
    const negativePrice = await t.inject({ method: 'PUT', url: '/api/billing/meter-prices', payload: { meter: 'sms.monthly', currency: 'USD', unitPriceMinor: -1 } });
    expect(negativePrice.statusCode).toBe(400);
    expect(JSON.stringify(negativePrice.json())).toContain('unitPriceMinor');
    const badTax = await t.inject({ method: 'PUT', url: '/api/billing/tax-rates', payload: { country: 'GB', label: 'VAT', rateBp: -5, mode: 'exclusive' } });
    expect(badTax.statusCode).toBe(400);
    expect(JSON.stringify(badTax.json())).toContain('rateBp');
    expect(await t.sql("SELECT 1 FROM billing_pending_charges WHERE source_id = 'bad' OR description LIKE 'x%'")).toHaveLength(0);
    expect(await t.sql('SELECT 1 FROM billing_meter_prices')).toHaveLength(0);
    expect(await t.sql('SELECT 1 FROM billing_tax_rates')).toHaveLength(0);
  });

  it('previews the next invoice: plan, pending charges, extra lines, exclusive tax of the country', async () => {
    const vat = await t.inject({ method: 'PUT', url: '/api/billing/tax-rates', payload: { country: 'GB', label: 'VAT 20%', rateBp: 2000, mode: 'exclusive' } });
    expect(vat.statusCode, vat.body).toBe(200);
    const preview = await resolved.charges!.previewNextInvoice(a.tenant!.id, [{ description: 'Add-on confirmation', amountMinor: 1000 }]);
    expect(preview).toMatchObject({ currency: 'USD', periodStart: '2026-02-01', periodEnd: '2026-03-01', issueDate: '2026-03-01' });
    expect(preview!.lines.map((l) => l.amountMinor)).toEqual([9900, 1500, 1500, 1000]);
    expect(preview!.subtotalMinor).toBe(13_900);
    expect(preview!.taxMinor).toBe(2780);
    expect(preview!.totalMinor).toBe(16_680);
    expect(await resolved.charges!.previewNextInvoice((await t.tenant('tenant-no-account')).id)).toBeNull();
    const viaApi = (await a.inject('/api/billing/preview')).json();
    expect(viaApi.totalMinor).toBe(15_480);
    // A tenant with nothing billed yet: no invoice is coming, said as null (not an error its billing page must hide).
    const noAccount = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-no-account' });
    const none = await noAccount.inject('/api/billing/preview');
    expect(none.statusCode, none.body).toBe(200);
    expect(none.json()).toBeNull();
  });

  it("a tenant sees only its own account, charges and preview, and cannot write billing or reach staff routes", async () => {
    await resolved.charges!.addCharge({ tenantId: b.tenant!.id, source: 'marketplace.purchase', sourceId: 'b-1', description: 'B add-on', amountMinor: 700, currency: 'EUR' });
    const chargesB = (await b.inject('/api/billing/charges')).json();
    expect(chargesB.map((c: any) => c.description)).toEqual(['B add-on']);
    const chargesA = (await a.inject('/api/billing/charges')).json();
    expect(chargesA.every((c: any) => c.tenantId === a.tenant!.id)).toBe(true);
    expect((await b.inject('/api/billing/account')).json().currency).toBe('EUR');
    for (const url of ['/api/billing/account', '/api/billing/charges', '/api/billing/preview']) {
      const res = await a.inject({ method: 'GET', url, headers: { 'x-tenant-id': b.tenant!.id } });
      expect(res.statusCode, url).toBe(403);
    }
    expect((await a.inject({ method: 'PUT', url: '/api/billing/account', payload: { cycle: 'monthly', anchorDay: 1, currency: 'USD' } })).statusCode).toBe(403);
    expect((await a.inject({ method: 'POST', url: '/api/billing/charges', payload: { description: 'free money', amountMinor: -100000, currency: 'USD' } })).statusCode).toBe(403);
    for (const url of ['/api/billing/accounts', '/api/billing/tax-rates', '/api/billing/meter-prices']) expect((await a.inject(url)).statusCode, url).toBe(403);
    expect((await a.inject({ method: 'PUT', url: '/api/billing/tax-rates', payload: { tenantId: a.tenant!.id, label: 'none', rateBp: 0, mode: 'exclusive' } })).statusCode).toBe(403);
  });
});

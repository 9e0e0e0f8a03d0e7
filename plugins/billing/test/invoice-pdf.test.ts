import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { createBillingPlugin } from '@platform/plugin-billing';
import { billingClientFixture, changePlan, createPlan, movableClock, putAccount, resolved } from './support/billing-fixture.ts';
import { pdfText } from './support/pdf-text.ts';

describe('invoice PDFs', () => {
  let t: TestKernel;
  let a: TestClient;
  let b: TestClient;
  const clock = movableClock('2026-04-20T00:00:00Z');

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [plans, createBillingPlugin({ now: clock.now, issuerName: 'Acme Platform Ltd' }), billingClientFixture] });
    a = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-a' });
    b = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-b' });
    const pro = await createPlan(t, { key: 'pro', name: 'Pro', priceAmount: 4900, currency: 'EUR' });
    await changePlan(t, a.tenant!.id, pro.id, '2026-03-20T00:00:00Z');
    await putAccount(t, a.tenant!.id, { currency: 'EUR', billingStartsOn: '2026-04-01', contactName: 'Ada Lovelace', taxId: 'DE811907980', country: 'DE' });
    await t.inject({ method: 'PUT', url: '/api/billing/tax-rates', payload: { country: 'DE', label: 'USt', rateBp: 1900, mode: 'exclusive' } });
    await resolved.charges!.addCharge({ tenantId: a.tenant!.id, source: 'marketplace.purchase', sourceId: 'pdf-1', description: 'Add-on: 1,000 SMS credits', amountMinor: 1250, currency: 'EUR' });
    clock.set('2026-05-10T00:00:00Z');
    expect((await t.inject({ method: 'POST', url: '/api/billing/cycle/run' })).json().created).toBe(1);
  });
  afterAll(async () => t?.close());

  it('renders the number, contact, lines, tax and totals as text a PDF reader extracts', async () => {
    const [invoice] = (await a.inject('/api/billing/invoices')).json();
    const res = await a.inject(`/api/billing/invoices/${invoice.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${invoice.number}.pdf"`);
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(res.rawPayload);
    for (const expected of [
      `Invoice ${invoice.number}`,
      'Acme Platform Ltd',
      'Ada Lovelace',
      'Tax id: DE811907980',
      'Period: 2026-04-01 to 2026-05-01',
      'Pro plan',
      'Add-on: 1,000 SMS credits',
      '12.50',
      'EUR 61.50', // subtotal 49.00 + 12.50
      'USt (19.00%, exclusive)',
      'EUR 11.69', // 19 % of 61.50 = 11.685 → 11.69 (half away from zero)
      'EUR 73.19',
      'Amount due',
    ])
      expect(text).toContain(expected);
  });

  it("another tenant cannot download it", async () => {
    const [invoice] = (await a.inject('/api/billing/invoices')).json();
    expect((await b.inject(`/api/billing/invoices/${invoice.id}/pdf`)).statusCode).toBe(404);
    expect((await b.inject({ method: 'GET', url: `/api/billing/invoices/${invoice.id}/pdf`, headers: { 'x-tenant-id': a.tenant!.id } })).statusCode).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { createBillingPlugin } from '@platform/plugin-billing';
import { billingClientFixture, changePlan, createPlan, movableClock, putAccount, resolved } from './support/billing-fixture.ts';

const TENANTS = 24;

describe('the billing cycle on two instances at once', () => {
  let first: TestKernel;
  let second: TestKernel;
  const clock = movableClock('2026-02-10T00:00:00Z');

  beforeAll(async () => {
    first = await createTestKernel({ plugins: [plans, createBillingPlugin({ now: clock.now, cycleBatchSize: 5 }), billingClientFixture] });
    const pro = await createPlan(first, { key: 'pro', priceAmount: 4900 });
    for (let i = 0; i < TENANTS; i++) {
      const tenant = await first.tenant(`tenant-${i}`);
      await changePlan(first, tenant.id, pro.id, '2026-01-01T00:00:00Z');
      await putAccount(first, tenant.id, { billingStartsOn: '2026-01-01', anchorDay: 1 + (i % 3) });
      await resolved.charges!.addCharge({ tenantId: tenant.id, source: 'test', sourceId: `c-${i}`, description: 'one-off', amountMinor: 100 + i, currency: 'USD' });
    }
    // A second kernel on the same database: another instance with its own connections and its own scheduler.
    second = await createTestKernel({ databaseUrl: first.databaseUrl!, plugins: [plans, createBillingPlugin({ now: clock.now, cycleBatchSize: 7 })] });
    clock.set('2026-03-15T00:00:00Z');
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('two racing runs give one invoice per tenant and period, consecutive numbers, each charge invoiced once', async () => {
    const results = await Promise.all([
      first.kernel.services.jobs.runNow('billing.invoice-cycle').then(() => 'first'),
      second.inject({ method: 'POST', url: '/api/billing/cycle/run' }).then((r) => r.json()),
      first.inject({ method: 'POST', url: '/api/billing/cycle/run' }).then((r) => r.json()),
    ]);
    expect(results).toHaveLength(3);
    const invoices = await first.sql<{ tenant_id: string; period_start: string; sequence: string; total_minor: string }>(
      "SELECT tenant_id::text, period_start::text, sequence::text, total_minor::text FROM billing_invoices WHERE kind = 'cycle' ORDER BY billing_invoices.sequence",
    );
    // January and February for anchor day 1; for anchor days 2 and 3 also the period containing January 1st (from December)
    const expected = Array.from({ length: TENANTS }, (_, i) => (i % 3 === 0 ? 2 : 3)).reduce((s, n) => s + n, 0);
    expect(invoices).toHaveLength(expected);
    expect(new Set(invoices.map((i) => `${i.tenant_id}/${i.period_start}`)).size).toBe(expected);
    expect(invoices.map((i) => Number(i.sequence))).toEqual(Array.from({ length: expected }, (_, i) => i + 1));
    const charges = await first.sql<{ n: string; invoiced: string }>("SELECT count(*)::text AS n, count(invoice_id)::text AS invoiced FROM billing_pending_charges WHERE source = 'test'");
    expect(charges[0]).toEqual({ n: String(TENANTS), invoiced: String(TENANTS) });
    const lines = await first.sql<{ n: string }>("SELECT count(*)::text AS n FROM billing_invoice_lines WHERE source = 'test'");
    expect(Number(lines[0]!.n)).toBe(TENANTS);
  });

  it('running again on either instance changes nothing', async () => {
    const before = await first.sql('SELECT id, number, total_minor, state FROM billing_invoices ORDER BY sequence');
    await Promise.all([second.kernel.services.jobs.runNow('billing.invoice-cycle'), first.kernel.services.jobs.runNow('billing.invoice-cycle')]);
    expect(await first.sql('SELECT id, number, total_minor, state FROM billing_invoices ORDER BY sequence')).toEqual(before);
  });
});

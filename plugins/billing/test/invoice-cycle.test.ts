import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { createBillingPlugin } from '@platform/plugin-billing';
import { asTenant, billingClientFixture, changePlan, createPlan, movableClock, putAccount, resolved } from './support/billing-fixture.ts';

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe('the billing cycle: invoices from plan, prorations, overage, charges and tax', () => {
  let t: TestKernel;
  let a: TestClient;
  let b: TestClient;
  let pro: any;
  let max: any;
  const clock = movableClock('2026-02-15T12:00:00Z');

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [plans, createBillingPlugin({ now: clock.now, cycleBatchSize: 3 }), billingClientFixture] });
    a = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-a' });
    b = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-b' });
    pro = await createPlan(t, { key: 'pro', priceAmount: 9900, quotas: { 'sms.monthly': 100, seats: 5 } });
    max = await createPlan(t, { key: 'max', priceAmount: 19_900, quotas: { 'sms.monthly': 1000, seats: 50 } });
    await changePlan(t, a.tenant!.id, pro.id, '2026-01-01T00:00:00Z');
    await changePlan(t, a.tenant!.id, max.id, '2026-02-10T00:00:00Z');
    await changePlan(t, a.tenant!.id, pro.id, '2026-02-20T00:00:00Z');
    await changePlan(t, b.tenant!.id, pro.id, '2026-01-01T00:00:00Z');
    const c = await t.tenant('tenant-c');
    await changePlan(t, c.id, pro.id, '2026-02-15T00:00:00Z'); // a first plan in the middle of the period
    await putAccount(t, c.id, { billingStartsOn: '2026-02-01', country: null });
    await putAccount(t, a.tenant!.id, { billingStartsOn: '2026-02-01', country: 'GB' });
    await putAccount(t, b.tenant!.id, { billingStartsOn: '2026-02-01', country: null });
    expect((await t.inject({ method: 'PUT', url: '/api/billing/tax-rates', payload: { country: 'GB', label: 'VAT 20%', rateBp: 2000, mode: 'exclusive' } })).statusCode).toBe(200);
    expect((await t.inject({ method: 'PUT', url: '/api/billing/tax-rates', payload: { tenantId: b.tenant!.id, label: 'GST 19% incl.', rateBp: 1900, mode: 'inclusive' } })).statusCode).toBe(200);
    expect((await t.inject({ method: 'PUT', url: '/api/billing/meter-prices', payload: { meter: 'sms.monthly', currency: 'USD', unitPriceMinor: 5 } })).statusCode).toBe(200);
    expect((await t.inject({ method: 'PUT', url: '/api/billing/meter-prices', payload: { meter: 'seats', currency: 'USD', unitPriceMinor: 1000 } })).statusCode).toBe(200);
    await resolved.usage!.record(a.tenant!.id, 'sms.monthly', 130, { at: '2026-02-15T00:00:00Z', idempotencyKey: 'feb-sms' });
    await resolved.usage!.record(a.tenant!.id, 'sms.monthly', 500, { at: '2026-03-02T00:00:00Z', idempotencyKey: 'mar-sms' }); // next period
    await resolved.usage!.record(a.tenant!.id, 'seats', 9, { at: '2026-02-03T00:00:00Z', idempotencyKey: 'seats' }); // running total: never overage-billed
    await resolved.charges!.addCharge({ tenantId: a.tenant!.id, source: 'marketplace.purchase', sourceId: 'addon-1', description: 'Add-on: SMS bundle', amountMinor: 1500, currency: 'USD' });
    await resolved.charges!.addCharge({ tenantId: b.tenant!.id, source: 'marketplace.purchase', sourceId: 'addon-2', description: 'Add-on: refund', amountMinor: -20_000, currency: 'USD' });
    clock.set('2026-03-05T08:00:00Z');
  });
  afterAll(async () => t?.close());

  it('invoices the period that is over: plan at its start, each plan change prorated, overage beyond quota, pending charges, exclusive tax', async () => {
    const run = (await t.inject({ method: 'POST', url: '/api/billing/cycle/run' })).json();
    expect(run).toMatchObject({ created: 3 });
    const [invoice] = (await a.inject('/api/billing/invoices')).json();
    const full = (await a.inject(`/api/billing/invoices/${invoice.id}`)).json();
    expect(full).toMatchObject({ state: 'open', currency: 'USD', periodStart: '2026-02-01', periodEnd: '2026-03-01', kind: 'cycle', tax: { rateBp: 2000, mode: 'exclusive' } });
    expect(full.lines.map((l: any) => l.kind)).toEqual(['plan', 'proration', 'proration', 'overage', 'charge']);
    const history = (await asTenant(t, a.tenant!.id, { url: '/api/plans/history' })).json();
    const nets = history.filter((h: any) => h.proration && h.effectiveFrom >= '2026-02').map((h: any) => h.proration.net);
    expect(full.lines[0].amountMinor).toBe(9900);
    expect(full.lines.slice(1, 3).map((l: any) => l.amountMinor).sort()).toEqual([...nets].sort());
    // up for 10 days of 28 at the price difference, within the rounding of two shares
    expect(Math.abs(sum(nets) - (19_900 - 9900) * 10 / 28)).toBeLessThanOrEqual(1);
    expect(full.lines[3]).toMatchObject({ quantity: 30, unitAmountMinor: 5, amountMinor: 150 });
    expect(full.lines[4]).toMatchObject({ description: 'Add-on: SMS bundle', amountMinor: 1500, source: 'marketplace.purchase', sourceId: 'addon-1' });
    expect(full.subtotalMinor).toBe(sum(full.lines.map((l: any) => l.amountMinor)));
    expect(full.taxMinor).toBe(Math.round(full.subtotalMinor * 0.2)); // 20 % of an integer: exact here
    expect(full.totalMinor).toBe(full.subtotalMinor + full.taxMinor);
    expect(full.amountDueMinor).toBe(full.totalMinor);
    expect(full.number).toMatch(/^INV-\d{6}$/);
    expect(full.billTo).toMatchObject({ email: 'billing@example.test', country: 'GB' });
    expect((await a.inject('/api/billing/charges')).json()).toEqual([]);
  });

  it('a first plan started during the period is charged for the days left of it', async () => {
    const c = await t.tenant('tenant-c');
    const [invoice] = (await asTenant(t, c.id, { url: '/api/billing/invoices' })).json();
    const full = (await asTenant(t, c.id, { url: `/api/billing/invoices/${invoice.id}` })).json();
    expect(full.lines).toMatchObject([{ kind: 'plan', description: 'pro plan from 2026-02-15 (14 of 28 days)', amountMinor: 4950 }]);
    expect(full.totalMinor).toBe(4950);
  });

  it('a credit larger than the charges is carried to the next invoice, never taxed negative (inclusive tax)', async () => {
    const [invoice] = (await b.inject('/api/billing/invoices')).json();
    const full = (await b.inject(`/api/billing/invoices/${invoice.id}`)).json();
    expect(full.lines.map((l: any) => l.amountMinor)).toEqual([9900, -20_000, 10_100]);
    expect(full).toMatchObject({ subtotalMinor: 0, taxMinor: 0, totalMinor: 0, state: 'paid', tax: { mode: 'inclusive' } });
    const pending = (await b.inject('/api/billing/charges')).json();
    expect(pending).toMatchObject([{ amountMinor: -10_100, source: 'billing.carry', sourceId: invoice.id }]);
  });

  it('is idempotent: a re-run creates nothing; the next period is invoiced once it is over', async () => {
    const before = await t.sql('SELECT id, number, total_minor FROM billing_invoices ORDER BY sequence');
    expect((await t.inject({ method: 'POST', url: '/api/billing/cycle/run' })).json()).toMatchObject({ created: 0 });
    await t.kernel.services.jobs.runNow('billing.invoice-cycle');
    expect(await t.sql('SELECT id, number, total_minor FROM billing_invoices ORDER BY sequence')).toEqual(before);
    clock.set('2026-04-01T00:00:00Z');
    expect((await t.inject({ method: 'POST', url: '/api/billing/cycle/run' })).json()).toMatchObject({ created: 3 });
    const march = (await b.inject('/api/billing/invoices')).json().find((i: any) => i.periodStart === '2026-03-01');
    const lines = (await b.inject(`/api/billing/invoices/${march.id}`)).json().lines;
    expect(lines.map((l: any) => l.amountMinor)).toEqual([9900, -10_100, 200]); // the carried credit used up, 2.00 carried on
    const marchA = (await a.inject('/api/billing/invoices')).json().find((i: any) => i.periodStart === '2026-03-01');
    const linesA = (await a.inject(`/api/billing/invoices/${marchA.id}`)).json().lines;
    expect(linesA.map((l: any) => [l.kind, l.amountMinor])).toEqual([['plan', 9900], ['overage', 2000]]); // 500 SMS, 100 included, 5 each
  });

  it('numbers are consecutive per issuer with no gap, including finalized manual invoices', async () => {
    const draft = await asTenant(t, a.tenant!.id, { method: 'POST', url: '/api/billing/invoices', payload: { lines: [{ description: 'Onboarding workshop', quantity: 2, unitAmountMinor: 25_000 }], memo: 'Agreed by email' } });
    expect(draft.statusCode, draft.body).toBe(201);
    expect(draft.json()).toMatchObject({ state: 'draft', number: null, subtotalMinor: 50_000, taxMinor: 10_000, totalMinor: 60_000 });
    const finalized = await t.inject({ method: 'POST', url: `/api/billing/invoices/${draft.json().id}/finalize` });
    expect(finalized.statusCode, finalized.body).toBe(200);
    const rows = await t.sql<{ sequence: string; number: string }>('SELECT sequence::text, number FROM billing_invoices WHERE sequence IS NOT NULL ORDER BY billing_invoices.sequence');
    expect(rows.map((r) => Number(r.sequence))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(rows.at(-1)!.number).toBe('INV-000007');
    const [counter] = await t.sql<{ last_number: string }>("SELECT last_number::text FROM billing_invoice_counters WHERE issuer = 'platform'");
    expect(Number(counter!.last_number)).toBe(7);
    const issued = await t.sql<{ tenant_id: string; target_id: string; actor_label: string }>("SELECT tenant_id::text, target_id, actor_label FROM audit WHERE action = 'billing.invoice.issued'");
    const cycleInvoices = await t.sql<{ id: string; tenant_id: string }>("SELECT id::text, tenant_id::text FROM billing_invoices WHERE kind = 'cycle'");
    expect(issued.map((r) => `${r.tenant_id}/${r.target_id}`).sort()).toEqual(cycleInvoices.map((r) => `${r.tenant_id}/${r.id}`).sort());
    expect(issued.every((r) => r.actor_label === 'plugin:billing')).toBe(true);
  });

  it('refuses bad manual invoices naming the field, writing nothing', async () => {
    const before = await t.sql('SELECT id FROM billing_invoices');
    for (const [line, field] of [
      [{ description: 'x', quantity: 1, unitAmountMinor: -100 }, 'unitAmountMinor'],
      [{ description: 'x', quantity: 1, unitAmountMinor: 99.5 }, 'unitAmountMinor'],
      [{ description: 'x', quantity: 0, unitAmountMinor: 100 }, 'quantity'],
      [{ description: 'x\u0000', quantity: 1, unitAmountMinor: 100 }, 'description'],
    ] as const) {
      const res = await asTenant(t, a.tenant!.id, { method: 'POST', url: '/api/billing/invoices', payload: { lines: [line] } });
      expect(res.statusCode, JSON.stringify(line)).toBe(400);
      expect(JSON.stringify(res.json())).toContain(field);
    }
    expect(await t.sql('SELECT id FROM billing_invoices')).toHaveLength(before.length);
  });

  it('moves through the states it may, refuses the others, and audits each change', async () => {
    const [latest] = (await a.inject('/api/billing/invoices?state=open')).json();
    const bad = await t.inject({ method: 'POST', url: `/api/billing/invoices/${latest.id}/finalize` });
    expect(bad.statusCode).toBe(409);
    expect((await t.inject({ method: 'POST', url: `/api/billing/invoices/${latest.id}/void`, payload: { reason: ' ' } })).statusCode).toBe(400);
    const written = await t.inject({ method: 'POST', url: `/api/billing/invoices/${latest.id}/uncollectible`, payload: { reason: 'Customer insolvent' } });
    expect(written.json().state).toBe('uncollectible');
    const voided = await t.inject({ method: 'POST', url: `/api/billing/invoices/${latest.id}/void`, payload: { reason: 'Wrong customer' } });
    expect(voided.json()).toMatchObject({ state: 'void', number: latest.number });
    expect((await t.inject({ method: 'POST', url: `/api/billing/invoices/${latest.id}/void`, payload: { reason: 'again' } })).statusCode).toBe(409);
    const audit = await t.sql<{ action: string; reason: string | null }>('SELECT action, reason FROM audit WHERE target_id = $1 ORDER BY id', [latest.id]);
    expect(audit.map((r) => r.action)).toEqual(expect.arrayContaining(['billing.invoice.uncollectible', 'billing.invoice.voided']));
    expect(audit.find((r) => r.action === 'billing.invoice.voided')!.reason).toBe('Wrong customer');
    expect(await t.sql('SELECT 1 FROM billing_invoices WHERE id = $1', [latest.id])).toHaveLength(1);
  });

  it("a tenant cannot see, change or run invoices of another tenant", async () => {
    const invoicesA = (await a.inject('/api/billing/invoices')).json();
    const invoicesB = (await b.inject('/api/billing/invoices')).json();
    expect(invoicesB.every((i: any) => i.tenantId === b.tenant!.id)).toBe(true);
    const aId = invoicesA[0].id;
    expect((await b.inject(`/api/billing/invoices/${aId}`)).statusCode).toBe(404);
    expect((await b.inject({ method: 'GET', url: `/api/billing/invoices?tenantId=${a.tenant!.id}` })).statusCode).toBe(403);
    expect((await b.inject({ method: 'GET', url: '/api/billing/invoices', headers: { 'x-tenant-id': a.tenant!.id } })).statusCode).toBe(403);
    for (const path of ['finalize', 'void', 'uncollectible']) {
      const res = await b.inject({ method: 'POST', url: `/api/billing/invoices/${aId}/${path}`, payload: { reason: 'mine now' } });
      expect(res.statusCode, path).toBe(403);
    }
    expect((await b.inject({ method: 'POST', url: '/api/billing/invoices', payload: { lines: [{ description: 'x', quantity: 1, unitAmountMinor: 1 }] } })).statusCode).toBe(403);
    expect((await b.inject({ method: 'POST', url: '/api/billing/cycle/run' })).statusCode).toBe(403);
    const support = await t.signIn({ role: 'support', tenant: 'tenant-b' });
    expect((await support.inject(`/api/billing/invoices/${aId}`)).statusCode).toBe(404);
  });

  it('staff reports: overview figures and the overage report; tenants cannot read them', async () => {
    const o = (await t.inject('/api/billing/overview?currency=USD')).json();
    expect(o).toMatchObject({ currency: 'USD', mrrMinor: 3 * 9900, arrMinor: 12 * 3 * 9900 });
    expect(o.months).toHaveLength(12);
    const open = await t.sql<{ due: string }>("SELECT coalesce(sum(total_minor - amount_paid_minor - amount_credited_minor), 0)::text AS due FROM billing_invoices WHERE currency = 'USD' AND state IN ('open', 'uncollectible')");
    expect(o.outstandingMinor).toBe(Number(open[0]!.due));
    expect(o.months.reduce((s: number, m: any) => s + m.invoicedMinor, 0)).toBeGreaterThan(0);
    const overage = (await t.inject('/api/billing/overage-report?since=2026-01-01')).json();
    expect(overage).toEqual(expect.arrayContaining([expect.objectContaining({ tenantId: a.tenant!.id, meter: 'sms.monthly', quantity: 430, amountMinor: 2150 })]));
    expect((await t.inject('/api/billing/overview?currency=XYZ')).statusCode).toBe(400);
    expect((await a.inject('/api/billing/overview')).statusCode).toBe(403);
    expect((await a.inject('/api/billing/overage-report')).statusCode).toBe(403);
  });
});

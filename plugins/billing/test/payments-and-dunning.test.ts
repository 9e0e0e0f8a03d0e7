import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { createBillingPlugin } from '@platform/plugin-billing';
import { asTenant, billingClientFixture, changePlan, createPlan, movableClock, putAccount } from './support/billing-fixture.ts';
import { fakePayPlugin, signFakePay, startFakePayApi } from './support/fake-pay-provider.ts';

describe('payments through a provider plugin, webhooks, manual payments and dunning', () => {
  let t: TestKernel;
  let a: TestClient;
  let b: TestClient;
  let api: Awaited<ReturnType<typeof startFakePayApi>>;
  let config: any;
  const clock = movableClock('2026-02-10T00:00:00Z');
  const invoiceOf = async (client: TestClient) => (await client.inject('/api/billing/invoices')).json()[0];
  const webhook = (body: object, secret = 'whsec_test') => {
    const raw = JSON.stringify(body);
    return t.inject({ method: 'POST', url: `/api/billing/webhooks/${config.id}`, payload: raw, headers: { 'content-type': 'application/json', 'x-fakepay-signature': signFakePay(secret, raw) } });
  };

  beforeAll(async () => {
    api = await startFakePayApi();
    t = await createTestKernel({ plugins: [plans, createBillingPlugin({ now: clock.now }), billingClientFixture, fakePayPlugin] });
    a = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-a' });
    b = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-b' });
    const pro = await createPlan(t, { key: 'pro', priceAmount: 9900 });
    await createPlan(t, { key: 'free', priceAmount: 0 });
    for (const c of [a, b]) {
      await changePlan(t, c.tenant!.id, pro.id, '2026-01-01T00:00:00Z');
      await putAccount(t, c.tenant!.id, { billingStartsOn: '2026-01-01' });
    }
    expect((await t.inject({ method: 'POST', url: '/api/billing/cycle/run' })).json().created).toBe(2);
  });
  afterAll(async () => {
    await t?.close();
    await api?.close();
  });

  it('validates provider settings against the provider schema (400 naming the field) and masks secrets', async () => {
    const bad = await t.inject({ method: 'POST', url: '/api/billing/payment-configs', payload: { providerId: 'fakepay', name: 'FakePay', settings: { baseUrl: api.url, apiKey: 'k' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toMatch(/^settings\.(apiKey|webhookSecret)$/);
    const unknown = await t.inject({ method: 'POST', url: '/api/billing/payment-configs', payload: { providerId: 'nope', name: 'x', settings: {} } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().field).toBe('providerId');
    const res = await t.inject({ method: 'POST', url: '/api/billing/payment-configs', payload: { providerId: 'fakepay', name: 'FakePay', settings: { baseUrl: api.url, apiKey: 'key_test', webhookSecret: 'whsec_test' }, isDefault: true } });
    expect(res.statusCode, res.body).toBe(201);
    config = res.json();
    expect(JSON.stringify(config.settings)).not.toContain('key_test');
    const [stored] = await t.sql<{ settings: any }>('SELECT settings FROM billing_payment_configs WHERE id = $1', [config.id]);
    expect(JSON.stringify(stored!.settings)).not.toContain('whsec_test');
    expect((await a.inject('/api/billing/payment-configs')).statusCode).toBe(403);
    // FakePay implements no paymentMethods contract: saved methods are refused, naming the provider, nothing written.
    expect((await a.inject('/api/billing/payment-methods')).json()).toEqual({ supported: false, providerId: 'fakepay', methods: [] });
    for (const res of [await a.inject({ method: 'POST', url: '/api/billing/payment-methods/setup' }), await a.inject({ method: 'POST', url: '/api/billing/payment-methods', payload: { paymentMethodRef: 'pm_x' } })]) {
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ code: 'not_supported', field: 'providerId' });
    }
    expect(await t.sql('SELECT 1 FROM billing_customers')).toEqual([]);
  });

  it('a tenant admin pays its open invoice through the provider; another tenant cannot pay or see it', async () => {
    const invoice = await invoiceOf(a);
    expect((await b.inject({ method: 'POST', url: `/api/billing/invoices/${invoice.id}/pay` })).statusCode).toBe(404);
    expect((await b.inject({ method: 'POST', url: `/api/billing/invoices/${invoice.id}/pay`, headers: { 'x-tenant-id': a.tenant!.id } })).statusCode).toBe(403);
    const paid = await a.inject({ method: 'POST', url: `/api/billing/invoices/${invoice.id}/pay` });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'succeeded', amountMinor: 9900, method: 'provider' });
    expect(api.charges.at(-1)).toMatchObject({ amountMinor: 9900, currency: 'USD', reference: invoice.id, customerRef: expect.stringMatching(/^cus_/) });
    expect((await a.inject(`/api/billing/invoices/${invoice.id}`)).json()).toMatchObject({ state: 'paid', amountPaidMinor: 9900, amountDueMinor: 0 });
    expect((await a.inject({ method: 'POST', url: `/api/billing/invoices/${invoice.id}/pay` })).statusCode).toBe(409);
    const history = (await a.inject('/api/billing/payments')).json();
    expect(history.map((p: any) => p.invoiceId)).toEqual([invoice.id]);
    expect((await b.inject('/api/billing/payments')).json()).toEqual([]);
    const audit = await t.sql<{ action: string }>("SELECT action FROM audit WHERE target_id = $1 AND action = 'billing.invoice.paid'", [invoice.id]);
    expect(audit).toHaveLength(1);
  });

  it('webhooks: a bad signature is 401 and changes nothing; the same event twice is one state change', async () => {
    api.setMode('async');
    const invoice = await invoiceOf(b);
    const pending = await b.inject({ method: 'POST', url: `/api/billing/invoices/${invoice.id}/pay` });
    expect(pending.json().status).toBe('processing');
    const event = { id: 'evt_1', type: 'charge.succeeded', charge: pending.json().providerRef };
    const forged = await webhook(event, 'wrong-secret');
    expect(forged.statusCode).toBe(401);
    expect((await b.inject(`/api/billing/invoices/${invoice.id}`)).json().state).toBe('open');
    const [first, second] = await Promise.all([webhook(event), webhook(event)]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect([first.json().applied, second.json().applied].sort()).toEqual([0, 1]);
    expect((await webhook(event)).json()).toMatchObject({ applied: 0, duplicates: 1 });
    expect((await b.inject(`/api/billing/invoices/${invoice.id}`)).json()).toMatchObject({ state: 'paid', amountPaidMinor: 9900 });
    const paidAudits = await t.sql("SELECT 1 FROM audit WHERE target_id = $1 AND action = 'billing.invoice.paid'", [invoice.id]);
    expect(paidAudits).toHaveLength(1);
    expect(await t.sql("SELECT 1 FROM billing_webhook_events WHERE event_id = 'evt_1'")).toHaveLength(1);
    expect((await t.inject({ method: 'POST', url: `/api/billing/webhooks/${config.id}`, payload: 'not json', headers: { 'content-type': 'text/plain', 'x-fakepay-signature': signFakePay('whsec_test', 'not json') } })).statusCode).toBe(400);
    expect((await t.inject({ method: 'POST', url: '/api/billing/webhooks/00000000-0000-4000-8000-000000000000', payload: '{}' })).statusCode).toBe(404);
  });

  it('staff record a manual payment with a reason; bad amounts are 400 naming the field and write nothing', async () => {
    clock.set('2026-03-05T00:00:00Z');
    expect((await t.inject({ method: 'POST', url: '/api/billing/cycle/run' })).json().created).toBe(2);
    const invoice = await invoiceOf(a);
    const before = await t.sql('SELECT id FROM billing_payments');
    for (const [payload, field] of [
      [{ amountMinor: -100, method: 'bank_transfer', reason: 'x' }, 'amountMinor'],
      [{ amountMinor: 10.5, method: 'bank_transfer', reason: 'x' }, 'amountMinor'],
      [{ amountMinor: 100, method: 'bank_transfer' }, 'reason'],
      [{ amountMinor: 100, method: 'gold', reason: 'x' }, 'method'],
    ] as const) {
      const res = await t.inject({ method: 'POST', url: `/api/billing/invoices/${invoice.id}/payments`, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(JSON.stringify(res.json())).toContain(field);
    }
    expect((await t.inject({ method: 'POST', url: `/api/billing/invoices/${invoice.id}/payments`, payload: { amountMinor: 99_999, method: 'bank_transfer', reason: 'too much' } })).statusCode).toBe(409);
    expect(await t.sql('SELECT id FROM billing_payments')).toHaveLength(before.length);
    expect((await a.inject({ method: 'POST', url: `/api/billing/invoices/${invoice.id}/payments`, payload: { amountMinor: 100, method: 'cash', reason: 'self-service' } })).statusCode).toBe(403);
    const part = await t.inject({ method: 'POST', url: `/api/billing/invoices/${invoice.id}/payments`, payload: { amountMinor: 4000, method: 'bank_transfer', reason: 'Wire ref 123' } });
    expect(part.statusCode, part.body).toBe(201);
    expect(part.json().invoice).toMatchObject({ state: 'open', amountDueMinor: 5900 });
    const rest = await t.inject({ method: 'POST', url: `/api/billing/invoices/${invoice.id}/payments`, payload: { amountMinor: 5900, method: 'bank_transfer', reason: 'Wire ref 124' } });
    expect(rest.json().invoice).toMatchObject({ state: 'paid', amountPaidMinor: 9900 });
    const audit = await t.sql<{ action: string; reason: string }>("SELECT action, reason FROM audit WHERE target_id = $1 AND action LIKE 'billing.invoice.%paid' ORDER BY id", [invoice.id]);
    expect(audit).toEqual([{ action: 'billing.invoice.partially_paid', reason: 'Wire ref 123' }, { action: 'billing.invoice.paid', reason: 'Wire ref 124' }]);
  });

  it('dunning: declined collections are retried on the schedule, a durable billing.payment.failed event for each (its emails: billing-emails-and-dunning.test.ts), and after the last the tenant is downgraded, every step audited', async () => {
    expect((await t.inject({ method: 'PUT', url: '/api/plugins/billing/settings', payload: { dunningRetryDays: [1, 3], dunningMaxFailures: 3, dunningAction: 'downgrade', dunningDowngradePlanKey: 'free' } })).statusCode).toBeLessThan(300);
    api.setMode('decline');
    const invoice = await invoiceOf(b);
    expect(invoice).toMatchObject({ state: 'open', nextCollectionAt: '2026-03-05T00:00:00.000Z' });
    await t.kernel.services.jobs.runNow('billing.collect-and-dun');
    let now = (await b.inject(`/api/billing/invoices/${invoice.id}`)).json();
    expect(now).toMatchObject({ state: 'open', paymentFailures: 1, nextCollectionAt: '2026-03-06T00:00:00.000Z' });
    await t.kernel.services.jobs.runNow('billing.collect-and-dun'); // not due yet
    expect((await b.inject(`/api/billing/invoices/${invoice.id}`)).json().paymentFailures).toBe(1);
    clock.set('2026-03-06T01:00:00Z');
    await t.kernel.services.jobs.runNow('billing.collect-and-dun');
    now = (await b.inject(`/api/billing/invoices/${invoice.id}`)).json();
    expect(now).toMatchObject({ paymentFailures: 2, nextCollectionAt: '2026-03-08T00:00:00.000Z' });
    clock.set('2026-03-08T01:00:00Z');
    await t.kernel.services.jobs.runNow('billing.collect-and-dun');
    now = (await b.inject(`/api/billing/invoices/${invoice.id}`)).json();
    expect(now).toMatchObject({ state: 'open', paymentFailures: 3, nextCollectionAt: null, dunningAction: 'downgrade' });
    await t.kernel.services.events.drain();
    expect((await asTenant(t, b.tenant!.id, { url: '/api/plans/current' })).json().plan.key).toBe('free');
    const steps = await t.sql<{ action: string }>("SELECT action FROM audit WHERE target_id = $1 AND action LIKE 'billing.dunning.%' ORDER BY id", [invoice.id]);
    expect(steps.map((s) => s.action)).toEqual(['billing.dunning.payment_failed', 'billing.dunning.payment_failed', 'billing.dunning.payment_failed', 'billing.dunning.action']);
    expect((await b.inject('/api/billing/payments')).json().filter((p: any) => p.status === 'failed')).toHaveLength(3);
    const failed = await t.sql<{ payload: any }>("SELECT payload FROM kernel_outbox WHERE name = 'billing.payment.failed' ORDER BY id");
    expect(failed.map((e) => [e.payload.failures, e.payload.action])).toEqual([[1, null], [2, null], [3, 'downgrade']]);
  });

  it('credit notes: a refund goes back through the provider that took the payment, a correction lowers an open invoice, numbered CN-… without gaps', async () => {
    api.setMode('succeed');
    const paid = (await a.inject('/api/billing/invoices?state=paid')).json().find((i: any) => i.periodStart === '2026-01-01');
    const tooMuch = await t.inject({ method: 'POST', url: `/api/billing/invoices/${paid.id}/credit-notes`, payload: { kind: 'refund', amountMinor: 9901, reason: 'x' } });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json().field).toBe('amountMinor');
    expect((await t.inject({ method: 'POST', url: `/api/billing/invoices/${paid.id}/credit-notes`, payload: { kind: 'refund', amountMinor: 0, reason: 'x' } })).statusCode).toBe(400);
    expect((await a.inject({ method: 'POST', url: `/api/billing/invoices/${paid.id}/credit-notes`, payload: { kind: 'refund', amountMinor: 100, reason: 'mine' } })).statusCode).toBe(403);
    const refund = await t.inject({ method: 'POST', url: `/api/billing/invoices/${paid.id}/credit-notes`, payload: { kind: 'refund', amountMinor: 2500, reason: 'Outage credit' } });
    expect(refund.statusCode, refund.body).toBe(201);
    expect(refund.json()).toMatchObject({ number: 'CN-000001', kind: 'refund', amountMinor: 2500, refundStatus: 'succeeded', refundRef: expect.stringMatching(/^re_/) });
    expect(api.requests.filter((r) => r.path === '/refunds').map((r) => r.json<any>())).toEqual([expect.objectContaining({ amountMinor: 2500, reference: refund.json().id })]);
    const open = (await b.inject('/api/billing/invoices?state=open')).json()[0];
    const correction = await t.inject({ method: 'POST', url: `/api/billing/invoices/${open.id}/credit-notes`, payload: { kind: 'correction', amountMinor: open.amountDueMinor, reason: 'Waived after the outage' } });
    expect(correction.json()).toMatchObject({ number: 'CN-000002', refundStatus: 'none' });
    expect((await b.inject(`/api/billing/invoices/${open.id}`)).json()).toMatchObject({ state: 'paid', amountCreditedMinor: open.amountDueMinor, amountDueMinor: 0 });
    expect((await b.inject('/api/billing/credit-notes')).json().map((n: any) => n.number)).toEqual(['CN-000002']);
    expect((await a.inject('/api/billing/credit-notes')).json().map((n: any) => n.number)).toEqual(['CN-000001']);
  });
});

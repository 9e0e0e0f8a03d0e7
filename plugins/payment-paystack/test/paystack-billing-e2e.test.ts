import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, startFakeHttpServer, type FakeHttpServer, type TestClient, type TestKernel } from '@platform/sdk/testing';
import type { FakeHandler } from '@platform/testing';
import plans from '@platform/plugin-plans';
import { createBillingPlugin } from '@platform/plugin-billing';
import paystackPlugin from '../src/index.ts';
import { AUTHORIZATION_CODE, CUSTOMER_CODE, paystackApi, paystackWebhook, SECRET_KEY, transaction } from './paystack-fake-api.ts';

/**
 * Billing with the Paystack plugin, end to end, against the local fake of Paystack's API: an invoice of the cycle is
 * collected by `charge_authorization` on the customer's reusable card, completed by a `charge.success` webhook signed
 * with `x-paystack-signature` (a replay and a forgery change nothing), and a declined card starts dunning.
 */
describe('billing + Paystack: charge_authorization and signed webhooks pay invoices', () => {
  let t: TestKernel;
  let paystack: FakeHttpServer;
  let handler: FakeHandler;
  let a: TestClient;
  let b: TestClient;
  let configId: string;
  const posts = (path: string) => paystack.requests.filter((r) => r.method === 'POST' && r.path === path);
  const deliver = (event: Record<string, unknown>, secret = SECRET_KEY) => {
    const request = paystackWebhook(secret, `https://platform.test/api/billing/webhooks/${configId}`, event);
    return t.inject({ method: 'POST', url: `/api/billing/webhooks/${configId}`, payload: request.rawBody, headers: request.headers as Record<string, string> });
  };

  beforeAll(async () => {
    handler = paystackApi({ charge: 'pending', authorizations: [AUTHORIZATION_CODE] });
    paystack = await startFakeHttpServer((req, res) => handler(req, res));
    t = await createTestKernel({ plugins: [plans, createBillingPlugin({ now: () => new Date('2026-02-10T00:00:00Z') }), paystackPlugin] });
    a = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-a' });
    b = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-b' });
    const bad = await t.inject({ method: 'POST', url: '/api/billing/payment-configs', payload: { providerId: 'paystack', name: 'Paystack', settings: { baseUrl: paystack.url } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('settings.secretKey');
    const config = await t.inject({ method: 'POST', url: '/api/billing/payment-configs', payload: { providerId: 'paystack', name: 'Paystack', settings: { baseUrl: paystack.url, secretKey: SECRET_KEY }, isDefault: true } });
    expect(config.statusCode, config.body).toBe(201);
    configId = config.json().id;
    const plan = await t.inject({ method: 'POST', url: '/api/plans/plans', payload: { key: 'growth', name: 'Growth', priceAmount: 2_500_000, currency: 'NGN', interval: 'monthly' } });
    expect(plan.statusCode, plan.body).toBe(201);
    for (const c of [a, b]) {
      const headers = { 'x-tenant-id': c.tenant!.id };
      expect((await t.inject({ method: 'POST', url: '/api/plans/change', headers, payload: { planId: plan.json().id, reason: 'test', effectiveFrom: '2026-01-01T00:00:00Z' } })).statusCode).toBeLessThan(300);
      const account = await t.inject({ method: 'PUT', url: '/api/billing/account', headers, payload: { cycle: 'monthly', anchorDay: 1, currency: 'NGN', contactEmail: `ap@${c.tenant!.slug}.example`, country: 'NG', billingStartsOn: '2026-01-01' } });
      expect(account.statusCode, account.body).toBe(200);
    }
    expect((await t.inject({ method: 'POST', url: '/api/billing/cycle/run' })).json().created).toBe(2);
  });
  afterAll(async () => {
    await t?.close();
    await paystack?.close();
  });

  it('a tenant admin pays: a Paystack customer by email, then charge_authorization on its reusable card with a reference derived from the payment', async () => {
    const invoice = (await a.inject('/api/billing/invoices')).json()[0];
    expect(invoice).toMatchObject({ currency: 'NGN', amountDueMinor: 2_500_000 });
    const paid = await a.inject({ method: 'POST', url: `/api/billing/invoices/${invoice.id}/pay` });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'processing', amountMinor: 2_500_000 });
    expect(posts('/customer').map((r) => r.json<any>())).toEqual([expect.objectContaining({ email: 'ap@tenant-a.example', metadata: expect.objectContaining({ tenant_id: a.tenant!.id, country: 'NG' }) })]);
    const [charge] = posts('/transaction/charge_authorization').map((r) => r.json<any>());
    expect(charge).toMatchObject({ authorization_code: AUTHORIZATION_CODE, email: 'ap@tenant-a.example', amount: 2_500_000, currency: 'NGN', reference: paid.json().providerRef, metadata: { reference: invoice.id } });
    expect(paystack.requests.some((r) => r.method === 'GET' && r.path === `/customer/${CUSTOMER_CODE}`)).toBe(true);
  });

  it('the signed charge.success webhook marks the invoice paid; a replay and a forgery change nothing', async () => {
    const invoice = (await a.inject('/api/billing/invoices')).json()[0];
    const [payment] = (await a.inject('/api/billing/payments')).json();
    const event = { event: 'charge.success', data: { ...transaction({ amount: 2_500_000, currency: 'NGN', reference: payment.providerRef, email: 'ap@tenant-a.example', authorization_code: AUTHORIZATION_CODE, metadata: { reference: invoice.id } }, 'success', 'Approved'), paid_at: '2026-02-10T00:00:05.000Z' } };
    const forged = await deliver(event, 'sk_test_someone_else');
    expect(forged.statusCode).toBe(401);
    expect((await a.inject(`/api/billing/invoices/${invoice.id}`)).json().state).toBe('open');
    const first = await deliver(event);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ applied: 1, duplicates: 0 });
    expect((await a.inject(`/api/billing/invoices/${invoice.id}`)).json()).toMatchObject({ state: 'paid', amountPaidMinor: 2_500_000, amountDueMinor: 0 });
    expect((await deliver(event)).json()).toMatchObject({ applied: 0, duplicates: 1 });
    expect(await t.sql("SELECT 1 FROM audit WHERE target_id = $1 AND action = 'billing.invoice.paid'", [invoice.id])).toHaveLength(1);
    const other = (await b.inject('/api/billing/invoices')).json()[0];
    expect(other.state).toBe('open');
    expect((await a.inject(`/api/billing/invoices/${other.id}`)).statusCode).toBe(404);
  });

  it('a declined card (a failed transaction, "Insufficient Funds") is a failed payment that starts dunning', async () => {
    handler = paystackApi({ charge: 'failed', authorizations: [AUTHORIZATION_CODE] });
    const invoice = (await b.inject('/api/billing/invoices')).json()[0];
    const paid = await b.inject({ method: 'POST', url: `/api/billing/invoices/${invoice.id}/pay` });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'failed', failureReason: expect.stringContaining('Insufficient Funds') });
    expect((await b.inject(`/api/billing/invoices/${invoice.id}`)).json()).toMatchObject({ state: 'open', paymentFailures: 1 });
    expect(await t.sql("SELECT 1 FROM audit WHERE target_id = $1 AND action = 'billing.dunning.payment_failed'", [invoice.id])).toHaveLength(1);
  });
});

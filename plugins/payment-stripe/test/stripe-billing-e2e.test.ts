import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, startFakeHttpServer, type FakeHttpServer, type TestClient, type TestKernel } from '@platform/sdk/testing';
import type { FakeHandler } from '@platform/testing';
import plans from '@platform/plugin-plans';
import { createBillingPlugin } from '@platform/plugin-billing';
import stripePlugin from '../src/index.ts';
import { CUSTOMER_ID, PAYMENT_INTENT_ID, paymentIntent, REFUND_ID, refundEventObject, SECRET_KEY, stripeApi, stripeEvent, stripeWebhook, WEBHOOK_SECRET } from './stripe-fake-api.ts';

const SAVED_CARD = 'pm_1NffrGLkdIwHu7ix';

/**
 * Billing with the Stripe plugin, end to end, against the local fake of Stripe's API: an invoice of the cycle is
 * collected by an off-session PaymentIntent on the customer's saved card, completed by a signed
 * `payment_intent.succeeded` webhook (replays and forgeries change nothing), a declined card starts dunning, and a
 * refund credit note goes back through `/v1/refunds`.
 */
describe('billing + Stripe: PaymentIntents and signed webhooks pay invoices', () => {
  let t: TestKernel;
  let stripe: FakeHttpServer;
  let handler: FakeHandler;
  let a: TestClient;
  let b: TestClient;
  let configId: string;
  let at = new Date('2026-02-10T00:00:00Z').getTime();
  const posts = (path: string) => stripe.requests.filter((r) => r.method === 'POST' && r.path === path);
  const deliver = (event: Record<string, unknown>, secret = WEBHOOK_SECRET, timestamp?: number) => {
    const request = stripeWebhook(secret, `https://platform.test/api/billing/webhooks/${configId}`, event, timestamp);
    return t.inject({ method: 'POST', url: `/api/billing/webhooks/${configId}`, payload: request.rawBody, headers: request.headers as Record<string, string> });
  };
  const intentFor = (invoice: any, status: string) =>
    paymentIntent(new URLSearchParams({ amount: String(invoice.amountDueMinor), currency: 'usd', customer: CUSTOMER_ID, payment_method: SAVED_CARD, description: `Invoice ${invoice.number}`, 'metadata[reference]': invoice.id }), status);

  beforeAll(async () => {
    handler = stripeApi({ charge: 'processing', defaultPaymentMethod: SAVED_CARD });
    stripe = await startFakeHttpServer((req, res) => handler(req, res));
    t = await createTestKernel({ plugins: [plans, createBillingPlugin({ now: () => new Date(at) }), stripePlugin] });
    a = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-a' });
    b = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-b' });
    const bad = await t.inject({ method: 'POST', url: '/api/billing/payment-configs', payload: { providerId: 'stripe', name: 'Stripe', settings: { baseUrl: stripe.url, secretKey: 'pk_live_nope', webhookSecret: WEBHOOK_SECRET } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('settings.secretKey');
    const config = await t.inject({ method: 'POST', url: '/api/billing/payment-configs', payload: { providerId: 'stripe', name: 'Stripe', settings: { baseUrl: stripe.url, secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET }, isDefault: true } });
    expect(config.statusCode, config.body).toBe(201);
    configId = config.json().id;
    const plan = await t.inject({ method: 'POST', url: '/api/plans/plans', payload: { key: 'pro', name: 'Pro', priceAmount: 1999, currency: 'USD', interval: 'monthly' } });
    expect(plan.statusCode, plan.body).toBe(201);
    for (const c of [a, b]) {
      const headers = { 'x-tenant-id': c.tenant!.id };
      expect((await t.inject({ method: 'POST', url: '/api/plans/change', headers, payload: { planId: plan.json().id, reason: 'test', effectiveFrom: '2026-01-01T00:00:00Z' } })).statusCode).toBeLessThan(300);
      const account = await t.inject({ method: 'PUT', url: '/api/billing/account', headers, payload: { cycle: 'monthly', anchorDay: 1, currency: 'USD', contactEmail: 'ap@example.test', country: 'GB', billingStartsOn: '2026-01-01' } });
      expect(account.statusCode, account.body).toBe(200);
    }
    expect((await t.inject({ method: 'POST', url: '/api/billing/cycle/run' })).json().created).toBe(2);
  });
  afterAll(async () => {
    await t?.close();
    await stripe?.close();
  });

  it('a tenant admin pays: a Stripe customer, then an off-session PaymentIntent on the saved card with the invoice as reference', async () => {
    const invoice = (await a.inject('/api/billing/invoices')).json()[0];
    const paid = await a.inject({ method: 'POST', url: `/api/billing/invoices/${invoice.id}/pay` });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'processing', providerRef: PAYMENT_INTENT_ID, amountMinor: 1999 });
    expect(posts('/v1/customers')).toHaveLength(1);
    expect(Object.fromEntries(new URLSearchParams(posts('/v1/customers')[0].body))).toMatchObject({ email: 'ap@example.test', 'address[country]': 'GB', 'metadata[tenant_id]': a.tenant!.id });
    const [intent] = posts('/v1/payment_intents');
    expect(Object.fromEntries(new URLSearchParams(intent.body))).toMatchObject({ amount: '1999', currency: 'usd', customer: CUSTOMER_ID, payment_method: SAVED_CARD, confirm: 'true', off_session: 'true', 'metadata[reference]': invoice.id });
    expect(intent.headers['idempotency-key']).toBe(paid.json().id);
    expect((await a.inject(`/api/billing/invoices/${invoice.id}`)).json().state).toBe('open');
  });

  it('the signed payment_intent.succeeded webhook marks the invoice paid; a replay, a forgery and a stale signature change nothing', async () => {
    const invoice = (await a.inject('/api/billing/invoices')).json()[0];
    const event = stripeEvent('evt_3MtwBwE2eSucceeded', 'payment_intent.succeeded', intentFor(invoice, 'succeeded'));
    const forged = await deliver(event, 'whsec_not_the_secret');
    expect(forged.statusCode).toBe(401);
    const stale = await deliver(event, WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 3600);
    expect(stale.statusCode).toBe(401);
    expect((await a.inject(`/api/billing/invoices/${invoice.id}`)).json().state).toBe('open');
    const first = await deliver(event);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ applied: 1, duplicates: 0 });
    expect((await a.inject(`/api/billing/invoices/${invoice.id}`)).json()).toMatchObject({ state: 'paid', amountPaidMinor: 1999, amountDueMinor: 0 });
    const again = await deliver(event);
    expect(again.json()).toMatchObject({ applied: 0, duplicates: 1 });
    expect(await t.sql("SELECT 1 FROM audit WHERE target_id = $1 AND action = 'billing.invoice.paid'", [invoice.id])).toHaveLength(1);
    expect((await a.inject('/api/billing/payments')).json()).toEqual([expect.objectContaining({ invoiceId: invoice.id, status: 'succeeded', providerRef: PAYMENT_INTENT_ID })]);
    // the other tenant's invoice is untouched and not visible to tenant a
    const other = (await b.inject('/api/billing/invoices')).json()[0];
    expect(other.state).toBe('open');
    expect((await a.inject(`/api/billing/invoices/${other.id}`)).statusCode).toBe(404);
  });

  it("a declined card (Stripe's 402 card_error) is a failed payment that starts dunning", async () => {
    handler = stripeApi({ charge: 'declined', defaultPaymentMethod: SAVED_CARD });
    const invoice = (await b.inject('/api/billing/invoices')).json()[0];
    const paid = await b.inject({ method: 'POST', url: `/api/billing/invoices/${invoice.id}/pay` });
    expect(paid.statusCode, paid.body).toBe(200);
    expect(paid.json()).toMatchObject({ status: 'failed', failureReason: expect.stringContaining('insufficient funds') });
    expect((await b.inject(`/api/billing/invoices/${invoice.id}`)).json()).toMatchObject({ state: 'open', paymentFailures: 1, nextCollectionAt: '2026-02-11T00:00:00.000Z' });
    expect(await t.sql("SELECT 1 FROM audit WHERE target_id = $1 AND action = 'billing.dunning.payment_failed'", [invoice.id])).toHaveLength(1);
  });

  it('a refund credit note goes back through POST /v1/refunds on the PaymentIntent; the refund.updated webhook settles it', async () => {
    handler = stripeApi({ charge: 'succeeded', refundStatus: 'pending', defaultPaymentMethod: SAVED_CARD });
    at = new Date('2026-02-11T00:00:00Z').getTime();
    const invoice = (await a.inject('/api/billing/invoices?state=paid')).json()[0];
    const note = await t.inject({ method: 'POST', url: `/api/billing/invoices/${invoice.id}/credit-notes`, payload: { kind: 'refund', amountMinor: 500, reason: 'Outage credit' } });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json()).toMatchObject({ refundStatus: 'pending', refundRef: REFUND_ID });
    expect(Object.fromEntries(new URLSearchParams(posts('/v1/refunds')[0].body))).toMatchObject({ payment_intent: PAYMENT_INTENT_ID, amount: '500' });
    const settled = await deliver(stripeEvent('evt_1NisqE2eRefund', 'refund.updated', refundEventObject('succeeded')));
    expect(settled.json()).toMatchObject({ applied: 1 });
    expect((await a.inject('/api/billing/credit-notes')).json()).toEqual([expect.objectContaining({ id: note.json().id, refundStatus: 'succeeded' })]);
  });
});

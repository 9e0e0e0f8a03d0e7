import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, startFakeHttpServer, type FakeHttpServer, type TestClient, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { createBillingPlugin } from '@platform/plugin-billing';
import stripePlugin from '../src/index.ts';
import { SECRET_KEY, stripeApi, WEBHOOK_SECRET } from './stripe-fake-api.ts';

const VISA = 'pm_1OaVisa4242E2e';
const MASTERCARD = 'pm_1OaMastercard4444';

/**
 * A tenant admin manages saved cards through billing and the Stripe plugin (SetupIntents and PaymentMethods at the
 * local fake of Stripe): start a setup, attach, list, choose the default that collections charge, remove. Another
 * tenant can neither see nor change them.
 */
describe('billing + Stripe: a tenant admin manages saved payment methods', () => {
  let t: TestKernel;
  let stripe: FakeHttpServer;
  let a: TestClient;
  let b: TestClient;
  let member: TestClient;
  const posts = (path: string | RegExp) => stripe.requests.filter((r) => r.method === 'POST' && (typeof path === 'string' ? r.path === path : path.test(r.path)));
  const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

  beforeAll(async () => {
    stripe = await startFakeHttpServer(stripeApi({ charge: 'succeeded' }));
    t = await createTestKernel({ plugins: [plans, createBillingPlugin({ now: () => new Date('2026-02-10T00:00:00Z') }), stripePlugin] });
    a = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-a' });
    b = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-b' });
    member = await t.signIn({ role: 'tenant_member', tenant: 'tenant-a' });
    expect((await a.inject('/api/billing/payment-methods')).json()).toEqual({ supported: false, providerId: null, methods: [] });
    const config = await t.inject({ method: 'POST', url: '/api/billing/payment-configs', payload: { providerId: 'stripe', name: 'Stripe', settings: { baseUrl: stripe.url, secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET }, isDefault: true } });
    expect(config.statusCode, config.body).toBe(201);
    const plan = await t.inject({ method: 'POST', url: '/api/plans/plans', payload: { key: 'pro', name: 'Pro', priceAmount: 1999, currency: 'USD', interval: 'monthly' } });
    for (const c of [a, b]) {
      const headers = { 'x-tenant-id': c.tenant!.id };
      await t.inject({ method: 'POST', url: '/api/plans/change', headers, payload: { planId: plan.json().id, reason: 'test', effectiveFrom: '2026-01-01T00:00:00Z' } });
      expect((await t.inject({ method: 'PUT', url: '/api/billing/account', headers, payload: { cycle: 'monthly', anchorDay: 1, currency: 'USD', contactEmail: 'ap@example.test', billingStartsOn: '2026-01-01' } })).statusCode).toBe(200);
    }
  });
  afterAll(async () => {
    await t?.close();
    await stripe?.close();
  });

  it('starts a setup: a Stripe customer, then an off-session SetupIntent whose client secret Stripe.js confirms', async () => {
    expect((await a.inject('/api/billing/payment-methods')).json().methods).toEqual([]);
    const setup = await a.inject({ method: 'POST', url: '/api/billing/payment-methods/setup' });
    expect(setup.statusCode, setup.body).toBe(200);
    expect(setup.json()).toMatchObject({ providerId: 'stripe', setupRef: expect.stringMatching(/^seti_/), clientSecret: expect.stringMatching(/^seti_.+_secret_/) });
    const [customer] = posts('/v1/customers');
    expect(form(customer!.body)).toMatchObject({ 'metadata[tenant_id]': a.tenant!.id });
    const [intent] = posts('/v1/setup_intents');
    expect(form(intent!.body)).toEqual({ customer: 'cus_NffrFeUfNV2Hib', usage: 'off_session' });
    expect((await member.inject({ method: 'POST', url: '/api/billing/payment-methods/setup' })).statusCode).toBe(403);
  });

  it('attaches cards (the first becomes the default at Stripe), lists them, and switches the default', async () => {
    const first = await a.inject({ method: 'POST', url: '/api/billing/payment-methods', payload: { paymentMethodRef: VISA } });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ paymentMethodRef: VISA, kind: 'card', brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030, isDefault: true });
    expect(posts(`/v1/payment_methods/${VISA}/attach`).map((r) => form(r.body))).toEqual([{ customer: 'cus_NffrFeUfNV2Hib' }]);
    expect(posts('/v1/customers/cus_NffrFeUfNV2Hib').map((r) => form(r.body))).toEqual([{ 'invoice_settings[default_payment_method]': VISA }]);
    const second = await a.inject({ method: 'POST', url: '/api/billing/payment-methods', payload: { paymentMethodRef: MASTERCARD } });
    expect(second.json()).toMatchObject({ brand: 'mastercard', last4: '4444', isDefault: false });
    const listed = (await a.inject('/api/billing/payment-methods')).json().methods;
    expect(listed.map((m: any) => [m.paymentMethodRef, m.isDefault])).toEqual([[VISA, true], [MASTERCARD, false]]);
    const switched = await a.inject({ method: 'POST', url: `/api/billing/payment-methods/${MASTERCARD}/default` });
    expect(switched.statusCode, switched.body).toBe(200);
    expect((await a.inject('/api/billing/payment-methods')).json().methods.map((m: any) => [m.paymentMethodRef, m.isDefault])).toEqual([[VISA, false], [MASTERCARD, true]]);
  });

  it('collections charge the chosen default card', async () => {
    expect((await t.inject({ method: 'POST', url: '/api/billing/cycle/run' })).json().created).toBe(2);
    const invoice = (await a.inject('/api/billing/invoices')).json()[0];
    const paid = await a.inject({ method: 'POST', url: `/api/billing/invoices/${invoice.id}/pay` });
    expect(paid.json()).toMatchObject({ status: 'succeeded' });
    expect(form(posts('/v1/payment_intents').at(-1)!.body)).toMatchObject({ payment_method: MASTERCARD, customer: 'cus_NffrFeUfNV2Hib', off_session: 'true' });
  });

  it("another tenant can neither see, make default, remove nor take over tenant a's cards", async () => {
    expect((await b.inject('/api/billing/payment-methods')).json().methods).toEqual([]);
    const before = stripe.requests.filter((r) => r.path.includes('/detach')).length;
    expect((await b.inject({ method: 'DELETE', url: `/api/billing/payment-methods/${MASTERCARD}` })).statusCode).toBe(404);
    expect((await b.inject({ method: 'POST', url: `/api/billing/payment-methods/${VISA}/default` })).statusCode).toBe(404);
    const takeOver = await b.inject({ method: 'POST', url: '/api/billing/payment-methods', payload: { paymentMethodRef: VISA } });
    expect(takeOver.statusCode).toBe(400);
    expect(takeOver.json().field).toBe('paymentMethodRef');
    expect(stripe.requests.filter((r) => r.path.includes('/detach')).length).toBe(before);
    expect((await a.inject('/api/billing/payment-methods')).json().methods).toHaveLength(2);
    // a staff member acting in tenant b sees tenant b's, not tenant a's
    expect((await t.inject({ url: '/api/billing/payment-methods', headers: { 'x-tenant-id': b.tenant!.id } })).json().methods).toEqual([]);
  });

  it('bad input is 400 naming paymentMethodRef and writes nothing', async () => {
    const audits = await t.sql("SELECT 1 FROM audit WHERE action LIKE 'billing.payment_method.%'");
    for (const payload of [{ paymentMethodRef: 'pm_\u0000x' }, { paymentMethodRef: 42 }, { paymentMethodRef: '' }, {}, { paymentMethodRef: 'pm_unknown_card' }]) {
      const res = await a.inject({ method: 'POST', url: '/api/billing/payment-methods', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(JSON.stringify(res.json())).toContain('paymentMethodRef');
    }
    expect((await a.inject({ method: 'DELETE', url: '/api/billing/payment-methods/pm%2F..%2Fx' })).statusCode).toBe(400);
    expect(await t.sql("SELECT 1 FROM audit WHERE action LIKE 'billing.payment_method.%'")).toHaveLength(audits.length);
  });

  it('removes cards: detached at Stripe; removing the default clears what collections charge; every change audited', async () => {
    expect((await a.inject({ method: 'DELETE', url: `/api/billing/payment-methods/${VISA}` })).statusCode).toBe(204);
    expect(posts(`/v1/payment_methods/${VISA}/detach`)).toHaveLength(1);
    expect((await a.inject({ method: 'DELETE', url: `/api/billing/payment-methods/${MASTERCARD}` })).statusCode).toBe(204);
    expect((await a.inject('/api/billing/payment-methods')).json().methods).toEqual([]);
    expect(await t.sql('SELECT payment_method_ref FROM billing_customers WHERE tenant_id = $1', [a.tenant!.id])).toEqual([{ payment_method_ref: null }]);
    const trail = await t.sql<{ action: string; target_id: string }>("SELECT action, target_id FROM audit WHERE tenant_id = $1 AND action LIKE 'billing.payment_method.%' ORDER BY id", [a.tenant!.id]);
    expect(trail.map((e) => e.action)).toEqual([
      'billing.payment_method.setup_started',
      'billing.payment_method.attached',
      'billing.payment_method.attached',
      'billing.payment_method.default_set',
      'billing.payment_method.removed',
      'billing.payment_method.removed',
    ]);
  });
});

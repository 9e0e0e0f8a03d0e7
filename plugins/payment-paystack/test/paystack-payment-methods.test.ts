import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, startFakeHttpServer, type FakeHttpServer, type TestClient, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { createBillingPlugin } from '@platform/plugin-billing';
import paystackPlugin from '../src/index.ts';
import { AUTHORIZATION_CODE, CUSTOMER_EMAIL, paystackApi, SECRET_KEY } from './paystack-fake-api.ts';

const EXPIRED_FIRST = 'AUTH_0ld0000000';
const SECOND_CARD = 'AUTH_s3cond4242';

/**
 * A tenant admin manages saved cards through billing and the Paystack plugin (card authorizations of the customer,
 * at the local fake of Paystack): a setup is a checkout URL, the reusable authorizations are listed, one is chosen as
 * the card collections charge, and removing it deactivates it at Paystack.
 */
describe('billing + Paystack: saved card authorizations', () => {
  let t: TestKernel;
  let paystack: FakeHttpServer;
  let a: TestClient;
  const posts = (path: string) => paystack.requests.filter((r) => r.method === 'POST' && r.path === path).map((r) => r.json<any>());

  beforeAll(async () => {
    paystack = await startFakeHttpServer(paystackApi({ charge: 'success', authorizations: [EXPIRED_FIRST, AUTHORIZATION_CODE, SECOND_CARD] }));
    t = await createTestKernel({ plugins: [plans, createBillingPlugin({ now: () => new Date('2026-02-10T00:00:00Z') }), paystackPlugin] });
    a = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-a' });
    expect((await t.inject({ method: 'POST', url: '/api/billing/payment-configs', payload: { providerId: 'paystack', name: 'Paystack', settings: { baseUrl: paystack.url, secretKey: SECRET_KEY }, isDefault: true } })).statusCode).toBe(201);
    const plan = await t.inject({ method: 'POST', url: '/api/plans/plans', payload: { key: 'growth', name: 'Growth', priceAmount: 2_500_000, currency: 'NGN', interval: 'monthly' } });
    const headers = { 'x-tenant-id': a.tenant!.id };
    await t.inject({ method: 'POST', url: '/api/plans/change', headers, payload: { planId: plan.json().id, reason: 'test', effectiveFrom: '2026-01-01T00:00:00Z' } });
    expect((await t.inject({ method: 'PUT', url: '/api/billing/account', headers, payload: { cycle: 'monthly', anchorDay: 1, currency: 'NGN', contactEmail: CUSTOMER_EMAIL, country: 'NG', billingStartsOn: '2026-01-01' } })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
    await paystack?.close();
  });

  it('a setup is a small card transaction whose Paystack checkout URL the admin completes', async () => {
    const setup = await a.inject({ method: 'POST', url: '/api/billing/payment-methods/setup' });
    expect(setup.statusCode, setup.body).toBe(200);
    expect(setup.json()).toMatchObject({ providerId: 'paystack', setupRef: expect.stringMatching(/\S/), url: expect.stringMatching(/^https:\/\/checkout\.paystack\.com\//) });
    expect(posts('/transaction/initialize')).toEqual([{ email: CUSTOMER_EMAIL, amount: 5000, channels: ['card'], metadata: { purpose: 'save_card', customer_code: expect.stringMatching(/^CUS_/) } }]);
  });

  it('lists the reusable authorizations, attaches one as the card collections charge, and refuses one the customer does not have', async () => {
    const listed = (await a.inject('/api/billing/payment-methods')).json().methods;
    expect(listed.map((m: any) => m.paymentMethodRef)).toEqual([AUTHORIZATION_CODE, SECOND_CARD]);
    expect(listed[0]).toMatchObject({ kind: 'card', brand: 'visa', last4: '4081', expMonth: 12, expYear: 2030, isDefault: false });
    const attached = await a.inject({ method: 'POST', url: '/api/billing/payment-methods', payload: { paymentMethodRef: SECOND_CARD } });
    expect(attached.statusCode, attached.body).toBe(201);
    expect(attached.json()).toMatchObject({ paymentMethodRef: SECOND_CARD, isDefault: true });
    const unknown = await a.inject({ method: 'POST', url: '/api/billing/payment-methods', payload: { paymentMethodRef: 'AUTH_notmine000' } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().field).toBe('paymentMethodRef');
    expect(((await a.inject('/api/billing/payment-methods')).json().methods as any[]).filter((m) => m.isDefault).map((m) => m.paymentMethodRef)).toEqual([SECOND_CARD]);

    expect((await t.inject({ method: 'POST', url: '/api/billing/cycle/run' })).json().created).toBe(1);
    const invoice = (await a.inject('/api/billing/invoices')).json()[0];
    expect((await a.inject({ method: 'POST', url: `/api/billing/invoices/${invoice.id}/pay` })).json()).toMatchObject({ status: 'succeeded' });
    expect(posts('/transaction/charge_authorization').at(-1)).toMatchObject({ authorization_code: SECOND_CARD, amount: 2_500_000, currency: 'NGN' });
  });

  it('removing the chosen card deactivates it at Paystack and clears what collections charge', async () => {
    expect((await a.inject({ method: 'DELETE', url: `/api/billing/payment-methods/${SECOND_CARD}` })).statusCode).toBe(204);
    expect(posts('/customer/deactivate_authorization')).toEqual([{ authorization_code: SECOND_CARD }]);
    expect((await a.inject('/api/billing/payment-methods')).json().methods.map((m: any) => m.paymentMethodRef)).toEqual([AUTHORIZATION_CODE]);
    expect((await a.inject({ method: 'DELETE', url: `/api/billing/payment-methods/${SECOND_CARD}` })).statusCode).toBe(404);
    expect(await t.sql('SELECT payment_method_ref FROM billing_customers WHERE tenant_id = $1', [a.tenant!.id])).toEqual([{ payment_method_ref: null }]);
  });
});

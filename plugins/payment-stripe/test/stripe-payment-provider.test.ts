import { describe, expect, it } from 'vitest';
import { parsePaymentWebhook } from '@platform/sdk/payments';
import {
  callThroughFake,
  describePaymentProviderContract,
  EXAMPLE_IDEMPOTENCY_KEY,
  exampleIdempotencyKey,
  EXAMPLE_WEBHOOK_URL,
  examplePaymentCharge,
  examplePaymentCustomer,
  examplePaymentRefund,
  expectProviderFailure,
  startFakeHttpServer,
} from '@platform/testing';
import { attemptPaymentCall } from '@platform/sdk/payments';
import billing from '@platform/plugin-billing';
import plans from '@platform/plugin-plans';
import messaging from '@platform/plugin-messaging';
import stripePlugin, { stripePaymentProvider, type StripeConfig } from '../src/index.ts';
import {
  CHARGE_ID,
  CUSTOMER_ID,
  declined,
  intentObject,
  PAYMENT_INTENT_ID,
  REFUND_ID,
  refundEventObject,
  SECRET_KEY,
  stripeApi,
  stripeError,
  stripeEvent,
  stripeWebhook,
  unavailable,
  WEBHOOK_SECRET,
  wrongCredentials,
} from './stripe-fake-api.ts';

const AT = '2026-12-07T16:00:00.000Z';
const charge = examplePaymentCharge({ customerRef: CUSTOMER_ID, paymentMethodRef: 'pm_1NffrGLkdIwHu7ix', amountMinor: 1999, currency: 'USD' });
const refund = examplePaymentRefund({ paymentRef: PAYMENT_INTENT_ID, amountMinor: 500, currency: 'USD' });
const configFor = (baseUrl: string): StripeConfig => ({ baseUrl, secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET });

const contract = {
  provider: stripePaymentProvider,
  configFor,
  fake: { healthy: stripeApi(), declined, wrongCredentials, unavailable },
  charge,
  refund,
  webhooks: {
    signatureHeader: 'stripe-signature',
    cases: [
      {
        name: 'payment_intent.payment_failed',
        signed: (c: StripeConfig, url: string) =>
          stripeWebhook(c.webhookSecret, url, stripeEvent('evt_3MtwBwFailed', 'payment_intent.payment_failed', intentObject('requires_payment_method', { last_payment_error: { code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.', type: 'card_error' } }))),
        expected: [{ eventId: 'evt_3MtwBwFailed', type: 'payment.failed' as const, paymentRef: PAYMENT_INTENT_ID, reference: 'inv_7d1e6a52', amountMinor: 1999, currency: 'USD', failureReason: 'card_declined (insufficient_funds): Your card has insufficient funds.', at: AT }],
      },
      {
        name: 'payment_intent.succeeded',
        signed: (c: StripeConfig, url: string) => stripeWebhook(c.webhookSecret, url, stripeEvent('evt_3MtwBwSucceeded', 'payment_intent.succeeded', intentObject('succeeded'))),
        expected: [{ eventId: 'evt_3MtwBwSucceeded', type: 'payment.succeeded' as const, paymentRef: PAYMENT_INTENT_ID, reference: 'inv_7d1e6a52', amountMinor: 1999, currency: 'USD', at: AT }],
      },
      {
        name: 'refund.updated (succeeded)',
        signed: (c: StripeConfig, url: string) => stripeWebhook(c.webhookSecret, url, stripeEvent('evt_1NisqRefund', 'refund.updated', refundEventObject('succeeded'))),
        expected: [{ eventId: 'evt_1NisqRefund', type: 'refund.succeeded' as const, refundRef: REFUND_ID, paymentRef: PAYMENT_INTENT_ID, reference: 'cn_4b1f', amountMinor: 500, currency: 'USD', at: AT }],
      },
    ],
    // The forgery that matters: turning a failed payment into a successful one.
    tamper: (body: string) => body.replace('"payment_intent.payment_failed"', '"payment_intent.succeeded"'),
  },
  plugin: { manifest: stripePlugin, billing, available: [plans, messaging] },
};

describePaymentProviderContract(contract);

describe('Stripe payment provider: requests', () => {
  it('creates a customer: form-encoded POST /v1/customers, Bearer key, Idempotency-Key', async () => {
    const { attempt, request, requests } = await callThroughFake(contract, { type: 'createCustomer', customer: examplePaymentCustomer({ taxId: 'NG-12345678-0001' }) }, stripeApi());
    expect(attempt).toEqual({ ok: true, value: { customerRef: CUSTOMER_ID } });
    expect(requests).toHaveLength(1);
    expect(request).toMatchObject({ method: 'POST', path: '/v1/customers' });
    expect(request!.headers).toMatchObject({ authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': exampleIdempotencyKey('createCustomer') });
    expect(Object.fromEntries(new URLSearchParams(request!.body))).toEqual({
      name: 'Acme Ltd',
      email: 'billing@acme.example',
      'address[country]': 'NG',
      'metadata[tenant_id]': '3f6b2f8e-6a51-4c55-9b8e-2f0a3c9d7e11',
      'metadata[tax_id]': 'NG-12345678-0001',
    });
  });

  it('charges with a PaymentIntent confirmed off-session: lower-case currency, metadata[reference]', async () => {
    const { attempt, request, requests } = await callThroughFake(contract, { type: 'charge', charge }, stripeApi());
    expect(attempt).toEqual({ ok: true, value: { paymentRef: PAYMENT_INTENT_ID, status: 'succeeded' } });
    expect(requests).toHaveLength(1);
    expect(request).toMatchObject({ method: 'POST', path: '/v1/payment_intents' });
    expect(request!.headers['idempotency-key']).toBe(EXAMPLE_IDEMPOTENCY_KEY);
    expect(request!.headers['stripe-version']).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(request!.body))).toEqual({
      amount: '1999',
      currency: 'usd',
      customer: CUSTOMER_ID,
      payment_method: 'pm_1NffrGLkdIwHu7ix',
      confirm: 'true',
      off_session: 'true',
      description: 'Invoice INV-2026-000042',
      'metadata[reference]': 'inv_7d1e6a52',
    });
  });

  it('a retry with the same idempotency key gets the first PaymentIntent back (Stripe replays it), never a second charge', async () => {
    const server = await startFakeHttpServer(stripeApi());
    try {
      const call = () => attemptPaymentCall(stripePaymentProvider, configFor(server.url), { type: 'charge', charge }, { idempotencyKey: 'pay_retry', webhookUrl: EXAMPLE_WEBHOOK_URL });
      const first = await call();
      const second = await call();
      expect(second).toEqual(first);
      expect(server.requests.map((r) => r.headers['idempotency-key'])).toEqual(['pay_retry', 'pay_retry']);
    } finally {
      await server.close();
    }
  });

  it('sends Stripe-Version when the configuration pins one', async () => {
    const { request } = await callThroughFake(contract, { type: 'charge', charge }, stripeApi(), { config: (c) => ({ ...c, apiVersion: '2024-06-20' }) });
    expect(request!.headers['stripe-version']).toBe('2024-06-20');
  });

  it('maps PaymentIntent statuses: processing, requires_action with its redirect URL, requires_payment_method as failed', async () => {
    const processing = await callThroughFake(contract, { type: 'charge', charge }, stripeApi({ charge: 'processing' }));
    expect(processing.attempt).toEqual({ ok: true, value: { paymentRef: PAYMENT_INTENT_ID, status: 'processing' } });
    const action = await callThroughFake(contract, { type: 'charge', charge }, stripeApi({ charge: 'requires_action' }));
    expect(action.attempt).toEqual({ ok: true, value: { paymentRef: PAYMENT_INTENT_ID, status: 'requires_action', actionUrl: 'https://hooks.stripe.com/3d_secure_2/hosted?merchant=acct_1&payment_intent=pi_3MtwBw' } });
    const failed = await callThroughFake(contract, { type: 'charge', charge }, stripeApi({ charge: 'requires_payment_method' }));
    expect(failed.attempt).toEqual({ ok: true, value: { paymentRef: PAYMENT_INTENT_ID, status: 'failed', failureReason: 'expired_card: Your card has expired.' } });
  });

  it('off-session authentication_required (402) means the customer must act, on the intent Stripe reports', async () => {
    const { attempt } = await callThroughFake(contract, { type: 'charge', charge }, stripeApi({ charge: 'authentication_required' }));
    expect(attempt).toEqual({ ok: true, value: { paymentRef: PAYMENT_INTENT_ID, status: 'requires_action', failureReason: 'Stripe card_error authentication_required (authentication_required): Your card was declined. This transaction requires authentication.' } });
  });

  it('a declined card (402 card_error) is rejected with the decline code', async () => {
    const { attempt } = await callThroughFake(contract, { type: 'charge', charge }, declined);
    const error = expectProviderFailure(attempt, 'rejected', stripePaymentProvider, configFor('http://x'));
    expect(error).toMatchObject({ status: 402, providerCode: 'insufficient_funds', message: 'HTTP 402: Stripe card_error card_declined (insufficient_funds): Your card has insufficient funds.' });
  });

  it('maps other errors: 429 and 409 unavailable, 400 invalid_request_error rejected, 403 auth, Stripe-Should-Retry', async () => {
    const cases: [number, Record<string, unknown>, 'unavailable' | 'rejected' | 'auth', Record<string, string>?][] = [
      [429, { message: 'Too many requests hit the API too quickly.', type: 'invalid_request_error', code: 'rate_limit' }, 'unavailable'],
      [409, { message: 'There is currently another in-progress request using this Idempotent Key.', type: 'idempotency_error' }, 'unavailable'],
      [400, { message: 'No such customer: cus_gone', type: 'invalid_request_error', code: 'resource_missing', param: 'customer' }, 'rejected'],
      [400, { message: 'Lock timeout', type: 'invalid_request_error', code: 'lock_timeout' }, 'unavailable', { 'stripe-should-retry': 'true' }],
      [403, { message: 'The provided key does not have the required permissions for this endpoint.', type: 'invalid_request_error' }, 'auth'],
    ];
    for (const [status, error, kind, headers] of cases) {
      const { attempt } = await callThroughFake(contract, { type: 'charge', charge }, stripeError(status, error, headers));
      expect(expectProviderFailure(attempt, kind, stripePaymentProvider, configFor('http://x')).status, `${status} ${String(error.message)}`).toBe(status);
    }
  });

  it("without a payment method on the charge it uses the customer's default one, and refuses when there is none", async () => {
    const withDefault = await callThroughFake(contract, { type: 'charge', charge: { ...charge, paymentMethodRef: null } }, stripeApi({ defaultPaymentMethod: 'pm_1DefaultCard' }));
    expect(withDefault.attempt).toEqual({ ok: true, value: { paymentRef: PAYMENT_INTENT_ID, status: 'succeeded' } });
    expect(withDefault.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/customers/${CUSTOMER_ID}`, 'POST /v1/payment_intents']);
    expect(new URLSearchParams(withDefault.requests[1]!.body).get('payment_method')).toBe('pm_1DefaultCard');

    const without = await callThroughFake(contract, { type: 'charge', charge: { ...charge, paymentMethodRef: null } }, stripeApi());
    expect(expectProviderFailure(without.attempt, 'rejected', stripePaymentProvider, {}).providerCode).toBe('no_payment_method');
    expect(without.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /v1/customers/${CUSTOMER_ID}`]);

    const gone = await callThroughFake(contract, { type: 'charge', charge: { ...charge, customerRef: 'cus_gone', paymentMethodRef: null } }, stripeApi());
    expect(expectProviderFailure(gone.attempt, 'rejected', stripePaymentProvider, {})).toMatchObject({ status: 404, providerCode: 'resource_missing' });
  });

  it('refunds through POST /v1/refunds on the PaymentIntent, with the credit note as metadata; pending stays pending', async () => {
    const { attempt, request } = await callThroughFake(contract, { type: 'refund', refund }, stripeApi({ refundStatus: 'pending' }));
    expect(attempt).toEqual({ ok: true, value: { refundRef: REFUND_ID, status: 'pending' } });
    expect(request).toMatchObject({ method: 'POST', path: '/v1/refunds' });
    expect(request!.headers['idempotency-key']).toBe(exampleIdempotencyKey('refund'));
    expect(Object.fromEntries(new URLSearchParams(request!.body))).toEqual({
      payment_intent: PAYMENT_INTENT_ID,
      amount: '500',
      reason: 'requested_by_customer',
      'metadata[reference]': 'cn_4b1f',
      'metadata[reason]': 'Proration of a cancelled add-on',
    });
  });

  it('tests the connection with GET /v1/balance', async () => {
    const { attempt, request } = await callThroughFake(contract, { type: 'testConnection' }, stripeApi());
    expect(attempt).toEqual({ ok: true, value: { detail: 'test mode, balances in USD' } });
    expect(request).toMatchObject({ method: 'GET', path: '/v1/balance' });
    expect(request!.headers['idempotency-key']).toBeUndefined();
  });
});

describe('Stripe payment provider: webhooks', () => {
  const config = configFor('https://api.stripe.com');
  const parse = (event: Record<string, unknown>) => stripePaymentProvider.parseWebhook(stripeWebhook(WEBHOOK_SECRET, EXAMPLE_WEBHOOK_URL, event), { config, webhookUrl: EXAMPLE_WEBHOOK_URL });

  it('maps payment_intent.processing, refund.failed, and ignores a pending refund and other events', async () => {
    expect(await parse(stripeEvent('evt_p', 'payment_intent.processing', intentObject('processing')))).toEqual([
      { eventId: 'evt_p', type: 'payment.processing', paymentRef: PAYMENT_INTENT_ID, reference: 'inv_7d1e6a52', amountMinor: 1999, currency: 'USD', at: AT },
    ]);
    expect(await parse(stripeEvent('evt_rf', 'refund.failed', refundEventObject('failed', { failure_reason: 'expired_or_canceled_card' })))).toEqual([
      { eventId: 'evt_rf', type: 'refund.failed', refundRef: REFUND_ID, paymentRef: PAYMENT_INTENT_ID, reference: 'cn_4b1f', amountMinor: 500, currency: 'USD', at: AT },
    ]);
    expect(await parse(stripeEvent('evt_rp', 'refund.updated', refundEventObject('pending')))).toEqual([{ eventId: 'evt_rp', type: 'ignored', providerType: 'refund.updated' }]);
    expect(await parse(stripeEvent('evt_c', 'customer.created', { id: CUSTOMER_ID, object: 'customer' }))).toEqual([{ eventId: 'evt_c', type: 'ignored', providerType: 'customer.created' }]);
  });

  it('charge.refunded reports each refund the charge lists, with an event id per refund', async () => {
    const chargeObject = {
      id: CHARGE_ID, object: 'charge', amount: 1999, amount_refunded: 1999, currency: 'usd', payment_intent: PAYMENT_INTENT_ID, refunded: true, metadata: {},
      refunds: { object: 'list', data: [refundEventObject('succeeded', { payment_intent: null }), refundEventObject('pending', { id: 're_pending' })], has_more: false, total_count: 2, url: `/v1/charges/${CHARGE_ID}/refunds` },
    };
    expect(await parse(stripeEvent('evt_cr', 'charge.refunded', chargeObject))).toEqual([
      { eventId: `evt_cr:${REFUND_ID}`, type: 'refund.succeeded', refundRef: REFUND_ID, paymentRef: PAYMENT_INTENT_ID, reference: 'cn_4b1f', amountMinor: 500, currency: 'USD', at: AT },
    ]);
    const { refunds: _, ...unexpanded } = chargeObject;
    expect(await parse(stripeEvent('evt_cr2', 'charge.refunded', unexpanded))).toEqual([{ eventId: 'evt_cr2', type: 'ignored', providerType: 'charge.refunded' }]);
  });

  it('a signed body that is not a Stripe event is a 400, not a crash', async () => {
    const request = stripeWebhook(WEBHOOK_SECRET, EXAMPLE_WEBHOOK_URL, { hello: 'world' });
    expect(await parsePaymentWebhook(stripePaymentProvider, config, request, EXAMPLE_WEBHOOK_URL)).toMatchObject({ ok: false, status: 400 });
    const garbage = stripeWebhook(WEBHOOK_SECRET, EXAMPLE_WEBHOOK_URL, 'not json\u0000');
    expect(await parsePaymentWebhook(stripePaymentProvider, config, garbage, EXAMPLE_WEBHOOK_URL)).toMatchObject({ ok: false, status: 400 });
  });

  it('a replayed delivery older than the tolerance is refused (401), as is one signed with another secret', async () => {
    const event = stripeEvent('evt_old', 'payment_intent.succeeded', intentObject('succeeded'));
    const old = stripeWebhook(WEBHOOK_SECRET, EXAMPLE_WEBHOOK_URL, event, Math.floor(Date.now() / 1000) - 301);
    expect(await parsePaymentWebhook(stripePaymentProvider, config, old, EXAMPLE_WEBHOOK_URL)).toEqual({ ok: false, status: 401, message: 'The Stripe-Signature timestamp is more than 300 s from now' });
    const other = stripeWebhook('whsec_someone_else', EXAMPLE_WEBHOOK_URL, event);
    expect(await parsePaymentWebhook(stripePaymentProvider, config, other, EXAMPLE_WEBHOOK_URL)).toEqual({ ok: false, status: 401, message: 'No Stripe-Signature v1 signature matches this body' });
  });
});

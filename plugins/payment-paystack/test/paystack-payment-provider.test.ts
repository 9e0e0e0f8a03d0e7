import { describe, expect, it } from 'vitest';
import { attemptPaymentCall, parsePaymentWebhook } from '@platform/sdk/payments';
import {
  callThroughFake,
  describePaymentProviderContract,
  EXAMPLE_IDEMPOTENCY_KEY,
  EXAMPLE_WEBHOOK_URL,
  examplePaymentCharge,
  examplePaymentCustomer,
  examplePaymentRefund,
  expectProviderFailure,
  startFakeHttpServer,
} from '@platform/testing';
import billing from '@platform/plugin-billing';
import plans from '@platform/plugin-plans';
import messaging from '@platform/plugin-messaging';
import paystackPlugin, { paystackPaymentProvider, paystackReference, paystackSignature, type PaystackConfig } from '../src/index.ts';
import {
  AUTHORIZATION_CODE,
  chargeEventData,
  CUSTOMER_CODE,
  CUSTOMER_EMAIL,
  declined,
  paystackApi,
  paystackError,
  paystackWebhook,
  REFUND_ID,
  refundEventData,
  SECRET_KEY,
  unavailable,
  wrongCredentials,
} from './paystack-fake-api.ts';

const charge = examplePaymentCharge({ customerRef: CUSTOMER_CODE, paymentMethodRef: AUTHORIZATION_CODE });
const refund = examplePaymentRefund({ paymentRef: EXAMPLE_IDEMPOTENCY_KEY });
const configFor = (baseUrl: string): PaystackConfig => ({ baseUrl, secretKey: SECRET_KEY });
const PAYMENT_REF = EXAMPLE_IDEMPOTENCY_KEY;

const contract = {
  provider: paystackPaymentProvider,
  configFor,
  fake: { healthy: paystackApi(), declined, wrongCredentials, unavailable },
  charge,
  refund,
  webhooks: {
    signatureHeader: 'x-paystack-signature',
    cases: [
      {
        name: 'charge.success',
        signed: (c: PaystackConfig, url: string) => paystackWebhook(c.secretKey, url, { event: 'charge.success', data: chargeEventData('success', 'Approved') }),
        expected: [{ eventId: 'charge.success:4099490251', type: 'payment.succeeded' as const, paymentRef: PAYMENT_REF, reference: 'inv_7d1e6a52', amountMinor: 2500000, currency: 'NGN', at: '2026-12-07T16:00:05.000Z' }],
      },
      {
        name: 'charge.failed',
        signed: (c: PaystackConfig, url: string) => paystackWebhook(c.secretKey, url, { event: 'charge.failed', data: { ...chargeEventData('failed', 'Insufficient Funds'), paid_at: null } }),
        expected: [{ eventId: 'charge.failed:4099490251', type: 'payment.failed' as const, paymentRef: PAYMENT_REF, reference: 'inv_7d1e6a52', amountMinor: 2500000, currency: 'NGN', failureReason: 'Insufficient Funds', at: '2026-12-07T16:00:00.000Z' }],
      },
      {
        name: 'refund.processed',
        signed: (c: PaystackConfig, url: string) => paystackWebhook(c.secretKey, url, { event: 'refund.processed', data: refundEventData('processed') }),
        expected: [{ eventId: `refund.processed:${REFUND_ID}`, type: 'refund.succeeded' as const, refundRef: String(REFUND_ID), paymentRef: PAYMENT_REF, amountMinor: 500000, currency: 'NGN', at: '2026-12-07T17:30:00.000Z' }],
      },
      {
        name: 'refund.failed',
        signed: (c: PaystackConfig, url: string) => paystackWebhook(c.secretKey, url, { event: 'refund.failed', data: refundEventData('failed') }),
        expected: [{ eventId: `refund.failed:${REFUND_ID}`, type: 'refund.failed' as const, refundRef: String(REFUND_ID), paymentRef: PAYMENT_REF, amountMinor: 500000, currency: 'NGN', at: '2026-12-07T17:30:00.000Z' }],
      },
    ],
    // The forgery that matters: inflating what was paid.
    tamper: (body: string) => body.replace('"amount":2500000', '"amount":9500000'),
  },
  plugin: { manifest: paystackPlugin, billing, available: [plans, messaging] },
};

describePaymentProviderContract(contract);

describe('Paystack payment provider: requests', () => {
  it('creates a customer: JSON POST /customer with the email, Bearer secret key; the customer_code is the reference', async () => {
    const { attempt, request, requests } = await callThroughFake(contract, { type: 'createCustomer', customer: examplePaymentCustomer({ taxId: 'NG-12345678-0001' }) }, paystackApi());
    expect(attempt).toEqual({ ok: true, value: { customerRef: CUSTOMER_CODE } });
    expect(requests).toHaveLength(1);
    expect(request).toMatchObject({ method: 'POST', path: '/customer' });
    expect(request!.headers).toMatchObject({ authorization: `Bearer ${SECRET_KEY}`, 'content-type': 'application/json' });
    expect(request!.json()).toEqual({ email: 'billing@acme.example', first_name: 'Acme Ltd', metadata: { tenant_id: '3f6b2f8e-6a51-4c55-9b8e-2f0a3c9d7e11', country: 'NG', tax_id: 'NG-12345678-0001' } });
  });

  it('refuses a customer without an email before calling Paystack', async () => {
    const { attempt, requests } = await callThroughFake(contract, { type: 'createCustomer', customer: examplePaymentCustomer({ email: null }) }, paystackApi());
    expect(expectProviderFailure(attempt, 'rejected', paystackPaymentProvider, {}).message).toMatch(/email/);
    expect(requests).toHaveLength(0);
  });

  it('charges the saved authorization: amount in minor units, the idempotency key as reference, the invoice in metadata', async () => {
    const { attempt, requests } = await callThroughFake(contract, { type: 'charge', charge: { ...charge, customerEmail: CUSTOMER_EMAIL } }, paystackApi());
    expect(attempt).toEqual({ ok: true, value: { paymentRef: PAYMENT_REF, status: 'succeeded' } });
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /transaction/charge_authorization']);
    expect(requests[0]!.json()).toEqual({
      authorization_code: AUTHORIZATION_CODE,
      email: CUSTOMER_EMAIL,
      amount: 2500000,
      currency: 'NGN',
      reference: EXAMPLE_IDEMPOTENCY_KEY,
      metadata: { reference: 'inv_7d1e6a52', description: 'Invoice INV-2026-000042' },
    });
  });

  it('without the email on the charge it looks the customer up first', async () => {
    const { attempt, requests } = await callThroughFake(contract, { type: 'charge', charge }, paystackApi());
    expect(attempt.ok).toBe(true);
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /customer/${CUSTOMER_CODE}`, 'POST /transaction/charge_authorization']);
    expect(requests[1]!.json()).toMatchObject({ email: CUSTOMER_EMAIL });
  });

  it("without an authorization on the charge it uses the customer's first reusable one, and refuses when there is none", async () => {
    const saved = await callThroughFake(contract, { type: 'charge', charge: { ...charge, paymentMethodRef: null } }, paystackApi({ authorizations: ['AUTH_single_use', 'AUTH_reusable1'] }));
    expect(saved.attempt).toEqual({ ok: true, value: { paymentRef: PAYMENT_REF, status: 'succeeded' } });
    expect(saved.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /customer/${CUSTOMER_CODE}`, 'POST /transaction/charge_authorization']);
    expect(saved.requests[1]!.json()).toMatchObject({ authorization_code: 'AUTH_reusable1', email: CUSTOMER_EMAIL });

    const none = await callThroughFake(contract, { type: 'charge', charge: { ...charge, paymentMethodRef: null, customerEmail: CUSTOMER_EMAIL } }, paystackApi());
    expect(expectProviderFailure(none.attempt, 'rejected', paystackPaymentProvider, {}).providerCode).toBe('no_payment_method');
    expect(none.requests.map((r) => `${r.method} ${r.path}`)).toEqual([`GET /customer/${CUSTOMER_CODE}`]);

    const unknown = await callThroughFake(contract, { type: 'charge', charge: { ...charge, customerRef: 'CUS_gone' } }, paystackApi());
    expect(expectProviderFailure(unknown.attempt, 'rejected', paystackPaymentProvider, {})).toMatchObject({ status: 404, providerCode: 'not_found' });
  });

  it('a key Paystack would refuse as a reference becomes a stable digest of it', async () => {
    expect(paystackReference('pay-2c9e4b71')).toBe('pay-2c9e4b71');
    expect(paystackReference('invoice:42/attempt_1')).toMatch(/^k-[0-9a-f]{40}$/);
    expect(paystackReference('invoice:42/attempt_1')).toBe(paystackReference('invoice:42/attempt_1'));
    expect(paystackReference('invoice:42/attempt_1')).not.toBe(paystackReference('invoice:42/attempt_2'));
    const { attempt, request } = await callThroughFake(contract, { type: 'charge', charge: { ...charge, customerEmail: CUSTOMER_EMAIL } }, paystackApi(), { idempotencyKey: 'invoice:42/attempt_1' });
    expect(attempt).toEqual({ ok: true, value: { paymentRef: paystackReference('invoice:42/attempt_1'), status: 'succeeded' } });
    expect(request!.json()).toMatchObject({ reference: paystackReference('invoice:42/attempt_1') });
  });

  it('a retry of the same charge reads the first outcome (duplicate reference → verify), never charging twice', async () => {
    const server = await startFakeHttpServer(paystackApi());
    try {
      const call = () => attemptPaymentCall(paystackPaymentProvider, configFor(server.url), { type: 'charge', charge: { ...charge, customerEmail: CUSTOMER_EMAIL } }, { idempotencyKey: 'retry-1', webhookUrl: EXAMPLE_WEBHOOK_URL });
      const first = await call();
      const second = await call();
      expect(first).toEqual({ ok: true, value: { paymentRef: 'retry-1', status: 'succeeded' } });
      expect(second).toEqual(first);
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /transaction/charge_authorization', 'POST /transaction/charge_authorization', 'GET /transaction/verify/retry-1']);
    } finally {
      await server.close();
    }
  });

  it('a declined card is a failed payment with the gateway response; an OTP step requires action at its URL; pending is processing', async () => {
    const failed = await callThroughFake(contract, { type: 'charge', charge }, declined);
    expect(failed.attempt).toEqual({ ok: true, value: { paymentRef: PAYMENT_REF, status: 'failed', failureReason: 'Insufficient Funds' } });
    const otp = await callThroughFake(contract, { type: 'charge', charge }, paystackApi({ charge: 'send_otp' }));
    expect(otp.attempt).toEqual({ ok: true, value: { paymentRef: PAYMENT_REF, status: 'requires_action', actionUrl: 'https://checkout.paystack.com/otp/0m7frfnr47ezyxl' } });
    const pending = await callThroughFake(contract, { type: 'charge', charge }, paystackApi({ charge: 'pending' }));
    expect(pending.attempt).toEqual({ ok: true, value: { paymentRef: PAYMENT_REF, status: 'processing' } });
  });

  it('maps errors: a validation error is rejected with its code, 429 unavailable, an answer without data unavailable', async () => {
    const invalid = await callThroughFake(contract, { type: 'charge', charge: { ...charge, customerEmail: CUSTOMER_EMAIL } }, paystackError(400, 'Invalid authorization code', { type: 'validation_error', code: 'invalid_params' }));
    expect(expectProviderFailure(invalid.attempt, 'rejected', paystackPaymentProvider, configFor('http://x'))).toMatchObject({ status: 400, providerCode: 'invalid_params', message: 'HTTP 400: Paystack: Invalid authorization code' });
    const limited = await callThroughFake(contract, { type: 'charge', charge: { ...charge, customerEmail: CUSTOMER_EMAIL } }, paystackError(429, 'Too many requests'));
    expectProviderFailure(limited.attempt, 'unavailable', paystackPaymentProvider, {});
    const empty = await callThroughFake(contract, { type: 'charge', charge: { ...charge, customerEmail: CUSTOMER_EMAIL } }, (_req, res) => void res.end('{"status":false,"message":"Charge attempt failed"}'));
    expect(expectProviderFailure(empty.attempt, 'unavailable', paystackPaymentProvider, {}).message).toMatch(/Charge attempt failed/);
  });

  it('takes only the currencies Paystack settles, refusing others before calling it', async () => {
    const { attempt, requests } = await callThroughFake(contract, { type: 'charge', charge: { ...charge, currency: 'EUR' } }, paystackApi());
    expect(expectProviderFailure(attempt, 'rejected', paystackPaymentProvider, {}).message).toMatch(/does not take EUR/);
    expect(requests).toHaveLength(0);
  });

  it('refunds through POST /refund on the transaction reference; the refund id is the reference', async () => {
    const { attempt, request } = await callThroughFake(contract, { type: 'refund', refund }, paystackApi());
    expect(attempt).toEqual({ ok: true, value: { refundRef: String(REFUND_ID), status: 'pending' } });
    expect(request).toMatchObject({ method: 'POST', path: '/refund' });
    expect(request!.json()).toEqual({ transaction: PAYMENT_REF, amount: 500000, currency: 'NGN', merchant_note: 'cn_4b1f: Proration of a cancelled add-on' });
    const processed = await callThroughFake(contract, { type: 'refund', refund }, paystackApi({ refundStatus: 'processed' }));
    expect(processed.attempt).toEqual({ ok: true, value: { refundRef: String(REFUND_ID), status: 'succeeded' } });
  });

  it('tests the connection with GET /balance', async () => {
    const { attempt, request } = await callThroughFake(contract, { type: 'testConnection' }, paystackApi());
    expect(attempt).toEqual({ ok: true, value: { detail: 'test key, balances in NGN' } });
    expect(request).toMatchObject({ method: 'GET', path: '/balance' });
  });
});

describe('Paystack payment provider: webhooks', () => {
  const config = configFor('https://api.paystack.co');

  it('x-paystack-signature is the hex HMAC-SHA512 of the raw body with the secret key (either case)', async () => {
    const request = paystackWebhook(SECRET_KEY, EXAMPLE_WEBHOOK_URL, { event: 'charge.success', data: chargeEventData('success', 'Approved') });
    expect(request.headers['x-paystack-signature']).toMatch(/^[0-9a-f]{128}$/);
    const upper = { ...request, headers: { ...request.headers, 'x-paystack-signature': paystackSignature(SECRET_KEY, request.rawBody).toUpperCase() } };
    expect(await parsePaymentWebhook(paystackPaymentProvider, config, upper, EXAMPLE_WEBHOOK_URL)).toMatchObject({ ok: true });
    const otherKey = paystackWebhook('sk_test_someone_else', EXAMPLE_WEBHOOK_URL, { event: 'charge.success', data: chargeEventData('success', 'Approved') });
    expect(await parsePaymentWebhook(paystackPaymentProvider, config, otherKey, EXAMPLE_WEBHOOK_URL)).toEqual({ ok: false, status: 401, message: 'The x-paystack-signature does not match this body' });
  });

  it('ignores other events (refund.pending, transfer.success) and reads metadata Paystack sends as a JSON string', async () => {
    const parse = async (event: Record<string, unknown>) => paystackPaymentProvider.parseWebhook(paystackWebhook(SECRET_KEY, EXAMPLE_WEBHOOK_URL, event), { config, webhookUrl: EXAMPLE_WEBHOOK_URL });
    expect(await parse({ event: 'refund.pending', data: refundEventData('pending') })).toEqual([{ eventId: `refund.pending:${REFUND_ID}`, type: 'ignored', providerType: 'refund.pending' }]);
    expect(await parse({ event: 'transfer.success', data: { id: 37272792, reference: 'tr_1', amount: 100 } })).toEqual([{ eventId: 'transfer.success:37272792', type: 'ignored', providerType: 'transfer.success' }]);
    const stringMetadata = { ...chargeEventData('success', 'Approved'), metadata: '{"reference":"inv_9"}' };
    expect(await parse({ event: 'charge.success', data: stringMetadata })).toMatchObject([{ type: 'payment.succeeded', reference: 'inv_9' }]);
    const noMetadata = { ...chargeEventData('success', 'Approved'), metadata: 0 };
    expect((await parse({ event: 'charge.success', data: noMetadata }))[0]).not.toHaveProperty('reference');
  });

  it('a signed body that is not a Paystack event is a 400, not a crash', async () => {
    for (const body of ['not json\u0000', '[]', '{"event":"charge.success","data":{"status":"success"}}']) {
      const request = paystackWebhook(SECRET_KEY, EXAMPLE_WEBHOOK_URL, body);
      expect(await parsePaymentWebhook(paystackPaymentProvider, config, request, EXAMPLE_WEBHOOK_URL), body).toMatchObject({ ok: false, status: 400 });
    }
  });
});

import type { ServerResponse } from 'node:http';
import type { FakeHandler, RecordedRequest } from '@platform/testing';
import type { ProviderCallbackRequest } from '@platform/sdk/messaging';
import { stripeSignatureHeader } from '../src/stripe-signature.ts';

export const SECRET_KEY = 'sk_test_51Nf0aKLkdIwHu7ixQ4v0cX9yZ';
export const WEBHOOK_SECRET = 'whsec_7b1c4e2a9d0f3e6b8a5c1d2e3f4a5b6c';
export const CUSTOMER_ID = 'cus_NffrFeUfNV2Hib';
export const PAYMENT_INTENT_ID = 'pi_3MtwBwLkdIwHu7ix28a3tqPa';
export const CHARGE_ID = 'ch_3MtwBwLkdIwHu7ix28a3tqPb';
export const REFUND_ID = 're_1Nispe2eZvKYlo2Cd31jOCgZ';
const CREATED = 1796659200; // 2026-12-07T16:00:00Z

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.setHeader('request-id', 'req_fake0001');
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  res.end(JSON.stringify(body, null, 2));
}

/** Stripe's 401: the key is masked in the message. */
export const wrongCredentials: FakeHandler = (_req, res) =>
  json(res, 401, { error: { message: 'Invalid API Key provided: sk_test_****wxyz', type: 'invalid_request_error' } });

/** Stripe's 500 (`api_error`), with `Stripe-Should-Retry: true`. */
export const unavailable: FakeHandler = (_req, res) =>
  json(res, 500, { error: { message: 'An unknown error occurred', type: 'api_error' } }, { 'stripe-should-retry': 'true' });

/** A Stripe error answer. */
export function stripeError(status: number, error: Record<string, unknown>, headers: Record<string, string> = {}): FakeHandler {
  return (_req, res) => json(res, status, { error }, headers);
}

/** The PaymentIntent object as Stripe returns it, for the form it got. */
export function paymentIntent(form: URLSearchParams, status: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const amount = Number(form.get('amount'));
  return {
    id: PAYMENT_INTENT_ID,
    object: 'payment_intent',
    amount,
    amount_capturable: 0,
    amount_details: { tip: {} },
    amount_received: status === 'succeeded' ? amount : 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic',
    client_secret: `${PAYMENT_INTENT_ID}_secret_YrKJUKribcBjcG8HVhfZluoGH`,
    confirmation_method: 'automatic',
    created: CREATED,
    currency: form.get('currency'),
    customer: form.get('customer'),
    description: form.get('description'),
    last_payment_error: null,
    latest_charge: status === 'succeeded' ? CHARGE_ID : null,
    livemode: false,
    metadata: Object.fromEntries([...form].filter(([k]) => k.startsWith('metadata[')).map(([k, v]) => [k.slice(9, -1), v])),
    next_action: null,
    on_behalf_of: null,
    payment_method: form.get('payment_method'),
    payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
    payment_method_types: ['card'],
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status,
    transfer_data: null,
    transfer_group: null,
    ...extra,
  };
}

function refundObject(form: URLSearchParams, status: string): Record<string, unknown> {
  return {
    id: REFUND_ID,
    object: 'refund',
    amount: Number(form.get('amount')),
    balance_transaction: 'txn_1Nispe2eZvKYlo2CYezqFhEx',
    charge: CHARGE_ID,
    created: CREATED,
    currency: 'usd',
    destination_details: { card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' }, type: 'card' },
    metadata: Object.fromEntries([...form].filter(([k]) => k.startsWith('metadata[')).map(([k, v]) => [k.slice(9, -1), v])),
    payment_intent: form.get('payment_intent'),
    reason: form.get('reason'),
    receipt_number: null,
    source_transfer_reversal: null,
    status,
    transfer_reversal: null,
  };
}

const CARD_DECLINED = {
  code: 'card_declined',
  decline_code: 'insufficient_funds',
  doc_url: 'https://stripe.com/docs/error-codes/card-declined',
  message: 'Your card has insufficient funds.',
  type: 'card_error',
};

/** The Customer object as Stripe returns it. */
function customerObject(form: URLSearchParams, defaultPaymentMethod: string | null): Record<string, unknown> {
  return {
    id: CUSTOMER_ID, object: 'customer', address: form.get('address[country]') ? { city: null, country: form.get('address[country]'), line1: null, line2: null, postal_code: null, state: null } : null,
    balance: 0, created: CREATED, currency: null, default_source: null, delinquent: false, description: null, discount: null, email: form.get('email'),
    invoice_prefix: '0759376C', invoice_settings: { custom_fields: null, default_payment_method: defaultPaymentMethod, footer: null, rendering_options: null }, livemode: false,
    metadata: Object.fromEntries([...form].filter(([k]) => k.startsWith('metadata[')).map(([k, v]) => [k.slice(9, -1), v])),
    name: form.get('name'), next_invoice_sequence: 1, phone: null, preferred_locales: [], shipping: null, tax_exempt: 'none', test_clock: null,
  };
}

/** PaymentMethods Stripe.js would have created in the browser (card data never reaches the platform). */
export const BROWSER_CARDS: Record<string, { brand: string; last4: string; exp_month: number; exp_year: number }> = {
  pm_1OaVisa4242E2e: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2030 },
  pm_1OaMastercard4444: { brand: 'mastercard', last4: '4444', exp_month: 3, exp_year: 2029 },
  pm_1OaAmex0005: { brand: 'amex', last4: '0005', exp_month: 7, exp_year: 2031 },
};

function paymentMethodObject(id: string, customer: string | null): Record<string, unknown> {
  const card = BROWSER_CARDS[id]!;
  return {
    id, object: 'payment_method', allow_redisplay: 'unspecified', billing_details: { address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null }, email: null, name: null, phone: null },
    card: { ...card, checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' }, country: 'US', display_brand: card.brand, fingerprint: `fp_${card.last4}`, funding: 'credit', generated_from: null, networks: { available: [card.brand], preferred: null }, three_d_secure_usage: { supported: true }, wallet: null },
    created: CREATED, customer, livemode: false, metadata: {}, type: 'card',
  };
}

const missing = (what: string, id: string, param = 'id') => ({ error: { code: 'resource_missing', doc_url: 'https://stripe.com/docs/error-codes/resource-missing', message: `No such ${what}: '${id}'`, param, type: 'invalid_request_error' } });

export interface StripeFakeOptions {
  /** How a PaymentIntent confirmation ends. */
  charge?: 'succeeded' | 'processing' | 'declined' | 'requires_action' | 'authentication_required' | 'requires_payment_method';
  refundStatus?: string;
  /** The customer's `invoice_settings.default_payment_method`. */
  defaultPaymentMethod?: string | null;
}

/**
 * Stripe's API for one account (Bearer {@link SECRET_KEY}), with Stripe's idempotency: a POST repeating an
 * `Idempotency-Key` gets the first answer again (with `Idempotent-Replayed: true`); the same key with other
 * parameters is a 400 `idempotency_error`.
 */
export function stripeApi(opts: StripeFakeOptions = {}): FakeHandler {
  const replays = new Map<string, { body: string; status: number; answer: unknown }>();
  // Customers created here (the first is CUSTOMER_ID, then cus_E2e2, cus_E2e3...) with their default payment method,
  // and which customer each browser-created PaymentMethod is attached to.
  const customers = new Map<string, { form: URLSearchParams; defaultPaymentMethod: string | null }>();
  const attachedTo = new Map<string, string>();
  return (req: RecordedRequest, res) => {
    if (req.headers.authorization !== `Bearer ${SECRET_KEY}`) return wrongCredentials(req, res);
    const key = req.headers['idempotency-key'] as string | undefined;
    if (req.method === 'POST' && key && replays.has(key)) {
      const first = replays.get(key)!;
      if (first.body !== req.body) return json(res, 400, { error: { message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`, type: 'idempotency_error' } });
      return json(res, first.status, first.answer, { 'idempotent-replayed': 'true' });
    }
    const answer = (status: number, body: unknown) => {
      if (req.method === 'POST' && key) replays.set(key, { body: req.body, status, answer: body });
      json(res, status, body);
    };
    const form = new URLSearchParams(req.body);
    if (req.method === 'GET' && req.path === '/v1/balance') {
      return answer(200, { object: 'balance', available: [{ amount: 0, currency: 'usd', source_types: { card: 0 } }], connect_reserved: [{ amount: 0, currency: 'usd' }], livemode: false, pending: [{ amount: 0, currency: 'usd', source_types: { card: 0 } }] });
    }
    if (req.method === 'POST' && req.path === '/v1/customers') {
      const id = customers.size === 0 ? CUSTOMER_ID : `cus_E2e${customers.size + 1}`;
      customers.set(id, { form, defaultPaymentMethod: id === CUSTOMER_ID ? (opts.defaultPaymentMethod ?? null) : null });
      return answer(200, { ...customerObject(form, null), id });
    }
    const customerPath = /^\/v1\/customers\/([^/]+)$/.exec(req.path);
    if (customerPath) {
      const id = customerPath[1]!;
      const known = customers.get(id) ?? (id === CUSTOMER_ID ? { form: new URLSearchParams({ name: 'Acme Ltd', email: 'billing@acme.example' }), defaultPaymentMethod: opts.defaultPaymentMethod ?? null } : null);
      if (!known) return answer(404, missing('customer', id));
      if (req.method === 'POST') {
        const pm = form.get('invoice_settings[default_payment_method]');
        if (pm !== null) {
          if (attachedTo.get(pm) !== id) return answer(400, { error: { code: 'resource_missing', message: `No such PaymentMethod: '${pm}'`, param: 'invoice_settings[default_payment_method]', type: 'invalid_request_error' } });
          known.defaultPaymentMethod = pm;
        }
        customers.set(id, known);
      }
      return answer(200, { ...customerObject(known.form, known.defaultPaymentMethod), id });
    }
    if (req.method === 'POST' && req.path === '/v1/setup_intents') {
      const customer = form.get('customer');
      if (!customer || !(customers.has(customer) || customer === CUSTOMER_ID)) return answer(400, missing('customer', customer ?? '', 'customer'));
      const id = `seti_1OaE2e${replays.size}`;
      return answer(200, { id, object: 'setup_intent', client_secret: `${id}_secret_QmVhcmVyVG9rZW4`, customer, usage: form.get('usage') ?? 'off_session', status: 'requires_payment_method', payment_method: null, payment_method_types: ['card'], created: CREATED, livemode: false, metadata: {} });
    }
    if (req.method === 'GET' && req.path.split('?')[0] === '/v1/payment_methods') {
      const customer = new URLSearchParams(req.path.split('?')[1] ?? '').get('customer');
      if (!customer) return answer(400, { error: { code: 'parameter_missing', message: 'Missing required param: customer.', param: 'customer', type: 'invalid_request_error' } });
      const data = [...attachedTo].filter(([, c]) => c === customer).map(([pm]) => paymentMethodObject(pm, customer));
      return answer(200, { object: 'list', data, has_more: false, url: '/v1/payment_methods' });
    }
    const pmAction = /^\/v1\/payment_methods\/([^/]+)\/(attach|detach)$/.exec(req.path);
    if (req.method === 'POST' && pmAction) {
      const [, pm, action] = pmAction as unknown as [string, string, 'attach' | 'detach'];
      if (!BROWSER_CARDS[pm]) return answer(404, missing('PaymentMethod', pm));
      if (action === 'attach') {
        const customer = form.get('customer') ?? '';
        if (!customers.has(customer) && customer !== CUSTOMER_ID) return answer(400, missing('customer', customer, 'customer'));
        const owner = attachedTo.get(pm);
        if (owner && owner !== customer) return answer(400, { error: { code: 'payment_method_unexpected_state', message: 'The payment method you provided has already been attached to a customer.', type: 'invalid_request_error' } });
        attachedTo.set(pm, customer);
        return answer(200, paymentMethodObject(pm, customer));
      }
      const owner = attachedTo.get(pm);
      if (!owner) return answer(400, { error: { code: 'payment_method_unexpected_state', message: 'The payment method you provided is not attached to a customer so detachment is impossible.', type: 'invalid_request_error' } });
      attachedTo.delete(pm);
      const c = customers.get(owner);
      if (c?.defaultPaymentMethod === pm) c.defaultPaymentMethod = null;
      return answer(200, paymentMethodObject(pm, null));
    }
    if (req.method === 'POST' && req.path === '/v1/payment_intents') {
      for (const field of ['amount', 'currency', 'customer', 'payment_method']) {
        if (!form.get(field)) return answer(400, { error: { code: 'parameter_missing', message: `Missing required param: ${field}.`, param: field, type: 'invalid_request_error' } });
      }
      if (!/^[a-z]{3}$/.test(form.get('currency')!)) return answer(400, { error: { code: 'parameter_invalid_string', message: 'Invalid currency', param: 'currency', type: 'invalid_request_error' } });
      if (!/^[1-9]\d*$/.test(form.get('amount')!)) return answer(400, { error: { code: 'parameter_invalid_integer', message: 'Invalid integer', param: 'amount', type: 'invalid_request_error' } });
      switch (opts.charge ?? 'succeeded') {
        case 'declined':
          return answer(402, { error: { ...CARD_DECLINED, charge: CHARGE_ID, payment_intent: paymentIntent(form, 'requires_payment_method', { last_payment_error: CARD_DECLINED }), request_log_url: 'https://dashboard.stripe.com/test/logs/req_fake0001' } });
        case 'authentication_required': {
          const error = { code: 'authentication_required', decline_code: 'authentication_required', message: 'Your card was declined. This transaction requires authentication.', type: 'card_error' };
          return answer(402, { error: { ...error, payment_intent: paymentIntent(form, 'requires_payment_method', { last_payment_error: error }) } });
        }
        case 'requires_action':
          return answer(200, paymentIntent(form, 'requires_action', { next_action: { type: 'redirect_to_url', redirect_to_url: { url: 'https://hooks.stripe.com/3d_secure_2/hosted?merchant=acct_1&payment_intent=pi_3MtwBw', return_url: 'https://platform.example.test/billing' } } }));
        case 'requires_payment_method':
          return answer(200, paymentIntent(form, 'requires_payment_method', { last_payment_error: { code: 'expired_card', message: 'Your card has expired.', type: 'card_error' } }));
        default:
          return answer(200, paymentIntent(form, opts.charge ?? 'succeeded'));
      }
    }
    if (req.method === 'POST' && req.path === '/v1/refunds') {
      if (!form.get('payment_intent') && !form.get('charge')) return answer(400, { error: { message: 'One of the following params should be provided for this request: payment_intent or charge.', type: 'invalid_request_error' } });
      return answer(200, refundObject(form, opts.refundStatus ?? 'succeeded'));
    }
    return answer(404, { error: { message: `Unrecognized request URL (${req.method}: ${req.path}).`, type: 'invalid_request_error' } });
  };
}

/** A declined card, as Stripe answers a confirmation: 402 `card_error`. */
export const declined: FakeHandler = stripeApi({ charge: 'declined' });

/** A Stripe Event (`{ id, object: 'event', type, data: { object } ... }`). */
export function stripeEvent(id: string, type: string, object: Record<string, unknown>): Record<string, unknown> {
  return {
    id,
    object: 'event',
    api_version: '2024-06-20',
    created: CREATED,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: 'req_fake0001', idempotency_key: 'pay-2c9e4b71-8d0a-4f3e-9a61-5b7c0d1e2f30' },
    type,
  };
}

/** The PaymentIntent an event carries: amounts of a 1999 USD invoice `inv_7d1e6a52`. */
export function intentObject(status: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const form = new URLSearchParams({ amount: '1999', currency: 'usd', customer: CUSTOMER_ID, payment_method: 'pm_1NffrGLkdIwHu7ix', description: 'Invoice INV-2026-000042', 'metadata[reference]': 'inv_7d1e6a52' });
  return paymentIntent(form, status, extra);
}

export function refundEventObject(status: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const form = new URLSearchParams({ amount: '500', payment_intent: PAYMENT_INTENT_ID, reason: 'requested_by_customer', 'metadata[reference]': 'cn_4b1f' });
  return { ...refundObject(form, status), ...extra };
}

/** A webhook delivery as Stripe posts it: the JSON event, signed with `Stripe-Signature: t=...,v1=...`. */
export function stripeWebhook(secret: string, url: string, event: Record<string, unknown> | string, timestamp?: number): ProviderCallbackRequest {
  const rawBody = Buffer.from(typeof event === 'string' ? event : JSON.stringify(event, null, 2), 'utf8');
  return {
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)', 'stripe-signature': stripeSignatureHeader(secret, rawBody, timestamp) },
    rawBody,
  };
}

import type { ServerResponse } from 'node:http';
import type { FakeHandler, RecordedRequest } from '@platform/testing';
import type { ProviderCallbackRequest } from '@platform/sdk/messaging';
import { paystackSignature } from '../src/paystack-signature.ts';

export const SECRET_KEY = 'sk_test_8f3c2a1b9d0e7f6a5b4c3d2e1f0a9b8c7d6e5f4a';
export const CUSTOMER_CODE = 'CUS_xnxdt6s1zg1f4nx';
export const CUSTOMER_EMAIL = 'billing@acme.example';
export const AUTHORIZATION_CODE = 'AUTH_uh8bcl3zbn';
export const TRANSACTION_ID = 4099490251;
export const REFUND_ID = 3018284;

function json(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(body));
}

/** Paystack's 401. */
export const wrongCredentials: FakeHandler = (_req, res) => json(res, 401, { status: false, message: 'Invalid key' });

/** Paystack down. */
export const unavailable: FakeHandler = (_req, res) => json(res, 503, { status: false, message: 'Service Unavailable. Please try again later.' });

/** A Paystack error answer. */
export function paystackError(status: number, message: string, extra: Record<string, unknown> = {}): FakeHandler {
  return (_req, res) => json(res, status, { status: false, message, ...extra });
}

/** The transaction object of a charge, as Paystack returns it. */
export function transaction(body: Record<string, unknown>, status: string, gatewayResponse: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    amount: body.amount,
    currency: body.currency,
    transaction_date: '2026-12-07T16:00:00.000Z',
    status,
    reference: body.reference,
    domain: 'test',
    metadata: body.metadata ?? '',
    gateway_response: gatewayResponse,
    message: null,
    channel: 'card',
    ip_address: null,
    log: null,
    fees: status === 'success' ? 10247 : null,
    authorization: {
      authorization_code: body.authorization_code, bin: '408408', last4: '4081', exp_month: '12', exp_year: '2030', channel: 'card', card_type: 'visa ', bank: 'TEST BANK',
      country_code: 'NG', brand: 'visa', reusable: true, signature: 'SIG_yEXu7dLBeqG0kU7g95Ke', account_name: null,
    },
    customer: { id: 181873746, first_name: 'Acme Ltd', last_name: null, email: body.email, customer_code: CUSTOMER_CODE, phone: null, metadata: null, risk_action: 'default', international_format_phone: null },
    plan: null,
    id: TRANSACTION_ID,
    ...extra,
  };
}

export interface PaystackFakeOptions {
  /** How a charge_authorization ends: `success`, `failed` (declined), `send_otp`, `pending`. */
  charge?: 'success' | 'failed' | 'send_otp' | 'pending';
  refundStatus?: string;
  /** The customer's saved authorizations, oldest first; with more than one, the first is not reusable. */
  authorizations?: string[];
}

const CURRENCIES = new Set(['NGN', 'GHS', 'ZAR', 'KES', 'USD']);

/**
 * Paystack's API for one integration (Bearer {@link SECRET_KEY}). Transaction references are unique: a second
 * charge with one is a 400 "Duplicate Transaction Reference", and `GET /transaction/verify/:reference` returns the
 * first.
 */
export function paystackApi(opts: PaystackFakeOptions = {}): FakeHandler {
  const transactions = new Map<string, Record<string, unknown>>();
  // Authorizations deactivated through POST /customer/deactivate_authorization no longer show on the customer.
  const deactivated = new Set<string>();
  return (req: RecordedRequest, res) => {
    if (req.headers.authorization !== `Bearer ${SECRET_KEY}`) return wrongCredentials(req, res);
    const body = req.body ? (req.json() as Record<string, unknown>) : {};
    if (req.method === 'GET' && req.path === '/balance') return json(res, 200, { status: true, message: 'Balances retrieved', data: [{ currency: 'NGN', balance: 0 }] });
    if (req.method === 'POST' && req.path === '/customer') {
      if (typeof body.email !== 'string' || !body.email.includes('@')) return json(res, 400, { status: false, message: 'Invalid Email Address Passed', meta: { nextStep: 'Provide a valid email address' }, type: 'validation_error', code: 'invalid_params' });
      return json(res, 200, { status: true, message: 'Customer created', data: { email: body.email, integration: 100032, domain: 'test', customer_code: CUSTOMER_CODE, id: 1173, identified: false, identifications: null, createdAt: '2026-12-07T16:00:00.584Z', updatedAt: '2026-12-07T16:00:00.584Z' } });
    }
    if (req.method === 'GET' && req.path === `/customer/${CUSTOMER_CODE}`) {
      const authorizations = (opts.authorizations ?? []).filter((code) => !deactivated.has(code)).map((code, i) => ({
        authorization_code: code, bin: '408408', last4: '4081', exp_month: '12', exp_year: '2030', channel: 'card', card_type: 'visa ', bank: 'TEST BANK',
        country_code: 'NG', brand: 'visa', reusable: i > 0 || (opts.authorizations ?? []).length === 1, signature: `SIG_${i}`, account_name: null,
      }));
      return json(res, 200, { status: true, message: 'Customer retrieved', data: { transactions: [], subscriptions: [], authorizations, first_name: 'Acme Ltd', last_name: null, email: CUSTOMER_EMAIL, phone: null, metadata: null, domain: 'test', customer_code: CUSTOMER_CODE, risk_action: 'default', id: 1173, integration: 100032, createdAt: '2026-12-07T16:00:00.000Z', updatedAt: '2026-12-07T16:00:00.000Z', identified: false, identifications: null } });
    }
    if (req.method === 'GET' && req.path.startsWith('/customer/')) return json(res, 404, { status: false, message: 'Customer not found', type: 'validation_error', code: 'not_found' });
    if (req.method === 'POST' && req.path === '/transaction/charge_authorization') {
      if (!Number.isSafeInteger(body.amount) || (body.amount as number) <= 0) return json(res, 400, { status: false, message: 'Invalid Amount Sent', type: 'validation_error', code: 'invalid_params' });
      if (!CURRENCIES.has(body.currency as string)) return json(res, 400, { status: false, message: 'Currency not supported by merchant', type: 'validation_error', code: 'unsupported_currency' });
      if (typeof body.email !== 'string' || typeof body.authorization_code !== 'string' || !body.authorization_code.startsWith('AUTH_')) return json(res, 400, { status: false, message: 'Invalid authorization code', type: 'validation_error', code: 'invalid_params' });
      const reference = body.reference as string;
      if (typeof reference !== 'string' || !/^[A-Za-z0-9.=-]+$/.test(reference)) return json(res, 400, { status: false, message: 'Invalid transaction reference. Only -, ., = and alphanumeric characters allowed.', type: 'validation_error', code: 'invalid_params' });
      if (transactions.has(reference)) return json(res, 400, { status: false, message: 'Duplicate Transaction Reference', type: 'validation_error', code: 'duplicate_reference' });
      const outcome = opts.charge ?? 'success';
      const tx = outcome === 'failed' ? transaction(body, 'failed', 'Insufficient Funds') : outcome === 'send_otp' ? transaction(body, 'send_otp', 'Kindly enter the OTP sent to your phone', { url: 'https://checkout.paystack.com/otp/0m7frfnr47ezyxl' }) : transaction(body, outcome, outcome === 'success' ? 'Approved' : 'Transaction in progress');
      transactions.set(reference, tx);
      return json(res, 200, { status: true, message: 'Charge attempted', data: tx });
    }
    if (req.method === 'GET' && req.path.startsWith('/transaction/verify/')) {
      const tx = transactions.get(decodeURIComponent(req.path.slice('/transaction/verify/'.length)));
      if (!tx) return json(res, 400, { status: false, message: 'Transaction reference not found', type: 'validation_error', code: 'transaction_not_found' });
      return json(res, 200, { status: true, message: 'Verification successful', data: tx });
    }
    if (req.method === 'POST' && req.path === '/transaction/initialize') {
      if (typeof body.email !== 'string' || !Number.isSafeInteger(body.amount)) return json(res, 400, { status: false, message: 'Invalid Email Address Passed', type: 'validation_error', code: 'invalid_params' });
      const reference = `setup${transactions.size + 1}x7k2m9`;
      transactions.set(reference, { reference, status: 'abandoned', amount: body.amount, currency: 'NGN' });
      return json(res, 200, { status: true, message: 'Authorization URL created', data: { authorization_url: `https://checkout.paystack.com/${reference}`, access_code: `${reference}ac`, reference } });
    }
    if (req.method === 'POST' && req.path === '/customer/deactivate_authorization') {
      const code = body.authorization_code as string;
      if (typeof code !== 'string' || !(opts.authorizations ?? []).includes(code) || deactivated.has(code)) return json(res, 404, { status: false, message: 'Authorization code not found.', type: 'validation_error', code: 'not_found' });
      deactivated.add(code);
      return json(res, 200, { status: true, message: 'Authorization has been deactivated' });
    }
    if (req.method === 'POST' && req.path === '/refund') {
      if (typeof body.transaction !== 'string' && typeof body.transaction !== 'number') return json(res, 400, { status: false, message: 'Transaction reference is required', type: 'validation_error', code: 'invalid_params' });
      return json(res, 200, {
        status: true,
        message: 'Refund has been queued for processing',
        data: {
          transaction: { id: TRANSACTION_ID, domain: 'test', reference: body.transaction, amount: 2500000, paid_at: '2026-12-07T16:00:00.000Z', channel: 'card', currency: body.currency ?? 'NGN' },
          integration: 100032, deducted_amount: 0, channel: null, merchant_note: body.merchant_note, customer_note: `Refund for transaction ${String(body.transaction)}`,
          status: opts.refundStatus ?? 'pending', refunded_by: 'billing@platform.example', expected_at: '2026-12-16T09:21:17.016Z', currency: body.currency ?? 'NGN',
          domain: 'test', amount: body.amount, fully_deducted: false, id: REFUND_ID, createdAt: '2026-12-07T16:00:00.122Z', updatedAt: '2026-12-07T16:00:00.122Z',
        },
      });
    }
    return json(res, 404, { status: false, message: `Route not found: ${req.method} ${req.path}` });
  };
}

/** A declined card: Paystack answers 200 "Charge attempted" with a failed transaction. */
export const declined: FakeHandler = paystackApi({ charge: 'failed' });

/** A `charge.*` event's data, for a 25,000.00 NGN invoice `inv_7d1e6a52`. */
export function chargeEventData(status: string, gatewayResponse: string): Record<string, unknown> {
  return {
    ...transaction({ amount: 2500000, currency: 'NGN', reference: 'pay-2c9e4b71-8d0a-4f3e-9a61-5b7c0d1e2f30', email: CUSTOMER_EMAIL, authorization_code: AUTHORIZATION_CODE, metadata: { reference: 'inv_7d1e6a52', description: 'Invoice INV-2026-000042' } }, status, gatewayResponse),
    paid_at: '2026-12-07T16:00:05.000Z',
    created_at: '2026-12-07T16:00:00.000Z',
  };
}

/** A `refund.*` event's data, as Paystack posts it. */
export function refundEventData(status: string): Record<string, unknown> {
  return {
    status,
    transaction_reference: 'pay-2c9e4b71-8d0a-4f3e-9a61-5b7c0d1e2f30',
    refund_reference: 'AK83T4S4ZNVG1Y1',
    amount: 500000,
    currency: 'NGN',
    processor: 'mpgs_zen',
    customer: { first_name: 'Acme Ltd', last_name: null, email: CUSTOMER_EMAIL },
    integration: 100032,
    domain: 'test',
    id: String(REFUND_ID),
    createdAt: '2026-12-07T16:00:00.122Z',
    updatedAt: '2026-12-07T17:30:00.000Z',
  };
}

/** A webhook delivery as Paystack posts it: JSON `{ event, data }`, signed with `x-paystack-signature`. */
export function paystackWebhook(secretKey: string, url: string, event: Record<string, unknown> | string): ProviderCallbackRequest {
  const rawBody = Buffer.from(typeof event === 'string' ? event : JSON.stringify(event), 'utf8');
  return { method: 'POST', url, headers: { 'content-type': 'application/json', 'x-paystack-signature': paystackSignature(secretKey, rawBody) }, rawBody };
}

import { createHash } from 'node:crypto';
import type { PaymentChargeResult, PaymentRefundResult } from '@platform/sdk/payments';

/** Paystack's Transaction (the fields used here): https://paystack.com/docs/api/transaction/ */
export interface PaystackTransaction {
  id?: number;
  status?: string;
  reference?: string;
  amount?: number;
  currency?: string;
  gateway_response?: string | null;
  message?: string | null;
  paid_at?: string | null;
  created_at?: string | null;
  metadata?: unknown;
  url?: string | null;
  authorization_url?: string | null;
}

/** Paystack's Refund: https://paystack.com/docs/api/refund/ */
export interface PaystackRefund {
  id?: number | string;
  status?: string;
  amount?: number;
  currency?: string;
  transaction?: { id?: number; reference?: string } | number | string | null;
  transaction_reference?: string;
  refund_reference?: string | null;
}

/** Paystack accepts only `-`, `.`, `=` and alphanumerics in a transaction reference. */
const REFERENCE = /^[A-Za-z0-9.=-]{1,100}$/;

/**
 * The transaction reference for billing's idempotency key: the key itself when Paystack accepts it (a UUID does),
 * else a digest of it; either way the same key gives the same reference, which Paystack refuses twice.
 */
export function paystackReference(idempotencyKey: string): string {
  return REFERENCE.test(idempotencyKey) ? idempotencyKey : `k-${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}`;
}

const ACTION_STATUSES = new Set(['send_otp', 'send_pin', 'send_phone', 'send_birthday', 'send_address', 'open_url', 'pay_offline']);

/**
 * A transaction's status in billing's terms: `success` → `succeeded`; `failed`, `abandoned`, `reversed` → `failed`
 * (the `gateway_response` says why); the `send_*`/`open_url`/`pay_offline` steps → `requires_action` (at the
 * transaction's `url` when there is one); anything else (`pending`, `ongoing`, `processing`, `queued`) →
 * `processing`, settled by webhook.
 */
export function chargeResultOfTransaction(transaction: PaystackTransaction, paymentRef: string): PaymentChargeResult {
  const status = transaction.status ?? '';
  if (status === 'success') return { paymentRef, status: 'succeeded' };
  if (status === 'failed' || status === 'abandoned' || status === 'reversed') {
    return { paymentRef, status: 'failed', failureReason: transaction.gateway_response || transaction.message || `Paystack status ${status}` };
  }
  if (ACTION_STATUSES.has(status)) {
    const url = transaction.url ?? transaction.authorization_url;
    return { paymentRef, status: 'requires_action', ...(url ? { actionUrl: url } : {}) };
  }
  return { paymentRef, status: 'processing' };
}

/** `processed` → succeeded; `failed` → failed; `pending`, `processing`, `needs-attention` → pending. */
export function refundStatusOfPaystack(status: string | undefined): PaymentRefundResult['status'] {
  if (status === 'processed') return 'succeeded';
  if (status === 'failed') return 'failed';
  return 'pending';
}

/** Our `reference` where Paystack echoes the transaction's metadata (an object, or `""`/`0` when none). */
export function metadataReference(metadata: unknown): string | undefined {
  if (typeof metadata === 'string' && metadata.startsWith('{')) {
    try {
      return metadataReference(JSON.parse(metadata));
    } catch {
      return undefined;
    }
  }
  const reference = metadata && typeof metadata === 'object' ? (metadata as { reference?: unknown }).reference : undefined;
  return typeof reference === 'string' && reference !== '' ? reference : undefined;
}

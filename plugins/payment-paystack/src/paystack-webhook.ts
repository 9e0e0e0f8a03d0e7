import type { PaymentWebhookEvent } from '@platform/sdk/payments';
import { metadataReference, type PaystackRefund, type PaystackTransaction } from './paystack-objects.ts';

/** A Paystack event as posted to the webhook URL: `{ event, data }`. */
export interface PaystackEvent {
  event: string;
  data: Record<string, unknown>;
}

function isPaystackEvent(value: unknown): value is PaystackEvent {
  const e = value as PaystackEvent | null;
  return !!e && typeof e.event === 'string' && e.event !== '' && typeof e.data === 'object' && !!e.data;
}

function money(amount: unknown, currency: unknown): { amountMinor?: number; currency?: string } {
  return {
    ...(Number.isSafeInteger(amount) ? { amountMinor: amount as number } : {}),
    ...(typeof currency === 'string' ? { currency: currency.toUpperCase() } : {}),
  };
}

function iso(value: unknown): { at?: string } {
  if (typeof value !== 'string') return {};
  const t = Date.parse(value);
  return Number.isNaN(t) ? {} : { at: new Date(t).toISOString() };
}

/**
 * A verified Paystack event in billing's terms. Paystack's events carry no event id: the id is the event's name and
 * its object's id (`charge.success:302961`), the same on every redelivery of that event.
 * - `charge.success` / `charge.failed` → `payment.succeeded` / `payment.failed` (`paymentRef` = the transaction's
 *   `reference`, `reference` = `metadata.reference`, the reason from `gateway_response`);
 * - `refund.processed` / `refund.failed` → `refund.succeeded` / `refund.failed` (`refundRef` = the refund's id,
 *   `paymentRef` = `transaction_reference`);
 * - anything else (`refund.pending`, `transfer.*`, `subscription.*`...) → `ignored`.
 * Throws when the body is not a Paystack event.
 */
export function paymentEventsOfPaystack(body: unknown): PaymentWebhookEvent[] {
  if (!isPaystackEvent(body)) throw new Error('the body is not a Paystack event');
  const { event, data } = body;
  if (event === 'charge.success' || event === 'charge.failed') {
    const tx = data as PaystackTransaction;
    if (typeof tx.reference !== 'string' || tx.reference === '') throw new Error(`${event}: data.reference is missing`);
    const reference = metadataReference(tx.metadata);
    const failed = event === 'charge.failed';
    const reason = failed ? tx.gateway_response || tx.message : undefined;
    return [{
      eventId: `${event}:${tx.id ?? tx.reference}`,
      type: failed ? 'payment.failed' : 'payment.succeeded',
      paymentRef: tx.reference,
      ...(reference ? { reference } : {}),
      ...money(tx.amount, tx.currency),
      ...(reason ? { failureReason: reason } : {}),
      ...iso(tx.paid_at ?? tx.created_at),
    }];
  }
  if (event === 'refund.processed' || event === 'refund.failed') {
    const refund = data as PaystackRefund & { createdAt?: string; updatedAt?: string };
    const refundRef = refund.id ?? refund.refund_reference ?? refund.transaction_reference;
    if (refundRef === undefined || refundRef === null || refundRef === '') throw new Error(`${event}: the refund has no id`);
    return [{
      eventId: `${event}:${refundRef}`,
      type: event === 'refund.processed' ? 'refund.succeeded' : 'refund.failed',
      refundRef: String(refundRef),
      ...(refund.transaction_reference ? { paymentRef: refund.transaction_reference } : {}),
      ...money(refund.amount, refund.currency),
      ...iso(refund.updatedAt),
    }];
  }
  const id = data.id ?? data.reference;
  return [{ eventId: `${event}:${typeof id === 'string' || typeof id === 'number' ? id : 'unknown'}`, type: 'ignored', providerType: event }];
}

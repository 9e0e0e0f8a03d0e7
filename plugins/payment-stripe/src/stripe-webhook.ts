import type { PaymentWebhookEvent } from '@platform/sdk/payments';
import { paymentErrorReason, refundStatusOf, type StripeCharge, type StripePaymentIntent, type StripeRefund } from './stripe-objects.ts';

/** Stripe's Event: https://docs.stripe.com/api/events/object */
export interface StripeEvent {
  id: string;
  object: 'event';
  type: string;
  created: number;
  data: { object: unknown };
}

function isStripeEvent(value: unknown): value is StripeEvent {
  const e = value as StripeEvent | null;
  return !!e && typeof e.id === 'string' && e.id !== '' && typeof e.type === 'string' && typeof e.data === 'object' && !!e.data && typeof e.data.object === 'object' && !!e.data.object;
}

const PAYMENT_EVENTS = {
  'payment_intent.succeeded': 'payment.succeeded',
  'payment_intent.payment_failed': 'payment.failed',
  'payment_intent.processing': 'payment.processing',
} as const;

function money(amount: unknown, currency: unknown): { amountMinor?: number; currency?: string } {
  return {
    ...(Number.isSafeInteger(amount) ? { amountMinor: amount as number } : {}),
    ...(typeof currency === 'string' ? { currency: currency.toUpperCase() } : {}),
  };
}

function refundEvent(eventId: string, refund: StripeRefund, at: string): PaymentWebhookEvent | null {
  const status = refundStatusOf(refund.status);
  if (status === 'pending') return null;
  return {
    eventId,
    type: status === 'succeeded' ? 'refund.succeeded' : 'refund.failed',
    refundRef: refund.id,
    ...(refund.payment_intent ? { paymentRef: refund.payment_intent } : {}),
    ...(refund.metadata?.reference ? { reference: refund.metadata.reference } : {}),
    ...money(refund.amount, refund.currency),
    at,
  };
}

/**
 * A verified Stripe event in billing's terms:
 * - `payment_intent.succeeded` / `.payment_failed` / `.processing` → `payment.*` with the intent's id as
 *   `paymentRef`, `metadata.reference` as `reference`, and `last_payment_error` as the failure reason;
 * - `refund.updated` / `refund.failed` → `refund.succeeded` or `refund.failed` (a still pending refund is ignored);
 * - `charge.refunded` → one `refund.*` per refund the charge lists (event id `<evt>:<refund id>`, since one event
 *   reports several); none listed (newer API versions do not expand them) → ignored, `refund.updated` follows;
 * - anything else → `ignored`.
 * Throws when the body is not a Stripe event.
 */
export function paymentEventsOfStripe(body: unknown): PaymentWebhookEvent[] {
  if (!isStripeEvent(body)) throw new Error('the body is not a Stripe event');
  const at = new Date(body.created * 1000).toISOString();
  const ignored: PaymentWebhookEvent[] = [{ eventId: body.id, type: 'ignored', providerType: body.type }];
  if (body.type in PAYMENT_EVENTS) {
    const intent = body.data.object as StripePaymentIntent;
    if (typeof intent.id !== 'string') throw new Error(`${body.type}: data.object has no id`);
    const type = PAYMENT_EVENTS[body.type as keyof typeof PAYMENT_EVENTS];
    const reason = type === 'payment.failed' ? paymentErrorReason(intent.last_payment_error) : undefined;
    return [{
      eventId: body.id,
      type,
      paymentRef: intent.id,
      ...(intent.metadata?.reference ? { reference: intent.metadata.reference } : {}),
      ...money(type === 'payment.succeeded' ? (intent.amount_received ?? intent.amount) : intent.amount, intent.currency),
      ...(reason ? { failureReason: reason } : {}),
      at,
    }];
  }
  if (body.type === 'refund.updated' || body.type === 'refund.failed') {
    const refund = body.data.object as StripeRefund;
    if (typeof refund.id !== 'string') throw new Error(`${body.type}: data.object has no id`);
    const event = refundEvent(body.id, body.type === 'refund.failed' ? { ...refund, status: 'failed' } : refund, at);
    return event ? [event] : ignored;
  }
  if (body.type === 'charge.refunded') {
    const charge = body.data.object as StripeCharge;
    const refunds = charge.refunds?.data ?? [];
    const events = refunds
      .map((r) => refundEvent(`${body.id}:${r.id}`, { ...r, payment_intent: r.payment_intent ?? charge.payment_intent ?? null }, at))
      .filter((e): e is PaymentWebhookEvent => e !== null);
    return events.length > 0 ? events : ignored;
  }
  return ignored;
}

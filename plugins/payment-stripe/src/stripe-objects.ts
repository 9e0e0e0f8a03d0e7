import type { PaymentChargeResult, PaymentRefundResult } from '@platform/sdk/payments';

/** Stripe's PaymentIntent (the fields used here): https://docs.stripe.com/api/payment_intents/object */
export interface StripePaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received?: number;
  currency: string;
  customer?: string | null;
  status: string;
  metadata?: Record<string, string>;
  last_payment_error?: { type?: string; code?: string; decline_code?: string; message?: string } | null;
  next_action?: { type?: string; redirect_to_url?: { url?: string | null; return_url?: string | null } | null } | null;
  latest_charge?: string | null;
}

/** Stripe's Customer (the fields used here): https://docs.stripe.com/api/customers/object */
export interface StripeCustomer {
  id: string;
  object: 'customer';
  /** A string id, or the PaymentMethod when expanded. */
  invoice_settings?: { default_payment_method?: string | { id?: string } | null } | null;
  default_source?: string | null;
}

/** Stripe's Refund: https://docs.stripe.com/api/refunds/object */
export interface StripeRefund {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  charge?: string | null;
  payment_intent?: string | null;
  status: string;
  failure_reason?: string | null;
  metadata?: Record<string, string>;
}

/** Stripe's Charge (in `charge.refunded` events): https://docs.stripe.com/api/charges/object */
export interface StripeCharge {
  id: string;
  object: 'charge';
  amount: number;
  amount_refunded?: number;
  currency: string;
  payment_intent?: string | null;
  metadata?: Record<string, string>;
  refunds?: { data?: StripeRefund[] } | null;
}

/** `card_declined (insufficient_funds): Your card has insufficient funds.` */
export function paymentErrorReason(error: StripePaymentIntent['last_payment_error']): string | undefined {
  if (!error) return undefined;
  const code = [error.code, error.decline_code ? `(${error.decline_code})` : undefined].filter(Boolean).join(' ');
  return [code, error.message].filter(Boolean).join(': ') || undefined;
}

/**
 * A PaymentIntent's status in billing's terms (https://docs.stripe.com/payments/paymentintents/lifecycle):
 * `succeeded`; `processing` (and `requires_capture`: the money is authorised, not yet ours); `requires_action`
 * and `requires_confirmation` (the customer must act, at `next_action.redirect_to_url.url` when Stripe gives one);
 * `requires_payment_method` (the attempt failed: `last_payment_error` says why) and `canceled` are `failed`.
 */
export function chargeResultOfIntent(intent: StripePaymentIntent): PaymentChargeResult {
  const paymentRef = intent.id;
  switch (intent.status) {
    case 'succeeded':
      return { paymentRef, status: 'succeeded' };
    case 'processing':
    case 'requires_capture':
      return { paymentRef, status: 'processing' };
    case 'requires_action':
    case 'requires_confirmation': {
      const url = intent.next_action?.redirect_to_url?.url;
      return { paymentRef, status: 'requires_action', ...(url ? { actionUrl: url } : {}) };
    }
    case 'canceled':
      return { paymentRef, status: 'failed', failureReason: paymentErrorReason(intent.last_payment_error) ?? 'the payment was canceled' };
    default:
      return { paymentRef, status: 'failed', failureReason: paymentErrorReason(intent.last_payment_error) ?? `Stripe status ${intent.status}` };
  }
}

/** A Refund's status: `succeeded`; `pending` and `requires_action` are pending; `failed` and `canceled` failed. */
export function refundStatusOf(status: string): PaymentRefundResult['status'] {
  if (status === 'succeeded') return 'succeeded';
  if (status === 'failed' || status === 'canceled') return 'failed';
  return 'pending';
}

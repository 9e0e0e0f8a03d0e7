import { classifyProviderStatus, ProviderError, type ProviderFailureKind } from '@platform/sdk/messaging';

/** The `error` object of Stripe's error answers (https://docs.stripe.com/api/errors). */
export interface StripeErrorBody {
  type?: string;
  code?: string;
  decline_code?: string;
  message?: string;
  param?: string;
  /** On card errors of PaymentIntent requests: the intent as it is now. */
  payment_intent?: { id?: string; status?: string } | null;
}

/**
 * What a Stripe error means:
 * - 401/403: `auth` (wrong or restricted key);
 * - 402 `card_error` and other 4xx (`invalid_request_error`: no such customer, bad parameter): `rejected`;
 * - 409 (a concurrent request with the same idempotency key), 429 and 5xx: `unavailable`, to retry;
 * - `Stripe-Should-Retry: true` on any answer: `unavailable` (Stripe says a retry may succeed).
 */
export function classifyStripeError(status: number, shouldRetry: string | null): ProviderFailureKind {
  if (status === 401 || status === 403) return 'auth';
  if (shouldRetry === 'true' || status === 409) return 'unavailable';
  return classifyProviderStatus(status);
}

/** Reads Stripe's error answer; `{}` when it is not JSON (a proxy's error page). */
export async function readStripeError(response: Response): Promise<{ error: StripeErrorBody; text: string }> {
  const text = await response.text().catch(() => '');
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (parsed && typeof parsed.error === 'object' && parsed.error) return { error: parsed.error as StripeErrorBody, text };
  } catch {
    // Not JSON: the status decides.
  }
  return { error: {}, text };
}

/** `Stripe card_error card_declined (insufficient_funds): Your card has insufficient funds.` */
export function describeStripeError(error: StripeErrorBody): string {
  const code = [error.code, error.decline_code ? `(${error.decline_code})` : undefined].filter(Boolean).join(' ');
  return `Stripe ${[error.type, code].filter(Boolean).join(' ')}: ${error.message ?? 'no message'}`;
}

/** A {@link ProviderError} from a Stripe error answer: `HTTP 402: Stripe card_error card_declined (...): ...`. */
export function stripeProviderError(response: Response, body: { error: StripeErrorBody; text: string }): ProviderError {
  const { error, text } = body;
  const detail = error.type || error.message ? describeStripeError(error) : text.slice(0, 300);
  const kind = classifyStripeError(response.status, response.headers.get('stripe-should-retry'));
  return new ProviderError(kind, `HTTP ${response.status}${detail ? `: ${detail}` : ''}`, response.status, error.decline_code ?? error.code);
}

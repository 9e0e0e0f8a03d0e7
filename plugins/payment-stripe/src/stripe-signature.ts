import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a `Stripe-Signature` timestamp may be from now, as Stripe's libraries default to. */
export const STRIPE_SIGNATURE_TOLERANCE_SECONDS = 300;

/** The hex HMAC-SHA256 Stripe puts in `v1`: over `${timestamp}.${rawBody}` with the endpoint's signing secret. */
export function stripeSignature(secret: string, timestamp: number, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(rawBody).digest('hex');
}

/** A `Stripe-Signature` header value, as Stripe sends it: `t=<unix seconds>,v1=<hex>`. */
export function stripeSignatureHeader(secret: string, rawBody: Buffer | string, timestamp = Math.floor(Date.now() / 1000)): string {
  return `t=${timestamp},v1=${stripeSignature(secret, timestamp, rawBody)}`;
}

export type StripeSignatureCheck = { ok: true; timestamp: number } | { ok: false; reason: string };

/**
 * Checks a `Stripe-Signature` header (https://docs.stripe.com/webhooks#verify-manually): `t=` is the timestamp,
 * each `v1=` one signature (several while a secret is being rolled; any may match; `v0` and unknown schemes are
 * ignored). The expected signature is computed over the exact raw body and compared in constant time with every
 * `v1` (no early exit); the timestamp must be within `toleranceSeconds` of `nowSeconds`, which stops replays.
 */
export function checkStripeSignature(
  secret: string,
  header: string | undefined,
  rawBody: Buffer,
  nowSeconds = Math.floor(Date.now() / 1000),
  toleranceSeconds = STRIPE_SIGNATURE_TOLERANCE_SECONDS,
): StripeSignatureCheck {
  if (!header) return { ok: false, reason: 'The Stripe-Signature header is missing' };
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const item of header.split(',')) {
    const at = item.indexOf('=');
    if (at < 0) continue;
    const key = item.slice(0, at).trim();
    const value = item.slice(at + 1).trim();
    if (key === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (key === 'v1') signatures.push(value);
  }
  if (timestamp === null) return { ok: false, reason: 'The Stripe-Signature header has no timestamp' };
  if (signatures.length === 0) return { ok: false, reason: 'The Stripe-Signature header has no v1 signature' };
  const expected = Buffer.from(stripeSignature(secret, timestamp, rawBody), 'utf8');
  let matched = false;
  for (const signature of signatures) {
    const given = Buffer.from(signature, 'utf8');
    if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true;
  }
  if (!matched) return { ok: false, reason: 'No Stripe-Signature v1 signature matches this body' };
  if (Math.abs(nowSeconds - timestamp) > toleranceSeconds) return { ok: false, reason: `The Stripe-Signature timestamp is more than ${toleranceSeconds} s from now` };
  return { ok: true, timestamp };
}

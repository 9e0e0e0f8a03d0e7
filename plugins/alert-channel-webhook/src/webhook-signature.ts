import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-platform-signature';
export const TIMESTAMP_HEADER = 'x-platform-timestamp';
export const DELIVERY_HEADER = 'x-platform-delivery';

/**
 * `sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>`: the receiver recomputes it over the raw body
 * and the `X-Platform-Timestamp` header, and rejects old timestamps to stop replays.
 */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** What a receiver does (also used by the tests). */
export function verifyWebhook(secret: string, timestamp: string | number, body: string, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, Number(timestamp), body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The header an inbound delivery carries: `sha256=<hex HMAC-SHA256 of the raw body with the endpoint's secret>`. */
export const SIGNATURE_HEADER = 'x-platform-signature';

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

/** The unguessable part of an endpoint's URL. */
export function newWebhookToken(): string {
  return randomBytes(24).toString('base64url');
}

export function signWebhookBody(secret: string, body: Buffer | string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Constant-time check of the signature header against the body. */
export function verifyWebhookSignature(secret: string, body: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signWebhookBody(secret, body));
  const given = Buffer.from(header.trim());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

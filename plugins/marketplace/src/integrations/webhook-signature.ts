import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The header an inbound delivery carries: `t=<unix seconds>,sha256=<hex HMAC-SHA256 of "<t>.<raw body>" with the
 * endpoint's secret>`. The timestamp is signed, so a captured delivery cannot be replayed once it is older than
 * {@link WEBHOOK_TOLERANCE_SECONDS} (nor dated ahead by more than that).
 */
export const SIGNATURE_HEADER = 'x-platform-signature';

/** How far a delivery's signed timestamp may be from the receiver's clock. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

/** The unguessable part of an endpoint's URL. */
export function newWebhookToken(): string {
  return randomBytes(24).toString('base64url');
}

const hmac = (secret: string, timestamp: number, body: Buffer | string) => createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');

/** The header value for `body` sent at `timestampSeconds` (now by default). */
export function signWebhookBody(secret: string, body: Buffer | string, timestampSeconds = Math.floor(Date.now() / 1000)): string {
  return `t=${timestampSeconds},sha256=${hmac(secret, timestampSeconds, body)}`;
}

export type WebhookSignatureCheck = { ok: true } | { ok: false; reason: 'signature' | 'stale' };

/** Constant-time check of the header against the body, then of its signed timestamp against `nowSeconds`. */
export function verifyWebhookSignature(secret: string, body: Buffer, header: string | undefined, nowSeconds: number, toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS): WebhookSignatureCheck {
  const parts = new Map((header ?? '').split(',').map((p) => p.trim().split('=', 2) as [string, string]));
  const t = parts.get('t') ?? '';
  const given = Buffer.from(parts.get('sha256') ?? '');
  if (!/^\d{1,12}$/.test(t)) return { ok: false, reason: 'signature' };
  const expected = Buffer.from(hmac(secret, Number(t), body));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature' };
  return Math.abs(nowSeconds - Number(t)) > toleranceSeconds ? { ok: false, reason: 'stale' } : { ok: true };
}

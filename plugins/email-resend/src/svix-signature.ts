import { createHmac, timingSafeEqual } from 'node:crypto';
import { CallbackSignatureError, type ProviderCallbackRequest } from '@platform/sdk/messaging';

/** How far a webhook's `svix-timestamp` may be from now, either way (what Svix's own libraries allow). */
export const SVIX_TOLERANCE_SECONDS = 5 * 60;

/** The HMAC key of a `whsec_...` signing secret: the base64 after the prefix. */
export function svixKey(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, as Svix signs. */
export function svixSignature(secret: string, id: string, timestamp: string, body: Buffer): string {
  const mac = createHmac('sha256', svixKey(secret)).update(`${id}.${timestamp}.`).update(body).digest('base64');
  return `v1,${mac}`;
}

/**
 * Checks a Svix-signed webhook (Resend's): `svix-id`, `svix-timestamp` within the tolerance, and one of the
 * space-separated `v1,<signature>` entries of `svix-signature` matching (several while a secret is rotated).
 */
export function verifySvixSignature(request: ProviderCallbackRequest, secret: string, nowMs = Date.now()): void {
  if (!secret) throw new CallbackSignatureError('no webhook signing secret is configured');
  const id = request.headers['svix-id'];
  const timestamp = request.headers['svix-timestamp'];
  const header = request.headers['svix-signature'];
  if (!id || !timestamp || !header) throw new CallbackSignatureError('svix-id, svix-timestamp or svix-signature is missing');
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(nowMs / 1000 - seconds) > SVIX_TOLERANCE_SECONDS) throw new CallbackSignatureError('svix-timestamp is outside the tolerance');
  const expected = Buffer.from(svixSignature(secret, id, timestamp, request.rawBody).slice(3), 'base64');
  const matches = header.split(' ').some((entry) => {
    const [version, signature] = entry.split(',', 2);
    if (version !== 'v1' || !signature) return false;
    const given = Buffer.from(signature, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new CallbackSignatureError();
}

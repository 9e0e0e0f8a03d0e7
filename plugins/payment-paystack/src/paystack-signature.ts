import { createHmac, timingSafeEqual } from 'node:crypto';

/** `x-paystack-signature`: the hex HMAC-SHA512 of the raw body with the secret key. */
export function paystackSignature(secretKey: string, rawBody: Buffer | string): string {
  return createHmac('sha512', secretKey).update(rawBody).digest('hex');
}

/** Whether `signature` is Paystack's signature of `rawBody`, compared in constant time. */
export function isValidPaystackSignature(secretKey: string, signature: string | undefined, rawBody: Buffer): boolean {
  if (!signature) return false;
  const given = Buffer.from(signature.trim().toLowerCase(), 'utf8');
  const expected = Buffer.from(paystackSignature(secretKey, rawBody), 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

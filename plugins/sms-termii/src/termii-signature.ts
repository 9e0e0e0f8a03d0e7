import { createHmac, timingSafeEqual } from 'node:crypto';

/** `X-Termii-Signature`: hex HMAC-SHA512 of the event's raw body, keyed with the account's secret key. */
export function termiiSignature(secretKey: string, rawBody: Buffer | string): string {
  return createHmac('sha512', secretKey).update(rawBody).digest('hex');
}

const HEX_SHA512 = /^[0-9a-fA-F]{128}$/;

/** Whether `signature` is the hex HMAC-SHA512 of exactly `rawBody` with `secretKey`, compared in constant time. */
export function isValidTermiiSignature(secretKey: string, signature: string, rawBody: Buffer): boolean {
  if (!HEX_SHA512.test(signature)) return false;
  const expected = createHmac('sha512', secretKey).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

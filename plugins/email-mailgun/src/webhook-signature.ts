import { createHmac, timingSafeEqual } from 'node:crypto';
import { CallbackSignatureError } from '@platform/sdk/messaging';
import { BoundedMap } from '@platform/sdk/bounded-map';

/**
 * Tokens of the webhooks already taken. Mailgun's signature covers the timestamp and the token, not the event:
 * refusing a second use of a token is what stops a captured signature from carrying a forged event (per
 * process; Mailgun's own advice). The timestamp is not bounded: Mailgun retries a webhook for hours.
 */
const usedTokens = new BoundedMap<string, true>(50_000);

export interface MailgunSignature {
  timestamp?: unknown;
  token?: unknown;
  signature?: unknown;
}

/** Hex HMAC-SHA256 of `timestamp + token` with the webhook signing key, as Mailgun signs each webhook. */
export function mailgunSignature(signingKey: string, timestamp: string, token: string): string {
  return createHmac('sha256', signingKey).update(timestamp + token).digest('hex');
}

/** Checks the `signature` object of a Mailgun webhook body against the configured signing key. */
export function verifyMailgunSignature(given: MailgunSignature | undefined, signingKey: string | undefined): void {
  if (!signingKey) throw new CallbackSignatureError('no webhook signing key is configured');
  const { timestamp, token, signature } = given ?? {};
  if (typeof timestamp !== 'string' || typeof token !== 'string' || typeof signature !== 'string' || !/^[0-9a-f]{64}$/i.test(signature)) {
    throw new CallbackSignatureError('signature.timestamp, signature.token or signature.signature is missing');
  }
  const expected = Buffer.from(mailgunSignature(signingKey, timestamp, token), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) throw new CallbackSignatureError();
  if (usedTokens.get(token)) throw new CallbackSignatureError('this webhook token was already used (a replay)');
  usedTokens.set(token, true);
}

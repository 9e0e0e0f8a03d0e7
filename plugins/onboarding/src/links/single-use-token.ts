import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type LinkKind = 'inv' | 'pwr' | 'sgn';

/**
 * A signed, single-use, expiring link token: `<kind>_<nonce>.<expires>.<signature>`, where the nonce is 32 random
 * bytes, `expires` the expiry in Unix seconds and the signature HMAC-SHA256 (under the plugin's sealed link key) of
 * kind, nonce and expiry. A token is checked in this order: its shape and signature (a forged or altered link is
 * refused before any database read), its signed expiry, then its row — found by the token's SHA-256, the only form
 * stored, and spent on use, which makes it single-use.
 */
export function newLinkToken(kind: LinkKind, key: Buffer, expiresAt: Date): string {
  const nonce = randomBytes(32).toString('base64url');
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `${kind}_${nonce}.${expires}.${signature(key, kind, nonce, expires)}`;
}

function signature(key: Buffer, kind: LinkKind, nonce: string, expires: number): string {
  return createHmac('sha256', key).update(`${kind}.${nonce}.${expires}`).digest('base64url');
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const SHAPE = /^([a-z]{3})_([A-Za-z0-9_-]{43})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/;

/**
 * What a presented token is: `invalid` (not a token of this kind, or its signature does not match: forged or
 * altered, its expiry included), `expired` (signed expiry passed), or valid with the hash to look its row up by.
 */
export function checkLinkToken(kind: LinkKind, token: unknown, key: Buffer, now: number): { status: 'invalid' } | { status: 'expired' } | { status: 'valid'; hash: string } {
  if (typeof token !== 'string' || token.length > 200) return { status: 'invalid' };
  const m = SHAPE.exec(token);
  if (!m || m[1] !== kind) return { status: 'invalid' };
  const expires = Number(m[3]);
  const expected = Buffer.from(signature(key, kind, m[2], expires));
  const given = Buffer.from(m[4]);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { status: 'invalid' };
  if (expires * 1000 <= now) return { status: 'expired' };
  return { status: 'valid', hash: hashLinkToken(token) };
}

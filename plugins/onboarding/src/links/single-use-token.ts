import { createHash, randomBytes } from 'node:crypto';

/**
 * A single-use link's secret: 32 random bytes (256 bits; unguessable, so it cannot be forged), with a prefix that
 * says what it is for. Only its SHA-256 is stored: a database read gives no usable link.
 */
export function newLinkToken(prefix: 'inv' | 'pwr' | 'sgn'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether a string has the shape of a token of this kind (a cheap refusal before any database read). */
export function looksLikeLinkToken(prefix: 'inv' | 'pwr' | 'sgn', token: unknown): token is string {
  return typeof token === 'string' && token.length === prefix.length + 44 && token.startsWith(`${prefix}_`) && /^[A-Za-z0-9_-]+$/.test(token.slice(prefix.length + 1));
}

import { createHash, randomBytes } from 'node:crypto';

export function newSessionToken(): string {
  return 'st_' + randomBytes(32).toString('base64url');
}

export function newApiKey(): { key: string; prefix: string } {
  const prefix = randomBytes(4).toString('hex');
  return { key: `pk_${prefix}_${randomBytes(24).toString('base64url')}`, prefix };
}

/** High-entropy tokens are stored as SHA-256; passwords use argon2id. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newPassword(): string {
  return randomBytes(12).toString('base64url');
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * One personal value of an audit row, sealed under its subject's data key:
 * `shred:v1:<key id>:<iv>:<tag>:<ciphertext>` (base64url), the plaintext being the value's JSON. The key id is bound
 * into the tag (additional data), so a value cannot be moved under another key.
 */
const PREFIX = 'shred:v1:';

export function sealAuditValue(keyId: string, key: Buffer, value: unknown): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(keyId));
  const data = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return PREFIX + [keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join(':');
}

export function isSealedAuditValue(v: unknown): v is string {
  return typeof v === 'string' && v.startsWith(PREFIX);
}

/** The key id a sealed value names, or null when it is not one. */
export function sealedKeyId(v: unknown): string | null {
  return isSealedAuditValue(v) ? v.slice(PREFIX.length).split(':')[0] : null;
}

/** The value, or `undefined` when the key is missing (destroyed) or the value does not open under it. */
export function openAuditValue(sealed: string, keys: Map<string, Buffer>): unknown {
  const [keyId, iv, tag, data] = sealed.slice(PREFIX.length).split(':');
  const key = keys.get(keyId);
  if (!key || !iv || !tag || data === undefined) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return JSON.parse(Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8'));
  } catch {
    return undefined;
  }
}

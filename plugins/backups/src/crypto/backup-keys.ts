import { createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { Secret, Type, type SecretSealer } from '@platform/sdk';

/** What `ctx.secrets` seals: the backup's data key, under the platform key. */
const WrappedKeySchema = Type.Object({ dataKey: Secret(Type.String()) });

/** The keys of one backup, derived from its random data key: one encrypts the parts, one authenticates the manifest. */
export interface BackupKeys {
  partKey: Buffer;
  manifestKey: Buffer;
}

export function newDataKey(): Buffer {
  return randomBytes(32);
}

/** The data key sealed with the platform key (AES-256-GCM, `enc:v1:...`): only this platform can open it. */
export function wrapDataKey(secrets: SecretSealer, dataKey: Buffer): string {
  return secrets.seal(WrappedKeySchema, { dataKey: dataKey.toString('base64') }).dataKey as string;
}

/** Opens a wrapped data key; throws when it was not sealed by this platform's key (or was altered). */
export function unwrapDataKey(secrets: SecretSealer, wrapped: string): Buffer {
  if (typeof wrapped !== 'string' || !wrapped.startsWith('enc:')) throw new Error('the wrapped data key is missing or malformed');
  const key = Buffer.from(secrets.open(WrappedKeySchema, { dataKey: wrapped }).dataKey as string, 'base64');
  if (key.length !== 32) throw new Error('the wrapped data key does not hold 32 bytes');
  return key;
}

export function deriveKeys(dataKey: Buffer, backupId: string): BackupKeys {
  const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.from(backupId), Buffer.from(`platform-backup/${purpose}`), 32));
  return { partKey: derive('parts'), manifestKey: derive('manifest') };
}

export function manifestMac(keys: BackupKeys, canonicalManifest: string): string {
  return createHmac('sha256', keys.manifestKey).update(canonicalManifest).digest('hex');
}

export function macMatches(expected: string, actual: unknown): boolean {
  if (typeof actual !== 'string' || !/^[0-9a-f]{64}$/.test(actual)) return false;
  return timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(actual, 'hex'));
}

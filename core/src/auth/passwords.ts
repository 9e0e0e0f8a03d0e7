import { hash, verify, Algorithm } from '@node-rs/argon2';
import { onceSucceeded } from '../once-succeeded.ts';

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(hashed: string | null, password: string): Promise<boolean> {
  if (!hashed) return false;
  try {
    return await verify(hashed, password);
  } catch {
    return false;
  }
}

/**
 * A hash to verify against when the user does not exist, so timing does not reveal which emails exist.
 * Built once; a failed build is not kept (it would fail every later login of an unknown email).
 */
export const dummyPasswordHash = onceSucceeded(() => hashPassword('not-a-real-password-' + Math.random()));

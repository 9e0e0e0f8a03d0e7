import { createHash } from 'node:crypto';

/**
 * The signup form's proof of work (no third-party CAPTCHA): the server hands out a random challenge and a difficulty;
 * the browser finds a nonce such that SHA-256(`<challenge>:<nonce>`) starts with `difficulty` zero bits (about
 * 2^difficulty hashes: a fraction of a second for a person, a real cost for a bot posting thousands of forms).
 */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export function proofDigest(challenge: string, nonce: string): Uint8Array {
  return createHash('sha256').update(`${challenge}:${nonce}`).digest();
}

export function isValidProof(challenge: string, nonce: string, difficulty: number): boolean {
  return leadingZeroBits(proofDigest(challenge, nonce)) >= difficulty;
}

/** Finds a nonce (for tests and scripts; the console does the same with WebCrypto). */
export function solveProof(challenge: string, difficulty: number): string {
  for (let n = 0; ; n++) if (isValidProof(challenge, String(n), difficulty)) return String(n);
}

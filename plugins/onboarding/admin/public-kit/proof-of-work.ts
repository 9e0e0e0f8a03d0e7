/** Leading zero bits of a digest (the server's rule in src/signup/proof-of-work.ts). */
function leadingZeroBits(digest: Uint8Array): number {
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

/** Finds a nonce such that SHA-256(`challenge:nonce`) starts with `difficulty` zero bits, with WebCrypto. */
export async function solveChallenge(challenge: string, difficulty: number): Promise<string> {
  const encoder = new TextEncoder();
  for (let n = 0; ; n++) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(`${challenge}:${n}`)));
    if (leadingZeroBits(digest) >= difficulty) return String(n);
  }
}

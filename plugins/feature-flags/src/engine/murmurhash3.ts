/**
 * MurmurHash3, x86 32-bit variant (Austin Appleby's reference), over the UTF-8 bytes of a
 * string. For ASCII input it equals the `murmurhash3js` package unleash-client-node uses;
 * for other characters it hashes the real UTF-8 bytes (as the Java, Go and Rust Unleash
 * SDKs do), where `murmurhash3js` truncates each UTF-16 unit to its low byte.
 */

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

const utf8 = new TextEncoder();
/** Reused between calls so hashing allocates nothing; grown when a longer key arrives. */
let scratch = new Uint8Array(256);

/** Writes `text` as UTF-8 into the scratch buffer at `offset`; returns the offset after it. */
function writeUtf8(text: string, offset: number): number {
  const length = text.length;
  if (scratch.length < offset + length * 3) {
    const grown = new Uint8Array(Math.max(offset + length * 3, scratch.length * 2));
    grown.set(scratch.subarray(0, offset));
    scratch = grown;
  }
  // ASCII (the usual ids and keys) is copied directly: encodeInto costs more than the hash.
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return offset + utf8.encodeInto(text, scratch.subarray(offset)).written;
    scratch[offset + i] = code;
  }
  return offset + length;
}

/** MurmurHash3 of the UTF-8 bytes of `${prefix}:${text}`, without building that string. */
export function murmurHash3Joined(prefix: string, text: string, seed = 0): number {
  const separatorEnd = writeUtf8(':', writeUtf8(prefix, 0));
  return hashScratch(writeUtf8(text, separatorEnd), seed);
}

/** Unsigned 32-bit MurmurHash3 x86 of `text`'s UTF-8 bytes. */
export function murmurHash3(text: string, seed = 0): number {
  return hashScratch(writeUtf8(text, 0), seed);
}

/** MurmurHash3 of the first `length` bytes of the scratch buffer. */
function hashScratch(length: number, seed: number): number {
  const bytes = scratch;
  let h = seed | 0;
  const blocksEnd = length - (length & 3);
  let i = 0;
  for (; i < blocksEnd; i += 4) {
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = length & 3;
  if (tail > 0) {
    let k = 0;
    if (tail === 3) k ^= bytes[i + 2] << 16;
    if (tail >= 2) k ^= bytes[i + 1] << 8;
    k ^= bytes[i];
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
  }
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

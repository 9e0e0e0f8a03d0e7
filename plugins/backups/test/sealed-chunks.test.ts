import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, ChunkOpener, ChunkSealer } from '../src/crypto/sealed-chunks.ts';

async function through(input: Buffer[], stream: NodeJS.ReadWriteStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of Readable.from(input).pipe(stream as any)) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const key = randomBytes(32);

describe('sealed chunks', () => {
  it('round-trips any size, in chunks each authenticated', async () => {
    for (const size of [0, 1, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, 3 * CHUNK_BYTES + 17]) {
      const plain = randomBytes(size);
      const sealed = await through([plain.subarray(0, size / 3), plain.subarray(size / 3)], new ChunkSealer(key, 'b/p1'));
      expect(sealed.length).toBeGreaterThan(size);
      expect((await through([sealed], new ChunkOpener(key, 'b/p1'))).equals(plain)).toBe(true);
      // Read back in pieces of any size: a chunk's 4-byte header and its frame span reads.
      const pieces: Buffer[] = [];
      for (let at = 0, n = 1; at < sealed.length; at += n, n = (n * 7 + 3) % 70_001 || 1) pieces.push(sealed.subarray(at, at + n));
      expect((await through(pieces, new ChunkOpener(key, 'b/p1'))).equals(plain), `size ${size} in ${pieces.length} pieces`).toBe(true);
    }
  });

  it('refuses a flipped bit anywhere, a dropped final chunk, swapped parts and the wrong key', async () => {
    const plain = randomBytes(2 * CHUNK_BYTES + 10);
    const sealed = await through([plain], new ChunkSealer(key, 'b/p1'));
    for (const at of [0, 3, 4, 20, CHUNK_BYTES, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[at] = bad[at]! ^ 0x01;
      await expect(through([bad], new ChunkOpener(key, 'b/p1'))).rejects.toThrow();
    }
    const frame = 4 + 12 + CHUNK_BYTES + 16;
    await expect(through([sealed.subarray(0, 2 * frame)], new ChunkOpener(key, 'b/p1'))).rejects.toThrow(/truncated|final/);
    await expect(through([sealed], new ChunkOpener(key, 'b/p2'))).rejects.toThrow(/authentication/);
    await expect(through([sealed], new ChunkOpener(randomBytes(32), 'b/p1'))).rejects.toThrow(/authentication/);
    const reordered = Buffer.concat([sealed.subarray(frame, 2 * frame), sealed.subarray(0, frame), sealed.subarray(2 * frame)]);
    await expect(through([reordered], new ChunkOpener(key, 'b/p1'))).rejects.toThrow(/authentication/);
  });
});

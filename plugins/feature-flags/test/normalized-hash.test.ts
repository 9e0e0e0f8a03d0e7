import { describe, expect, it } from 'vitest';
import { murmurHash3, normalizedHash, ROLLOUT_SEED, VARIANT_SEED } from '../src/engine/index.ts';

describe('murmurHash3 (x86, 32-bit)', () => {
  // Reference vectors of MurmurHash3_x86_32 (SMHasher), over UTF-8 bytes.
  const vectors: [string, number, number][] = [
    ['', 0, 0],
    ['', 1, 0x514e28b7],
    ['', 0xffffffff, 0x81f16f39],
    ['\0\0\0\0', 0, 0x2362f9de],
    ['a', 0x9747b28c, 0x7fa09ea6],
    ['aa', 0x9747b28c, 0x5d211726],
    ['aaa', 0x9747b28c, 0x283e0130],
    ['aaaa', 0x9747b28c, 0x5a97808a],
    ['abc', 0, 0xb3dd93fa],
    ['abcd', 0x9747b28c, 0xf0478627],
    ['hello', 0, 0x248bfa47],
    ['Hello, world!', 0x9747b28c, 0x24884cba],
    ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
    ['ππππππππ', 0x9747b28c, 0xd58063c1],
  ];
  it.each(vectors)('hashes %j with seed %i', (text, seed, expected) => {
    expect(murmurHash3(text, seed)).toBe(expected);
  });

  it('handles keys longer than its scratch buffer', () => {
    expect(murmurHash3('x'.repeat(5000))).toBe(murmurHash3('x'.repeat(5000)));
    expect(murmurHash3('x'.repeat(5000))).not.toBe(murmurHash3('x'.repeat(4999)));
  });
});

describe('normalizedHash (Unleash buckets)', () => {
  // Values produced by unleash-client-node's hashing (murmurhash3js) for the same inputs.
  it('puts contexts in the same rollout buckets as Unleash', () => {
    expect(normalizedHash('122', 'AB12A', 100, ROLLOUT_SEED)).toBe(23);
    expect(normalizedHash('155', 'AB12A', 100, ROLLOUT_SEED)).toBe(100);
    expect(normalizedHash('174', 'Feature.flexibleRollout.10', 100)).toBe(10);
    expect(normalizedHash('user-42', 'checkout.new_flow', 100)).toBe(68);
  });

  it('uses the variant seed for variant buckets', () => {
    expect(normalizedHash('232', 'Feature.Variants.C', 1000, VARIANT_SEED)).toBe(786);
    expect(normalizedHash('tenant-7', 'checkout.new_flow', 100, VARIANT_SEED)).toBe(24);
  });

  it('spreads buckets evenly over 1..100', () => {
    const counts = new Array<number>(101).fill(0);
    for (let i = 0; i < 100_000; i++) counts[normalizedHash(`user-${i}`, 'spread', 100)]++;
    expect(counts[0]).toBe(0);
    for (let bucket = 1; bucket <= 100; bucket++) {
      expect(counts[bucket]).toBeGreaterThan(850);
      expect(counts[bucket]).toBeLessThan(1150);
    }
  });
});

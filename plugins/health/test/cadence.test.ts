import { describe, expect, it } from 'vitest';
import { checkTimeoutMs, effectiveIntervalMs, fnv1a, jitterOffsetMs, latestPlannedAt, nextPlannedAt } from '../src/schedule/cadence.ts';

describe('cadence and jitter', () => {
  const minute = 60_000;

  it('plans on a fixed grid: next = previous planned + interval, whatever the check took', () => {
    const offset = 7_000;
    const planned = nextPlannedAt(0, minute, offset);
    expect(planned).toBe(7_000);
    // A check planned at 7 s that ran 40 s still leads to 67 s.
    expect(nextPlannedAt(planned + 40_000, minute, offset)).toBe(67_000);
    expect(nextPlannedAt(planned, minute, offset)).toBe(67_000);
    expect(latestPlannedAt(66_999, minute, offset)).toBe(7_000);
    expect(latestPlannedAt(67_000, minute, offset)).toBe(67_000);
  });

  it('skips missed planned times instead of replaying them', () => {
    expect(nextPlannedAt(10 * minute + 1, minute, 0)).toBe(11 * minute);
  });

  it('spreads targets deterministically over the whole interval', () => {
    const offsets = Array.from({ length: 1000 }, (_, i) => jitterOffsetMs(`shopify/tenant-${i}`, minute, 1));
    expect(offsets.every((o) => o >= 0 && o < minute)).toBe(true);
    expect(jitterOffsetMs('shopify/tenant-1', minute, 1)).toBe(offsets[1]);
    // Roughly uniform: each quarter of the interval gets a fair share.
    const quarters = [0, 0, 0, 0];
    for (const o of offsets) quarters[Math.floor(o / (minute / 4))]++;
    for (const q of quarters) expect(q).toBeGreaterThan(150);
    expect(jitterOffsetMs('x', minute, 0)).toBe(0);
  });

  it('keeps the normal grid inside the faster failing grid', () => {
    const offset = jitterOffsetMs('redis/platform', minute, 1);
    const fast = effectiveIntervalMs(minute, true, 4);
    expect(fast).toBe(15_000);
    expect(effectiveIntervalMs(minute, false, 4)).toBe(minute);
    for (let k = 0; k < 5; k++) {
      const normal = offset + k * minute;
      expect((normal - offset) % fast).toBe(0);
      // the failing grid, computed from any moment, lands on the same points
      expect(latestPlannedAt(normal + 1, fast, offset)).toBe(normal);
    }
  });

  it('bounds the timeout by the interval', () => {
    expect(checkTimeoutMs(60_000, undefined, 10_000)).toBe(10_000);
    expect(checkTimeoutMs(1_000, undefined, 10_000)).toBe(1_000);
    expect(checkTimeoutMs(60_000, 30_000, 10_000)).toBe(30_000);
  });

  it('hashes with FNV-1a', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
  });
});

import { describe, expect, it } from 'vitest';
import { RefreshingCache } from '../src/refreshing-cache.ts';

function clockAt(start: number) {
  const clock = { t: start, now: () => clock.t };
  return clock;
}

describe('RefreshingCache', () => {
  it('answers a fresh entry at once, without loading', async () => {
    const clock = clockAt(0);
    const cache = new RefreshingCache<string, number>({ capacity: 10, ttlMs: 1000, now: clock.now });
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('k', load)).toBe(1);
    clock.t = 400;
    expect(cache.get('k', load)).toBe(1);
    expect(loads).toBe(1);
  });

  it('past refreshAfter, still answers at once and reloads once in the background', async () => {
    const clock = clockAt(0);
    const cache = new RefreshingCache<string, number>({ capacity: 10, ttlMs: 1000, now: clock.now });
    let loads = 0;
    let release!: () => void;
    const load = () => {
      loads++;
      return new Promise<number>((ok) => (release = () => ok(loads)));
    };
    const first = cache.get('k', load);
    release();
    expect(await first).toBe(1);
    clock.t = 600;
    for (let i = 0; i < 50; i++) expect(cache.get('k', load)).toBe(1);
    expect(loads).toBe(2);
    release();
    await new Promise((r) => setImmediate(r));
    expect(cache.get('k', load)).toBe(2);
    // The refreshed entry lives a full TTL from its reload.
    clock.t = 1500;
    expect(cache.peek('k')).toBe(2);
  });

  it('never serves past the TTL: an idle key is loaded in the foreground, shared by concurrent readers', async () => {
    const clock = clockAt(0);
    const cache = new RefreshingCache<string, string>({ capacity: 10, ttlMs: 1000, now: clock.now });
    let loads = 0;
    await cache.get('k', async () => `v${++loads}`);
    clock.t = 1001;
    expect(cache.peek('k')).toBeUndefined();
    const readers = Array.from({ length: 20 }, () => cache.get('k', async () => `v${++loads}`));
    expect(readers.every((r) => r instanceof Promise)).toBe(true);
    expect(await Promise.all(readers)).toEqual(Array(20).fill('v2'));
    expect(loads).toBe(2);
  });

  it('keeps the entry when a background reload fails, reports it, and lets the next foreground read see the error', async () => {
    const clock = clockAt(0);
    const errors: unknown[] = [];
    const cache = new RefreshingCache<string, number>({ capacity: 10, ttlMs: 1000, now: clock.now, onRefreshError: (e) => errors.push(e) });
    await cache.get('k', async () => 1);
    clock.t = 700;
    const failing = async () => {
      throw new Error('database unavailable');
    };
    expect(cache.get('k', failing)).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(errors).toHaveLength(1);
    expect(cache.get('k', failing)).toBe(1);
    clock.t = 1001;
    await expect(cache.get('k', failing)).rejects.toThrow('database unavailable');
    // The rejection is not kept.
    expect(await cache.get('k', async () => 5)).toBe(5);
  });

  it('an entry deleted while its load runs is not stored by that load', async () => {
    const clock = clockAt(0);
    const cache = new RefreshingCache<string, string>({ capacity: 10, ttlMs: 1000, now: clock.now });
    let release!: (v: string) => void;
    const pending = cache.get('k', () => new Promise<string>((ok) => (release = ok)));
    cache.delete('k');
    release('before the write');
    expect(await pending).toBe('before the write');
    expect(cache.peek('k')).toBeUndefined();
    expect(await cache.get('k', async () => 'after the write')).toBe('after the write');
  });

  it('honours an entry deadline sooner than the TTL, and deletes by predicate', async () => {
    const clock = clockAt(0);
    const cache = new RefreshingCache<string, { id: string; until: number } | null>({
      capacity: 10,
      ttlMs: 1000,
      now: clock.now,
      expiresAt: (v, loadedAt) => v?.until ?? loadedAt,
    });
    await cache.get('session', async () => ({ id: 'a', until: 300 }));
    await cache.get('unknown', async () => null);
    expect(cache.peek('unknown')).toBeUndefined();
    clock.t = 299;
    expect(cache.peek('session')).toEqual({ id: 'a', until: 300 });
    clock.t = 300;
    expect(cache.peek('session')).toBeUndefined();
    await cache.get('x', async () => ({ id: 'b', until: 5000 }));
    await cache.get('y', async () => ({ id: 'c', until: 5000 }));
    cache.deleteWhere((_k, v) => v?.id === 'b');
    expect(cache.peek('x')).toBeUndefined();
    expect(cache.peek('y')).toEqual({ id: 'c', until: 5000 });
  });
});

import { describe, expect, it } from 'vitest';
import { FlagCache, SNAPSHOT_CHANNEL } from '../src/service/flag-cache.ts';
import { buildSnapshot, type FlagSnapshot } from '../src/store/flag-snapshot.ts';

function fakeSource() {
  let version = 1;
  let loads = 0;
  return {
    setVersion: (v: number) => (version = v),
    get loads() {
      return loads;
    },
    source: {
      async load(previous: FlagSnapshot) {
        loads++;
        const v = version;
        await new Promise((resolve) => setTimeout(resolve, 10));
        return buildSnapshot(v, [], [], previous);
      },
      readVersion: async () => version,
    },
  };
}

const quiet = { warn: () => undefined };

describe('FlagCache', () => {
  it('coalesces concurrent refreshes into at most one more load', async () => {
    const fake = fakeSource();
    const cache = new FlagCache(fake.source, quiet);
    await Promise.all([cache.refresh(), cache.refresh(), cache.refresh(), cache.refresh()]);
    expect(fake.loads).toBe(2);
    expect(cache.snapshot.version).toBe(1);
  });

  it('reloads on an announcement of a newer version only, and tells listeners', async () => {
    const fake = fakeSource();
    const cache = new FlagCache(fake.source, quiet);
    await cache.refresh();
    const handlers = new Map<string, (payload: unknown) => void>();
    cache.start({ subscribe: (channel, handler) => (handlers.set(channel, handler), () => handlers.delete(channel)) }, 0);
    const seen: number[] = [];
    cache.onChange((snapshot) => seen.push(snapshot.version));
    handlers.get(SNAPSHOT_CHANNEL)!({ version: 1 });
    fake.setVersion(2);
    handlers.get(SNAPSHOT_CHANNEL)!({ version: 2 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.loads).toBe(2);
    expect(seen).toEqual([2]);
    cache.stop();
    expect(handlers.size).toBe(0);
  });

  it('polls the version as the fallback', async () => {
    const fake = fakeSource();
    const cache = new FlagCache(fake.source, quiet);
    await cache.refresh();
    cache.start({ subscribe: () => () => undefined }, 20);
    fake.setVersion(5);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(cache.snapshot.version).toBe(5);
    cache.stop();
  });
});

describe('FlagCache after a failed reload', () => {
  /** A source whose next `failures` loads fail as a dropped connection does. */
  function failingSource(failures: number) {
    const fake = fakeSource();
    let left = failures;
    return {
      ...fake,
      source: {
        ...fake.source,
        async load(previous: FlagSnapshot) {
          if (left > 0) {
            left--;
            await new Promise((resolve) => setTimeout(resolve, 5));
            throw new Error('Connection terminated unexpectedly');
          }
          return fake.source.load(previous);
        },
      },
    };
  }

  it('does not hand a failed reload to the refreshes queued behind it or to later ones', async () => {
    const fake = failingSource(1);
    const cache = new FlagCache(fake.source, quiet);
    const failed = cache.refresh();
    const queued = cache.refresh();
    await expect(failed).rejects.toThrow('Connection terminated');
    await expect(queued).resolves.toBeUndefined();
    // Later bursts (one load in flight, the rest queued behind it) all succeed.
    for (let round = 0; round < 3; round++) {
      const results = await Promise.allSettled(Array.from({ length: 20 }, () => cache.refresh()));
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(0);
    }
  });

  it('refreshAfterCommit never rejects, and retries once', async () => {
    const fake = failingSource(1);
    const cache = new FlagCache(fake.source, quiet);
    fake.setVersion(3);
    await expect(cache.refreshAfterCommit()).resolves.toBeUndefined();
    expect(cache.snapshot.version).toBe(3);
    const down = failingSource(5);
    const warnings: unknown[] = [];
    const stale = new FlagCache(down.source, { warn: (obj: unknown) => void warnings.push(obj) });
    await expect(stale.refreshAfterCommit()).resolves.toBeUndefined();
    expect(warnings).toHaveLength(1);
  });
});

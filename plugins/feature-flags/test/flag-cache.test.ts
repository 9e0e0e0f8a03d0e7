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

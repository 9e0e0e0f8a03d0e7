import { describe, expect, it } from 'vitest';
import { TableReadCache } from '../src/crud/table-read-cache.ts';

const live = () => {
  const c = new TableReadCache(3);
  c.setLive(true);
  return c;
};

describe('TableReadCache', () => {
  it('keeps a read until its table changes', async () => {
    const c = live();
    let loads = 0;
    const load = async () => ++loads;
    expect(await c.read('t', 'k', load)).toBe(1);
    expect(await c.read('t', 'k', load)).toBe(1);
    expect(c.peek('t', 'k')).toBe(1);
    c.invalidate('other');
    expect(await c.read('t', 'k', load)).toBe(1);
    c.invalidate('t');
    expect(c.peek('t', 'k')).toBeUndefined();
    expect(await c.read('t', 'k', load)).toBe(2);
  });

  it('does not keep a read that a change overtook', async () => {
    const c = live();
    let release!: () => void;
    const slow = c.read('t', 'k', () => new Promise<string>((ok) => (release = () => ok('old'))));
    c.invalidate('t'); // the table changed while the read was in flight
    release();
    expect(await slow).toBe('old');
    expect(c.peek('t', 'k')).toBeUndefined();
  });

  it('shares one load between identical concurrent reads', async () => {
    const c = live();
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 5));
      return 'v';
    };
    expect(await Promise.all([c.read('t', 'k', load), c.read('t', 'k', load), c.read('t', 'k', load)])).toEqual(['v', 'v', 'v']);
    expect(loads).toBe(1);
  });

  it('caches nothing while changes are not heard, and forgets everything when hearing resumes', async () => {
    const c = new TableReadCache();
    let loads = 0;
    const load = async () => ++loads;
    await c.read('t', 'k', load);
    await c.read('t', 'k', load);
    expect(loads).toBe(2);
    c.setLive(true);
    await c.read('t', 'k', load);
    c.setLive(false);
    expect(c.peek('t', 'k')).toBeUndefined();
    c.setLive(true);
    expect(c.size).toBe(0);
  });

  it('holds at most its maximum number of entries, dropping the least recently used', async () => {
    const c = live();
    for (const k of ['a', 'b', 'c', 'd', 'e']) await c.read('t', k, async () => k);
    expect(c.size).toBeLessThanOrEqual(3);
    expect(c.peek('t', 'a')).toBeUndefined();
    expect(c.peek('t', 'e')).toBe('e');
  });

  it('does not keep a failed load', async () => {
    const c = live();
    await expect(c.read('t', 'k', async () => Promise.reject(new Error('bad query')))).rejects.toThrow('bad query');
    expect(c.peek('t', 'k')).toBeUndefined();
    expect(await c.read('t', 'k', async () => 'ok')).toBe('ok');
  });
});

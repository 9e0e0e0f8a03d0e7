import { describe, expect, it } from 'vitest';
import { BoundedMap } from '../src/bounded-map.ts';

describe('BoundedMap', () => {
  it('keeps at most its capacity, dropping the least recently used generation', () => {
    const m = new BoundedMap<number, string>(4);
    for (let i = 0; i < 10; i++) m.set(i, `v${i}`);
    expect(m.size).toBeLessThanOrEqual(4);
    expect(m.get(9)).toBe('v9');
    expect(m.get(0)).toBeUndefined();
  });

  it('keeps an entry that is read while others come in', () => {
    const m = new BoundedMap<string, number>(4);
    m.set('hot', 1);
    for (let i = 0; i < 50; i++) {
      m.set(`k${i}`, i);
      expect(m.get('hot')).toBe(1);
    }
  });

  it('overwrites, deletes and clears', () => {
    const m = new BoundedMap<string, number>(10);
    m.set('a', 1).set('a', 2);
    expect(m.get('a')).toBe(2);
    expect(m.size).toBe(1);
    expect(m.delete('a')).toBe(true);
    expect(m.delete('a')).toBe(false);
    m.set('b', 1);
    m.clear();
    expect(m.size).toBe(0);
    expect(m.get('b')).toBeUndefined();
  });

  it('holds a million distinct keys passing through 5,000 slots within its capacity', () => {
    const m = new BoundedMap<string, number>(5000);
    for (let i = 0; i < 1_000_000; i++) m.set(`key-${i}`, i);
    expect(m.size).toBeLessThanOrEqual(5000);
    expect(m.get('key-999999')).toBe(999999);
  });

  it('iterates over every entry of both generations once, and allows deleting while iterating', () => {
    const m = new BoundedMap<string, number>(4);
    for (let i = 0; i < 3; i++) m.set(`k${i}`, i);
    expect([...m].map(([k]) => k).sort()).toEqual(['k0', 'k1', 'k2']);
    for (const [k, v] of m.entries()) if (v % 2 === 0) m.delete(k);
    expect([...m]).toEqual([['k1', 1]]);
  });
});

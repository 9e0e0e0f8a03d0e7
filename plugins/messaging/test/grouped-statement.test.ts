import { describe, expect, it } from 'vitest';
import { GroupedStatement } from '../src/grouped-statement.ts';

describe('GroupedStatement (group commit)', () => {
  it('runs a lone call at once, and the calls made while a group runs together in the next group, each getting its own output', async () => {
    const groups: number[][] = [];
    let release!: () => void;
    const firstRuns = new Promise<void>((resolve) => (release = resolve));
    const doubled = new GroupedStatement<number, number>(async (inputs) => {
      groups.push(inputs);
      if (groups.length === 1) await firstRuns;
      return inputs.map((i) => i * 2);
    });
    const first = doubled.run(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const waiting = [doubled.run(2), doubled.run(3), doubled.run(4)];
    release();
    expect(await first).toBe(2);
    expect(await Promise.all(waiting)).toEqual([4, 6, 8]);
    expect(groups).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps groups to maxGroup inputs', async () => {
    const sizes: number[] = [];
    const echo = new GroupedStatement<number, number>(async (inputs) => {
      sizes.push(inputs.length);
      return inputs;
    }, 2);
    expect(await Promise.all([1, 2, 3, 4, 5].map((i) => echo.run(i)))).toEqual([1, 2, 3, 4, 5]);
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('runs the inputs of a failed group again one by one, so a bad input fails only its own call; later calls start afresh', async () => {
    const groups: number[][] = [];
    const strict = new GroupedStatement<number, number>(async (inputs) => {
      groups.push(inputs);
      if (inputs.includes(13)) throw new Error('13 is refused');
      return inputs;
    });
    const results = await Promise.allSettled([strict.run(12), strict.run(13), strict.run(14)]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([12, '13 is refused', 14]);
    expect(await strict.run(15)).toBe(15);
    expect(groups).toEqual([[12, 13, 14], [12], [13], [14], [15]]);
  });
});

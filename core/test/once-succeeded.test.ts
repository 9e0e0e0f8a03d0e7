import { describe, expect, it } from 'vitest';
import { onceSucceeded } from '../src/once-succeeded.ts';

describe('onceSucceeded', () => {
  it('shares one successful result', async () => {
    let calls = 0;
    const get = onceSucceeded(async () => ++calls);
    expect(await Promise.all([get(), get(), get()])).toEqual([1, 1, 1]);
    expect(await get()).toBe(1);
    expect(calls).toBe(1);
  });

  it('forgets a failure: the next call produces again instead of answering the same error', async () => {
    let calls = 0;
    const get = onceSucceeded(async () => {
      calls++;
      if (calls === 1) throw new Error('Connection terminated unexpectedly');
      return 'hash';
    });
    const [a, b] = await Promise.allSettled([get(), get()]);
    expect(a.status).toBe('rejected');
    expect(b.status).toBe('rejected'); // concurrent callers share the attempt in flight
    expect(await get()).toBe('hash');
    expect(await get()).toBe('hash');
    expect(calls).toBe(2);
  });
});

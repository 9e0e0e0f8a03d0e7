import { describe, expect, it } from 'vitest';
import { SingleFlight } from '../src/single-flight.ts';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((ok, no) => {
    resolve = ok;
    reject = no;
  });
  return { promise, resolve, reject };
}

describe('SingleFlight', () => {
  it('runs one load for concurrent callers of the same key, and one per key', async () => {
    const flights = new SingleFlight<string, number>();
    let loads = 0;
    const gate = deferred<void>();
    const load = (n: number) => async () => {
      loads++;
      await gate.promise;
      return n;
    };
    const a = Array.from({ length: 100 }, () => flights.run('a', load(1)));
    const b = flights.run('b', load(2));
    expect(flights.size).toBe(2);
    gate.resolve();
    expect(await Promise.all(a)).toEqual(Array(100).fill(1));
    expect(await b).toBe(2);
    expect(loads).toBe(2);
    expect(flights.size).toBe(0);
  });

  it('never serves a rejection to a caller that arrives after it', async () => {
    const flights = new SingleFlight<string, number>();
    const failing = flights.run('k', async () => {
      throw new Error('connection terminated');
    });
    const joined = flights.run('k', async () => 2);
    await expect(failing).rejects.toThrow('connection terminated');
    await expect(joined).rejects.toThrow('connection terminated');
    await expect(flights.run('k', async () => 3)).resolves.toBe(3);
  });

  it('a load that throws synchronously rejects instead of throwing at the caller', async () => {
    const flights = new SingleFlight<string, number>();
    const p = flights.run('k', () => {
      throw new Error('sync');
    });
    await expect(p).rejects.toThrow('sync');
    expect(flights.size).toBe(0);
  });

  it('after forget, callers start a fresh load and the running one is stale', async () => {
    const flights = new SingleFlight<string, string>();
    const gate = deferred<string>();
    const token = flights.token();
    const old = flights.run('k', () => gate.promise);
    flights.forget('k');
    expect(flights.isCurrent(token)).toBe(false);
    const fresh = flights.run('k', async () => 'new');
    expect(await fresh).toBe('new');
    gate.resolve('old');
    expect(await old).toBe('old');
    // The stale flight settling does not remove a newer one.
    const gate2 = deferred<string>();
    const newer = flights.run('k', () => gate2.promise);
    expect(flights.size).toBe(1);
    gate2.resolve('x');
    expect(await newer).toBe('x');
    flights.forgetAll();
    expect(flights.size).toBe(0);
  });
});

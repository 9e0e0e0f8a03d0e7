/**
 * Shares one load per key among the callers that ask for it while it runs: when a cached value expires under
 * load, a hundred requests asking for it at once cost one database round trip, not a hundred queued behind
 * the pool (a cache stampede). A load is forgotten once it settles, whatever its outcome, so a rejection is
 * never served to a later caller.
 *
 * `forget(key)` / `forgetAll()` are for invalidation: callers arriving afterwards start a fresh load, and the
 * load that was running reports itself stale (`isCurrent` returns false) so that its result is not cached.
 */
export class SingleFlight<K, V> {
  private readonly running = new Map<K, { promise: Promise<V>; generation: number }>();
  private generation = 0;

  /** The load running for `key`, or `load()` started and shared until it settles. */
  run(key: K, load: () => Promise<V>): Promise<V> {
    const current = this.running.get(key);
    if (current) return current.promise;
    const flight = { promise: undefined as unknown as Promise<V>, generation: this.generation };
    let started: Promise<V>;
    try {
      started = Promise.resolve(load());
    } catch (err) {
      started = Promise.reject(err);
    }
    flight.promise = started.finally(() => {
      if (this.running.get(key) === flight) this.running.delete(key);
    });
    this.running.set(key, flight);
    return flight.promise;
  }

  /** A token for a load starting now; `isCurrent(token)` tells whether no invalidation happened since. */
  token(): number {
    return this.generation;
  }

  isCurrent(token: number): boolean {
    return token === this.generation;
  }

  /** Later callers for `key` start a fresh load; loads running now are stale. */
  forget(key: K): void {
    this.running.delete(key);
    this.generation++;
  }

  /** Later callers for any key start fresh loads; loads running now are stale. */
  forgetAll(): void {
    this.running.clear();
    this.generation++;
  }

  /** How many loads are running. */
  get size(): number {
    return this.running.size;
  }
}

import { BoundedMap } from './bounded-map.ts';
import { SingleFlight } from './single-flight.ts';

export interface RefreshingCacheOptions<V> {
  /** Entries kept, at most (least recently used dropped first). */
  capacity: number;
  /** How long an entry may be served after it was loaded. */
  ttlMs: number;
  /** After this long, a read still answers from the entry but reloads it in the background. Default: half the TTL. */
  refreshAfterMs?: number;
  /** An entry's own deadline, when it is sooner than the TTL (a session that expires). */
  expiresAt?: (value: V, loadedAt: number) => number;
  /** A background reload failed (the entry is kept until its TTL; the next foreground read reports the error). */
  onRefreshError?: (err: unknown) => void;
  now?: () => number;
}

interface Entry<V> {
  value: V;
  refreshAt: number;
  expiresAt: number;
}

/**
 * A bounded cache for the request path that never makes a busy key's readers wait for its reload. A read
 * answers from the entry while it is fresh; past `refreshAfterMs` it still does, and starts one background
 * reload (one per key, whatever the number of readers), so a key read all the time is never found expired.
 * Only a key nobody read for a while is loaded in the foreground, and its concurrent readers share that one
 * load. A value is never served past its TTL, and `delete`/`clear` make loads running at that moment stale:
 * their result goes to whoever waits for it but is not kept.
 */
export class RefreshingCache<K, V> {
  private readonly entries: BoundedMap<K, Entry<V>>;
  private readonly loads = new SingleFlight<K, V>();
  private readonly now: () => number;
  private readonly refreshAfterMs: number;

  constructor(private readonly opts: RefreshingCacheOptions<V>) {
    this.entries = new BoundedMap(opts.capacity);
    this.now = opts.now ?? Date.now;
    this.refreshAfterMs = opts.refreshAfterMs ?? opts.ttlMs / 2;
  }

  /** The value for `key`: at once when cached (`V`), else a promise of `load()`'s. */
  get(key: K, load: () => Promise<V>): V | Promise<V> {
    const hit = this.entries.get(key);
    const now = this.now();
    if (hit && hit.expiresAt > now) {
      if (now >= hit.refreshAt) this.load(key, load).catch((err: unknown) => this.opts.onRefreshError?.(err));
      return hit.value;
    }
    return this.load(key, load);
  }

  /** The cached value, when there is a fresh one. */
  peek(key: K): V | undefined {
    const hit = this.entries.get(key);
    return hit && hit.expiresAt > this.now() ? hit.value : undefined;
  }

  delete(key: K): void {
    this.entries.delete(key);
    this.loads.forget(key);
  }

  clear(): void {
    this.entries.clear();
    this.loads.forgetAll();
  }

  /** Entries whose value matches, dropped (and loads running now made stale). */
  deleteWhere(matches: (key: K, value: V) => boolean): void {
    for (const [key, entry] of this.entries.entries()) if (matches(key, entry.value)) this.entries.delete(key);
    this.loads.forgetAll();
  }

  private load(key: K, load: () => Promise<V>): Promise<V> {
    return this.loads.run(key, async () => {
      const token = this.loads.token();
      const loadedAt = this.now();
      const value = await load();
      if (this.loads.isCurrent(token)) {
        const ttlEnd = loadedAt + this.opts.ttlMs;
        const expiresAt = this.opts.expiresAt ? Math.min(ttlEnd, this.opts.expiresAt(value, loadedAt)) : ttlEnd;
        this.entries.set(key, { value, refreshAt: loadedAt + this.refreshAfterMs, expiresAt });
      }
      return value;
    });
  }
}

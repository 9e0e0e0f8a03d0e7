import { RefreshingCache, type Broadcast, type Database, type EntityManager, type Logger } from '@platform/sdk';

export interface AnnouncedCacheOptions {
  /** Broadcast channel on which a committed change is announced to every instance. */
  channel: string;
  /** Entries kept at most. */
  capacity: number;
  /**
   * The longest an entry is served: the bound on staleness when an announcement is lost (a listener connection
   * dropped) or the rows were changed by something other than {@link AnnouncedCache.change} (tenant deletion).
   * A busy entry is reloaded in the background after half of it, never making a reader wait.
   */
  ttlMs: number;
}

/**
 * A read-mostly cache of rows the hot path would otherwise read on every call (notification rules, provider
 * orders), kept correct by announcing every change: a write made through {@link change} clears this instance's
 * entries as soon as its transaction commits (so the writer reads its own write) and every other instance's when
 * the announcement, sent on commit, reaches it. A load running when the entries are cleared is not kept, and a
 * failed load is never kept (the next reader loads again).
 */
export class AnnouncedCache<K, V> {
  private readonly cache: RefreshingCache<K, V>;

  constructor(
    private readonly db: Database,
    private readonly broadcast: Broadcast,
    private readonly opts: AnnouncedCacheOptions,
    logger: Pick<Logger, 'warn'>,
  ) {
    this.cache = new RefreshingCache<K, V>({
      capacity: opts.capacity,
      ttlMs: opts.ttlMs,
      onRefreshError: (err) => logger.warn({ err, cache: opts.channel }, 'background reload of a cached read failed; the entry is served until its TTL'),
    });
    broadcast.subscribe(opts.channel, () => this.cache.clear());
  }

  /** The cached value of `key`, or `load()`'s (shared by concurrent readers). */
  async get(key: K, load: () => Promise<V>): Promise<V> {
    return this.cache.get(key, load);
  }

  /** Runs `work` in a system transaction that changes what the cache holds; every instance forgets its entries on commit. */
  async change<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.db.system().transactional(async (em) => {
      const value = await work(em);
      await this.broadcast.publish(this.opts.channel, null, em);
      return value;
    });
    this.cache.clear();
    return result;
  }
}

import { BoundedMap } from '@platform/sdk';

/**
 * Results of reads from watched tables (CRUD list pages and their totals), kept until the table changes.
 *
 * Every table has a version. A change to the table (a database trigger's NOTIFY, from any instance or
 * any SQL, or the CRUD helper's own write on this instance) bumps it, which makes every entry read at an
 * older version stale at once. A read remembers the version it started at and is kept only if no change
 * came in meanwhile, so a read that raced a commit is never kept. While nothing listens for changes
 * (`live` false: the listener is down or reconnecting) nothing is cached at all.
 */
export class TableReadCache {
  private readonly versions = new Map<string, number>();
  private readonly entries: BoundedMap<string, { table: string; version: number; value: unknown }>;
  private readonly inFlight = new Map<string, { version: number; promise: Promise<unknown> }>();
  private live = false;

  constructor(maxEntries = 2000) {
    this.entries = new BoundedMap(maxEntries);
  }

  private versionOf(table: string): number {
    return this.versions.get(table) ?? 0;
  }

  /** The cached value if there is a current one (no loader to create on the hot path). */
  peek<T>(table: string, key: string): T | undefined {
    const hit = this.live ? this.entries.get(key) : undefined;
    return hit && hit.version === this.versionOf(table) ? (hit.value as T) : undefined;
  }

  /** The cached value, or `load()`'s (shared by concurrent identical reads, kept if still current). */
  async read<T>(table: string, key: string, load: () => Promise<T>): Promise<T> {
    if (!this.live) return load();
    const version = this.versionOf(table);
    const hit = this.entries.get(key);
    if (hit) {
      if (hit.version === version) return hit.value as T;
      this.entries.delete(key);
    }
    const pending = this.inFlight.get(key);
    if (pending && pending.version === version) return pending.promise as Promise<T>;
    const promise = load();
    this.inFlight.set(key, { version, promise });
    try {
      const value = await promise;
      if (this.live && this.versionOf(table) === version) {
        this.entries.set(key, { table, version, value });
      }
      return value;
    } finally {
      if (this.inFlight.get(key)?.promise === promise) this.inFlight.delete(key);
    }
  }

  /** The table changed: everything read from it before now is stale. */
  invalidate(table: string): void {
    this.versions.set(table, this.versionOf(table) + 1);
  }

  /** Forget everything (a raw write whose tables are unknown, or the change feed restarting). */
  invalidateAll(): void {
    for (const table of this.versions.keys()) this.invalidate(table);
    this.entries.clear();
  }

  /** Whether changes are being heard; caching is on only while they are. */
  setLive(live: boolean): void {
    this.live = live;
    this.invalidateAll();
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Totals for react-admin's Content-Range on large tables. Counting 10,000 rows on every page costs more
 * than the page itself, so totals of 1,000 rows or more are reused for up to `ttlMs` and dropped at once
 * when the CRUD helper writes to that entity and tenant. Smaller totals are always exact.
 */
export class CountCache {
  private readonly entries = new Map<string, { total: number; at: number }>();
  constructor(private readonly ttlMs = 2000, private readonly minCached = 1000, private readonly maxEntries = 10_000) {}

  static key(entity: string, tenantId: string | null, where: unknown): string {
    return `${entity}|${tenantId ?? '*'}|${JSON.stringify(where)}`;
  }

  async get(key: string, count: () => Promise<number>): Promise<number> {
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.total;
    const total = await count();
    if (total >= this.minCached) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, { total, at: Date.now() });
    } else this.entries.delete(key);
    return total;
  }

  /** Drops every cached total of this entity for this tenant (and the cross-tenant ones). */
  invalidate(entity: string, tenantId: string | null): void {
    for (const key of this.entries.keys()) {
      if (key.startsWith(`${entity}|${tenantId ?? '*'}|`) || key.startsWith(`${entity}|*|`)) this.entries.delete(key);
    }
  }
}

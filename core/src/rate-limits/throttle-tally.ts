import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { runSql } from '../db/orm.ts';

export type ThrottleKind = 'requests' | 'streams';

/**
 * Refused requests, counted in memory per tenant, minute and kind and added to `kernel_rate_limit_throttled`
 * every few seconds (one statement per flush, whatever the refusal rate). A failed flush keeps its counts.
 */
export class ThrottleTally {
  private counts = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  private readonly pool: EntityManager;

  constructor(orm: MikroORM, private readonly flushEveryMs = 5000) {
    this.pool = orm.em.fork();
  }

  count(tenantId: string, kind: ThrottleKind, now: number): void {
    const key = `${tenantId}|${kind}|${now - (now % 60_000)}`;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush().catch(() => undefined);
      }, this.flushEveryMs);
      this.timer.unref();
    }
  }

  /** Writes what was counted so far. */
  async flush(): Promise<void> {
    if (this.flushing) await this.flushing;
    if (!this.counts.size) return;
    const batch = this.counts;
    this.counts = new Map();
    const tenants: string[] = [], kinds: string[] = [], minutes: string[] = [], ns: number[] = [];
    for (const [key, n] of batch) {
      const [tenant, kind, minute] = key.split('|');
      tenants.push(tenant!);
      kinds.push(kind!);
      minutes.push(new Date(Number(minute)).toISOString());
      ns.push(n);
    }
    this.flushing = runSql(
      this.pool,
      `INSERT INTO kernel_rate_limit_throttled AS t (tenant_id, kind, minute, count)
       SELECT u.tenant_id, u.kind, u.minute, u.n FROM unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::int[]) AS u (tenant_id, kind, minute, n)
       WHERE EXISTS (SELECT 1 FROM tenants WHERE tenants.id = u.tenant_id)
       ON CONFLICT (tenant_id, minute, kind) DO UPDATE SET count = t.count + EXCLUDED.count`,
      [tenants, kinds, minutes, ns],
    )
      .then(() => undefined)
      .catch((err: unknown) => {
        for (const [key, n] of batch) this.counts.set(key, (this.counts.get(key) ?? 0) + n);
        throw err;
      })
      .finally(() => {
        this.flushing = null;
      });
    await this.flushing;
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush().catch(() => undefined);
  }
}

import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { runSql } from '../db/orm.ts';
import type { LeaseGrant } from './token-lease.ts';

/**
 * The token buckets every instance shares, one row per tenant in PostgreSQL (`kernel_rate_limit_lease`, see
 * migrations/0009_rate_limits.sql): a lease takes whole tokens under the row's lock, so the instances
 * together never admit more than the bucket holds.
 */
export class SharedBuckets {
  /** Names the connection pool only (no row-level scope, no transaction). */
  private readonly pool: EntityManager;
  constructor(orm: MikroORM) {
    this.pool = orm.em.fork();
  }

  /** Takes up to `want` tokens; `at` replaces the database clock (tests). */
  async lease(tenantId: string, rate: number, burst: number, want: number, at?: Date): Promise<LeaseGrant> {
    const rows = await runSql<{ granted: number; available: number }>(
      this.pool,
      'SELECT granted, available FROM kernel_rate_limit_lease($1, $2, $3, $4, $5)',
      [tenantId, rate, burst, want, at ?? null],
      { prepare: true },
    );
    const row = rows[0]!;
    return { granted: Number(row.granted), available: Number(row.available) };
  }

  /**
   * Empties the table, so every bucket starts full under the policies now in force (after a policy change): the
   * tokens an instance leased ahead under the old policy are dropped with it, and must not leave the new one's
   * bucket empty.
   */
  async refillAll(): Promise<void> {
    await runSql(this.pool, 'DELETE FROM kernel_rate_limit_buckets');
  }
}

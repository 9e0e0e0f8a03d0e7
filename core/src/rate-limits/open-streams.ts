import { randomUUID } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { runSql } from '../db/orm.ts';

/** How long a stream's row lives without its instance renewing it (a crashed instance's streams free up after it). */
const STREAM_TTL_SECONDS = 90;
const RENEW_EVERY_MS = 30_000;

/**
 * The event streams each tenant holds open, across instances: a row per open stream in
 * `kernel_rate_limit_streams`, admitted under a per-tenant lock, removed when the stream closes, renewed
 * by its instance while it is open.
 */
export class OpenStreams {
  private readonly mine = new Set<string>();
  private renewTimer: NodeJS.Timeout | null = null;

  private readonly pool: EntityManager;

  constructor(orm: MikroORM, private readonly instanceId: string) {
    this.pool = orm.em.fork();
  }

  /** Opens a stream unless the tenant already holds `limit`; the id to close it with, or null when refused. */
  async open(tenantId: string, limit: number): Promise<{ id: string | null; open: number }> {
    const id = randomUUID();
    const rows = await runSql<{ admitted: boolean; open_streams: number }>(
      this.pool,
      'SELECT admitted, open_streams FROM kernel_rate_limit_open_stream($1, $2, $3, $4, $5)',
      [tenantId, id, this.instanceId, limit, STREAM_TTL_SECONDS],
    );
    const row = rows[0]!;
    if (!row.admitted) return { id: null, open: Number(row.open_streams) };
    this.mine.add(id);
    this.startRenewing();
    return { id, open: Number(row.open_streams) };
  }

  async close(id: string): Promise<void> {
    this.mine.delete(id);
    await runSql(this.pool, 'DELETE FROM kernel_rate_limit_streams WHERE id = $1', [id]);
  }

  /** Streams of a tenant open now (all instances). */
  async count(tenantId: string): Promise<number> {
    const rows = await runSql<{ n: number }>(this.pool, 'SELECT count(*)::int AS n FROM kernel_rate_limit_streams WHERE tenant_id = $1 AND expires_at > clock_timestamp()', [tenantId]);
    return Number(rows[0]?.n ?? 0);
  }

  private startRenewing(): void {
    if (this.renewTimer) return;
    this.renewTimer = setInterval(() => {
      if (!this.mine.size) return;
      void runSql(this.pool, `UPDATE kernel_rate_limit_streams SET expires_at = clock_timestamp() + make_interval(secs => $2) WHERE id = ANY($1::uuid[])`, [[...this.mine], STREAM_TTL_SECONDS]).catch(() => undefined);
    }, RENEW_EVERY_MS);
    this.renewTimer.unref();
  }

  /** Forgets this instance's streams (shutdown: they are closed by then, or expire). */
  async stop(): Promise<void> {
    if (this.renewTimer) clearInterval(this.renewTimer);
    this.renewTimer = null;
    const ids = [...this.mine];
    this.mine.clear();
    if (ids.length) await runSql(this.pool, 'DELETE FROM kernel_rate_limit_streams WHERE id = ANY($1::uuid[])', [ids]).catch(() => undefined);
  }
}

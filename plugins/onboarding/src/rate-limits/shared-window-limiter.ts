import { createHash } from 'node:crypto';
import type { Database } from '@platform/sdk';

export interface LimitVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * At most `max` hits per key in a window that starts with the key's first hit, counted in PostgreSQL: every instance
 * behind the load balancer counts in the same row (one atomic upsert per hit), so N instances allow `max`, not N × `max`.
 * Keys are stored as SHA-256 (no IP or email address at rest); the database's clock sets the windows.
 */
export class SharedWindowLimiter {
  constructor(
    private readonly db: Database,
    private readonly scope: string,
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  async hit(key: string): Promise<LimitVerdict> {
    const keyHash = createHash('sha256').update(key).digest('hex');
    const [row] = await this.db.sql<{ count: number; retry_ms: number }>(
      `INSERT INTO onboarding_rate_limit_counters AS c (scope, key_hash, count, reset_at)
       VALUES ($1, $2, 1, now() + make_interval(secs => $3::double precision / 1000))
       ON CONFLICT (scope, key_hash) DO UPDATE SET
         count = CASE WHEN c.reset_at <= now() THEN 1 ELSE c.count + 1 END,
         reset_at = CASE WHEN c.reset_at <= now() THEN EXCLUDED.reset_at ELSE c.reset_at END
       RETURNING count, (extract(epoch FROM reset_at - now()) * 1000)::float8 AS retry_ms`,
      [this.scope, keyHash, this.windowMs],
      this.db.system(),
    );
    const allowed = row.count <= this.max;
    return { allowed, retryAfterSeconds: allowed && row.count === 1 ? 0 : Math.max(1, Math.ceil(Number(row.retry_ms) / 1000)) };
  }
}

/** Deletes the counters whose window is over (a job runs it; a stale row is also reset by its next hit). */
export async function pruneRateLimitCounters(db: Database): Promise<number> {
  const rows = await db.sql('DELETE FROM onboarding_rate_limit_counters WHERE reset_at < now() RETURNING 1', [], db.system());
  return rows.length;
}

import { BoundedMap, type Database } from '@platform/sdk';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
}

/** Fixed windows aligned on the epoch (`floor(now / windowMs)`), so that every instance agrees on them. */
export function windowStartOf(now: number, windowMs: number): number {
  return Math.floor(now / windowMs) * windowMs;
}

function decision(limit: number, count: number, windowStart: number, windowMs: number, now: number): RateDecision {
  return { allowed: count <= limit, limit, remaining: Math.max(0, limit - count), resetSeconds: Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)) };
}

/**
 * Fixed-window counter per key (client IP), in memory on this instance: N instances allow N times the
 * limit. The cluster-wide limiter falls back to it while the database cannot count. Expired windows are
 * swept as they are met, and the map is bounded so that a flood of addresses cannot grow it without end.
 */
export class IpRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly limit: number, private readonly windowMs: number, private readonly clock: () => number = Date.now, private readonly maxKeys = 100_000) {}

  take(key: string): RateDecision {
    const now = this.clock();
    const start = windowStartOf(now, this.windowMs);
    let w = this.windows.get(key);
    if (!w || w.start !== start) {
      if (this.windows.size >= this.maxKeys) this.sweep(start);
      w = { start, count: 0 };
      this.windows.set(key, w);
    }
    w.count++;
    return decision(this.limit, w.count, start, this.windowMs, now);
  }

  private sweep(currentStart: number): void {
    for (const [k, w] of this.windows) if (w.start !== currentStart) this.windows.delete(k);
    if (this.windows.size >= this.maxKeys) this.windows.clear();
  }
}

/** Counts one request in the shared table and returns the window's count so far. */
const COUNT_SQL = `INSERT INTO status_public_rate_limits AS l (route, ip, window_start, count) VALUES ($1, $2, $3, 1)
  ON CONFLICT (route, ip, window_start) DO UPDATE SET count = l.count + 1
  RETURNING l.count`;

/**
 * The public routes' limit, shared by every instance: each request adds one to its (route, IP, window)
 * row in PostgreSQL (`count = count + 1 RETURNING count`), so N instances still allow `limit` requests
 * per window in all. In front of it, a cheap in-memory check: once a key is over the limit in the current
 * window, this instance refuses it without a database round trip until the window ends. If the database
 * cannot count, the per-instance limiter decides (fail open, but still bounded).
 */
export class ClusterRateLimiter {
  /** Keys known to be over the limit, and the window they are over in. */
  private readonly over: BoundedMap<string, number>;
  private readonly local: IpRateLimiter;

  constructor(
    private readonly db: Pick<Database, 'sql'>,
    private readonly route: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
    private readonly onError: (err: unknown) => void = () => undefined,
    maxKeys = 100_000,
  ) {
    this.local = new IpRateLimiter(limit, windowMs, clock, maxKeys);
    this.over = new BoundedMap(maxKeys);
  }

  async take(key: string): Promise<RateDecision> {
    const now = this.clock();
    const start = windowStartOf(now, this.windowMs);
    if (this.over.get(key) === start) return decision(this.limit, this.limit + 1, start, this.windowMs, now);
    let count: number;
    try {
      const [row] = await this.db.sql<{ count: number }>(COUNT_SQL, [this.route, key, new Date(start)]);
      count = Number(row.count);
    } catch (err) {
      this.onError(err);
      return this.local.take(key);
    }
    if (count > this.limit) this.over.set(key, start);
    return decision(this.limit, count, start, this.windowMs, now);
  }
}

/** Deletes windows that ended before `now - keepMs` (the prune job). */
export async function pruneRateLimitWindows(db: Pick<Database, 'sql'>, now: number, keepMs: number): Promise<number> {
  const rows = await db.sql<{ n: number }>(
    `WITH gone AS (DELETE FROM status_public_rate_limits WHERE window_start < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    [new Date(now - keepMs)],
  );
  return rows[0]?.n ?? 0;
}

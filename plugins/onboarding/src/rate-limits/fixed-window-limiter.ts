import { BoundedMap } from '@platform/sdk';

export interface LimitVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * At most `max` hits per key in a fixed window, in this instance's memory (bounded: the least recently used keys
 * go first). For public forms: per client IP, per email address, per email domain.
 */
export class FixedWindowLimiter {
  private readonly hits: BoundedMap<string, { count: number; resetAt: number }>;

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    capacity = 50_000,
  ) {
    this.hits = new BoundedMap(capacity);
  }

  hit(key: string): LimitVerdict {
    const now = this.now();
    const h = this.hits.get(key);
    if (!h || h.resetAt <= now) {
      this.hits.set(key, { count: 1, resetAt: now + this.windowMs });
      return { allowed: this.max >= 1, retryAfterSeconds: 0 };
    }
    h.count++;
    return { allowed: h.count <= this.max, retryAfterSeconds: Math.max(1, Math.ceil((h.resetAt - now) / 1000)) };
  }
}

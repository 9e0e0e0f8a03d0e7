import { ProblemError, type PlatformReply } from '@platform/sdk';
import type { SharedWindowLimiter } from './shared-window-limiter.ts';

/** Counts one hit on each (limiter, key), across instances; the first one over its limit answers 429 `rate_limited` with `Retry-After`. */
export async function enforceLimits(reply: PlatformReply, checks: readonly [SharedWindowLimiter, string, string][]): Promise<void> {
  for (const [limiter, key, what] of checks) {
    const verdict = await limiter.hit(key);
    if (!verdict.allowed) {
      reply.header('retry-after', String(verdict.retryAfterSeconds));
      throw new ProblemError(429, 'rate_limited', `Too many requests ${what}; try again in ${verdict.retryAfterSeconds} s`, { extra: { retryAfterSeconds: verdict.retryAfterSeconds } });
    }
  }
}

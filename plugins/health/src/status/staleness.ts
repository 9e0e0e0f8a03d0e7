import type { ObservedStatus } from '@platform/sdk/monitors';

export interface StalenessRule {
  intervalMs: number;
  timeoutMs: number;
}

/** Extra allowance on top of two intervals and a timeout before data counts as stale. */
export const STALE_GRACE_MS = 5_000;

/** A result older than two intervals plus the timeout (and a little grace) no longer says anything. */
export function staleAfterMs(rule: StalenessRule): number {
  return 2 * rule.intervalMs + rule.timeoutMs + STALE_GRACE_MS;
}

/** The status to show: the stored one while it is fresh and the scheduler lives, else `unknown`. */
export function displayedStatus(stored: ObservedStatus | null | undefined, lastCheckedAtMs: number | null, nowMs: number, rule: StalenessRule, schedulerAlive: boolean): ObservedStatus {
  if (!schedulerAlive || !stored || lastCheckedAtMs === null) return 'unknown';
  if (nowMs - lastCheckedAtMs > staleAfterMs(rule)) return 'unknown';
  return stored;
}

/** The scheduler counts as alive while some instance beat within this window. */
export function schedulerAliveWindowMs(loopMs: number): number {
  return Math.max(30_000, 10 * loopMs);
}

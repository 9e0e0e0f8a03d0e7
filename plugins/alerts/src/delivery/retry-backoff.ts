export interface BackoffPolicy {
  /** Delay after the first failed attempt. */
  baseMs: number;
  maxMs: number;
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 15_000, maxMs: 30 * 60_000, maxAttempts: 10 };

/** Delay before attempt `failedAttempts + 1`: base · 2^(failed - 1), capped (15 s, 30 s, 1 min... 30 min). */
export function retryDelayMs(failedAttempts: number, policy: BackoffPolicy): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 30));
}

export type AttemptVerdict = { status: 'delivered' } | { status: 'failed'; reason: string } | { status: 'retry'; delayMs: number };

/** What follows an attempt: delivered, retried later, or given up (a final error or too many attempts). */
export function afterAttempt(result: { ok: boolean; retryable?: boolean }, attempts: number, policy: BackoffPolicy): AttemptVerdict {
  if (result.ok) return { status: 'delivered' };
  if (result.retryable === false) return { status: 'failed', reason: 'final error' };
  if (attempts >= policy.maxAttempts) return { status: 'failed', reason: `gave up after ${attempts} attempts` };
  return { status: 'retry', delayMs: retryDelayMs(attempts, policy) };
}

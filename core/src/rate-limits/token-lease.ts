import type { RatePolicy } from './rate-policy.ts';

/** Largest number of tokens one instance takes from the shared bucket at once. */
export const MAX_LEASE = 5000;
/** Leased tokens not used within this long are dropped: an instance never spends old capacity later. */
export const LEASE_TTL_MS = 1000;

/**
 * How many tokens an instance leases from the shared bucket at once. Small limits lease one at a time, so
 * that instances share them exactly (a token one instance holds is one another cannot use); large limits
 * lease about 1/20 s of the rate (at most a tenth of the burst), so the database sees a few leases per
 * second whatever the request rate.
 */
export function leaseSize(policy: Pick<RatePolicy, 'requestsPerSecond' | 'burst'>): number {
  return Math.max(1, Math.min(MAX_LEASE, Math.floor(policy.requestsPerSecond / 20), Math.floor(policy.burst / 10)));
}

/** What the shared bucket answered to a lease. */
export interface LeaseGrant {
  granted: number;
  /** Tokens left in the shared bucket after the grant (fractional: refill is continuous). */
  available: number;
}

/** Milliseconds until the shared bucket holds one whole token again, from what it had left. */
export function msUntilToken(available: number, requestsPerSecond: number): number {
  const missing = 1 - available;
  return missing <= 0 ? 0 : Math.ceil((missing / requestsPerSecond) * 1000);
}

export type TakeResult = 'allow' | 'deny' | 'lease';

/**
 * One tenant's tokens on this instance: those leased from the shared bucket and not yet used, and, after
 * the shared bucket ran dry, until when every request is refused without asking the database again
 * (tokens only come back with time, so no other instance can have any before then either).
 */
export class LocalBucket {
  tokens = 0;
  expiresAt = 0;
  deniedUntil = 0;
  /** A lease on its way; requests that find no token wait for it. */
  pending: Promise<void> | null = null;
  /** Requests waiting for the pending lease. */
  waiting = 0;
  /** After a failed lease (database down), this tenant's requests go through without asking until then. */
  failOpenUntil = 0;

  /** The hot path: a token here (`allow`), the bucket known empty (`deny`), or ask the shared bucket (`lease`). */
  take(now: number): TakeResult {
    if (this.tokens > 0 && now < this.expiresAt) {
      this.tokens--;
      return 'allow';
    }
    if (now < this.deniedUntil) return 'deny';
    return 'lease';
  }

  /** Adds a lease's tokens; an empty grant marks the bucket empty until the next whole token. */
  receive(grant: LeaseGrant, now: number, requestsPerSecond: number): void {
    if (now >= this.expiresAt) this.tokens = 0;
    if (grant.granted > 0) {
      this.tokens += grant.granted;
      this.expiresAt = now + LEASE_TTL_MS;
    }
    if (grant.available < 1) this.deniedUntil = now + msUntilToken(grant.available, requestsPerSecond);
  }

  /** Seconds a refused client should wait (`Retry-After`, at least 1). */
  retryAfterSeconds(now: number): number {
    return Math.max(1, Math.ceil((this.deniedUntil - now) / 1000));
  }

  /** Whether a lease should be fetched ahead, so that requests need not wait for it. */
  wantsPrefetch(size: number): boolean {
    return size > 1 && this.pending === null && this.tokens <= size / 2;
  }
}

import type { EntitlementDecision, LimitType } from '@platform/sdk/entitlements';

export interface QuotaState {
  /** Quota for the period; null = unlimited. */
  limit: number | null;
  limitType: LimitType;
  /** Already used in the period. */
  used: number;
  /** What the action wants to use (>= 0). */
  requested: number;
}

export type QuotaVerdict = Pick<EntitlementDecision, 'allowed' | 'reason' | 'remaining'> & { limitType: LimitType | null };

/**
 * Whether `requested` more fits the quota. A hard limit refuses what would go beyond it; a soft limit
 * allows it and says so (`over_soft_limit`). `remaining` is what is left before the request.
 */
export function checkEntitlement(state: QuotaState): QuotaVerdict {
  const { limit, limitType, used, requested } = state;
  if (!Number.isFinite(requested) || requested < 0) throw new RangeError(`requested quantity must be >= 0, got ${requested}`);
  if (limit === null) return { allowed: true, reason: 'unlimited', remaining: null, limitType: null };
  const remaining = Math.max(0, limit - used);
  if (used + requested <= limit) return { allowed: true, reason: 'within_limit', remaining, limitType };
  if (limitType === 'soft') return { allowed: true, reason: 'over_soft_limit', remaining, limitType };
  return { allowed: false, reason: 'limit_exceeded', remaining, limitType };
}

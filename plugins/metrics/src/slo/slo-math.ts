export type SloHealth = 'met' | 'at_risk' | 'breached' | 'no_data';

export interface SloComputation {
  /** Requests in the window. */
  total: number;
  /** Requests that met the objective (not a 5xx; answered within the threshold). */
  good: number;
  /** Good / total in %, null without traffic. */
  sliPct: number | null;
  targetPct: number;
  errorBudget: {
    /** Bad requests the target allows over the window. */
    allowed: number;
    consumed: number;
    /** Share of the budget used, in % (over 100 when the SLO is breached). */
    consumedPct: number | null;
    remainingPct: number | null;
  };
  status: SloHealth;
}

/** Below this share of budget left, an SLO is at risk. */
export const AT_RISK_REMAINING_PCT = 25;

/**
 * The SLI, error budget and verdict of an objective over its window: the budget is the number of bad
 * requests the target allows, `(1 - target) * total`; breached once the bad ones exceed it.
 */
export function computeSlo(good: number, total: number, targetPct: number): SloComputation {
  const bad = Math.max(0, total - good);
  const allowed = ((100 - targetPct) / 100) * total;
  if (total <= 0) {
    return { total: 0, good: 0, sliPct: null, targetPct, errorBudget: { allowed: 0, consumed: 0, consumedPct: null, remainingPct: null }, status: 'no_data' };
  }
  const consumedPct = allowed > 0 ? (100 * bad) / allowed : bad > 0 ? Infinity : 0;
  const remainingPct = 100 - consumedPct;
  const sliPct = (100 * good) / total;
  const status: SloHealth = sliPct < targetPct ? 'breached' : remainingPct < AT_RISK_REMAINING_PCT ? 'at_risk' : 'met';
  return {
    total,
    good,
    sliPct,
    targetPct,
    errorBudget: { allowed, consumed: bad, consumedPct: Number.isFinite(consumedPct) ? consumedPct : null, remainingPct: Number.isFinite(remainingPct) ? remainingPct : null },
    status,
  };
}

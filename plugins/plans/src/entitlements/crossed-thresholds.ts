/** Percentages of a quota at which `usage.threshold_crossed` is emitted. */
export const USAGE_THRESHOLDS = [80, 100] as const;

export interface ThresholdChange {
  /** Thresholds reached by this change (usage went from below to at-or-above). */
  crossed: number[];
  /** Thresholds left by this change (usage went back below, e.g. a seat removed): they may fire again. */
  rearmed: number[];
}

/**
 * Which thresholds a usage change from `before` to `after` crosses, for a quota of `limit` (null =
 * unlimited: none). Integer-exact: `used / limit >= t%` is `used * 100 >= limit * t`. A zero quota
 * (not included in the plan) counts as reached once anything is used.
 */
export function crossedThresholds(limit: number | null, before: number, after: number, thresholds: readonly number[] = USAGE_THRESHOLDS): ThresholdChange {
  if (limit === null) return { crossed: [], rearmed: [] };
  const reached = (used: number, t: number) => (limit === 0 ? used > 0 : used * 100 >= limit * t);
  return {
    crossed: thresholds.filter((t) => !reached(before, t) && reached(after, t)),
    rearmed: thresholds.filter((t) => reached(before, t) && !reached(after, t)),
  };
}

/** Usage as a percentage of the quota, one decimal (null when unlimited; a zero quota is 0 until used, then 100). */
export function usagePercent(limit: number | null, used: number): number | null {
  if (limit === null) return null;
  if (limit === 0) return used > 0 ? 100 : 0;
  return Math.round((used * 1000) / limit) / 10;
}

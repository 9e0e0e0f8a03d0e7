export interface ErrorMinute {
  at: number;
  errors: number;
  total: number;
}

/**
 * When the current error spike began: the first minute of the latest unbroken run of minutes whose error
 * rate is at least `thresholdPct` (and with at least `minErrors` errors), provided that run reaches the
 * latest minute with traffic. Null when the platform is not currently erroring.
 */
export function findSpikeStart(minutes: readonly ErrorMinute[], thresholdPct = 1, minErrors = 1): number | null {
  const sorted = [...minutes].filter((m) => m.total > 0).sort((a, b) => a.at - b.at);
  const bad = (m: ErrorMinute) => m.errors >= minErrors && (100 * m.errors) / m.total >= thresholdPct;
  if (sorted.length === 0 || !bad(sorted[sorted.length - 1])) return null;
  let start = sorted[sorted.length - 1].at;
  for (let i = sorted.length - 2; i >= 0; i--) {
    if (!bad(sorted[i]) || sorted[i + 1].at - sorted[i].at > 5 * 60_000) break;
    start = sorted[i].at;
  }
  return start;
}

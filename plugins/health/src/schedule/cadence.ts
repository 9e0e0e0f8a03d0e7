/**
 * Planned check times. Each (monitor, target) runs on a fixed grid anchored at the epoch:
 * `plannedAt = k * interval + offset`, so the cadence never drifts with check duration, every
 * instance computes the same planned times (which is what makes claiming them once possible), and
 * the per-target `offset` (a hash of the target) spreads checks over the interval instead of
 * firing them all at once.
 */

/** 32-bit FNV-1a. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Deterministic jitter in `[0, window)` where the window is `jitterRatio` of the interval, so checks
 * are spread over the whole interval (not bunched into its first part). Any offset lies on both grids:
 * the failing grid (`offset + j * interval / speedup`) contains the normal one (`offset + k * interval`).
 */
export function jitterOffsetMs(key: string, intervalMs: number, jitterRatio: number): number {
  const window = Math.floor(intervalMs * Math.min(1, Math.max(0, jitterRatio)));
  return window <= 0 ? 0 : fnv1a(key) % window;
}

/** The latest planned time at or before `atMs`. */
export function latestPlannedAt(atMs: number, intervalMs: number, offsetMs: number): number {
  return Math.floor((atMs - offsetMs) / intervalMs) * intervalMs + offsetMs;
}

/** The first planned time strictly after `afterMs`. */
export function nextPlannedAt(afterMs: number, intervalMs: number, offsetMs: number): number {
  return latestPlannedAt(afterMs, intervalMs, offsetMs) + intervalMs;
}

/** While a target fails it is checked `speedup` times as often (the failing grid contains the normal one). */
export function effectiveIntervalMs(intervalMs: number, failing: boolean, failingSpeedup: number): number {
  if (!failing || failingSpeedup <= 1) return intervalMs;
  return Math.max(1, Math.floor(intervalMs / failingSpeedup));
}

/** Timeout of one check: the monitor's (or the default), never longer than its interval. */
export function checkTimeoutMs(intervalMs: number, requestedMs: number | undefined, defaultMs: number): number {
  return Math.max(100, Math.min(requestedMs ?? defaultMs, intervalMs));
}

import type { FlagDefinition, FlagOverride } from '../engine/index.ts';
import { scheduleBounds } from '../engine/schedule.ts';

function instantOf(value: Date | string | number | null | undefined): number {
  if (value === null || value === undefined) return Number.NaN;
  return value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
}

/**
 * The instants at which some evaluation of this configuration may change by the clock alone: schedule
 * starts and ends, override expiries, and DATE_* constraints on `currentTime` (the instant and the
 * millisecond after, as DATE_AFTER is strict). Sorted, without duplicates.
 */
export function timeBoundariesOf(definitions: Iterable<FlagDefinition>, overrides: Iterable<FlagOverride>): number[] {
  const instants = new Set<number>();
  for (const flag of definitions) {
    const targeting = flag.targeting;
    if (!targeting) continue;
    if (targeting.schedule) {
      try {
        const { start, end } = scheduleBounds(targeting.schedule);
        instants.add(start).add(end);
      } catch {
        // An unreadable schedule is an ERROR at any time.
      }
    }
    for (const rule of targeting.rollouts ?? []) {
      for (const constraint of rule.constraints ?? []) {
        if (constraint.contextName !== 'currentTime' || !constraint.operator.startsWith('DATE_')) continue;
        const at = instantOf(constraint.value);
        instants.add(at).add(at + 1);
      }
    }
  }
  for (const override of overrides) instants.add(instantOf(override.expiresAt));
  return [...instants].filter(Number.isFinite).sort((a, b) => a - b);
}

/** The first boundary after `now` (`Infinity` when none): evaluations made at `now` hold until then. */
export function nextTimeBoundary(boundaries: readonly number[], now: number): number {
  let low = 0;
  let high = boundaries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (boundaries[middle] <= now) low = middle + 1;
    else high = middle;
  }
  return low < boundaries.length ? boundaries[low] : Number.POSITIVE_INFINITY;
}

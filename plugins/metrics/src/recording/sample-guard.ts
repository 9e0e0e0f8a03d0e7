import { MAX_DIMENSION_VALUE_LENGTH, METRIC_DIMENSION_KEYS, METRIC_NAME_PATTERN, type MetricDimensions } from '@platform/sdk/metrics';

const ALLOWED = new Set<string>(METRIC_DIMENSION_KEYS);
export const MAX_DIMENSIONS = 8;

export type GuardedSample = { ok: true; dimensions: Record<string, string> } | { ok: false; reason: string };

/**
 * The application side of the cardinality guard (the database trigger is the final word): a valid
 * name, only allowed dimension keys, at most 8 of them, values as strings cut at 200 characters,
 * and a finite value.
 */
export function guardSample(name: string, value: number, dimensions: MetricDimensions | undefined): GuardedSample {
  if (!METRIC_NAME_PATTERN.test(name)) return { ok: false, reason: `metric name "${name}" must be snake_case` };
  if (!Number.isFinite(value)) return { ok: false, reason: `metric ${name}: value must be a finite number` };
  const out: Record<string, string> = {};
  const entries = Object.entries(dimensions ?? {}).filter(([, v]) => v !== undefined && v !== null);
  if (entries.length > MAX_DIMENSIONS) return { ok: false, reason: `metric ${name}: at most ${MAX_DIMENSIONS} dimensions` };
  for (const [key, raw] of entries) {
    if (!ALLOWED.has(key)) return { ok: false, reason: `metric ${name}: dimension key "${key}" is not allowed (allowed: ${METRIC_DIMENSION_KEYS.join(', ')})` };
    out[key] = String(raw).slice(0, MAX_DIMENSION_VALUE_LENGTH);
  }
  return { ok: true, dimensions: out };
}

/** Dimensions as a canonical string (sorted keys), for series identity. */
export function canonicalDimensions(dimensions: Record<string, string>): string {
  const keys = Object.keys(dimensions).sort();
  return JSON.stringify(keys.map((k) => [k, dimensions[k]]));
}

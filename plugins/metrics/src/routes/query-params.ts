import { METRIC_AGGREGATIONS, METRIC_DIMENSION_KEYS, TENANT_GROUP_KEY, type MetricAggregation, type MetricDimensions } from '@platform/sdk/metrics';
import { ProblemError, parseDateParam } from '@platform/sdk';

const DIMENSION_KEYS = new Set<string>(METRIC_DIMENSION_KEYS);

/** `filter` query parameter: a JSON object of allowed dimension keys to string values. */
export function parseDimensionFilter(raw: string | undefined, field = 'filter'): MetricDimensions {
  if (raw === undefined || raw === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new ProblemError(400, 'validation_failed', `"${field}" must be a JSON object`, { field });
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new ProblemError(400, 'validation_failed', `"${field}" must be a JSON object`, { field });
  for (const [k, v] of Object.entries(parsed)) {
    if (!DIMENSION_KEYS.has(k)) throw new ProblemError(400, 'validation_failed', `"${field}.${k}" is not a metric dimension (allowed: ${METRIC_DIMENSION_KEYS.join(', ')})`, { field: `${field}.${k}` });
    if (typeof v !== 'string') throw new ProblemError(400, 'validation_failed', `"${field}.${k}" must be a string`, { field: `${field}.${k}` });
  }
  return parsed as MetricDimensions;
}

/** `groupBy`: comma-separated dimension keys (or `tenant`). */
export function parseGroupBy(raw: string | undefined): string[] {
  if (!raw) return [];
  const keys = raw.split(',').map((k) => k.trim()).filter(Boolean);
  for (const k of keys) {
    if (k !== TENANT_GROUP_KEY && !DIMENSION_KEYS.has(k)) throw new ProblemError(400, 'validation_failed', `"groupBy" has an unknown dimension "${k}"`, { field: 'groupBy' });
  }
  return keys;
}

export function parseAggregation(raw: string | undefined, fallback: MetricAggregation): MetricAggregation {
  if (raw === undefined || raw === '') return fallback;
  if (!(METRIC_AGGREGATIONS as readonly string[]).includes(raw)) throw new ProblemError(400, 'validation_failed', `"aggregation" must be one of ${METRIC_AGGREGATIONS.join(', ')}`, { field: 'aggregation' });
  return raw as MetricAggregation;
}

/** An ISO time or epoch milliseconds (years 1 to 9999), as epoch milliseconds. */
export function parseTime(raw: string | undefined, field: string, fallback: number): number {
  return parseDateParam(field, raw)?.getTime() ?? fallback;
}

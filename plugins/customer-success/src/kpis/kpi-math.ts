import type { KpiDefinition, KpiMeasurement } from '@platform/sdk/customer-health';

/** Finite numbers only: a KPI's NaN or Infinity is dropped rather than stored. */
export function cleanValues(values: Record<string, number> | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(values ?? {})) if (typeof v === 'number' && Number.isFinite(v)) out[k] = v;
  return out;
}

/** The month's platform-wide figure: the KPI's own total, else derived from `byTenant` by its aggregate (null: nothing to derive). */
export function kpiTotal(m: KpiMeasurement, aggregate: KpiDefinition['aggregate']): number | null {
  if (typeof m.total === 'number' && Number.isFinite(m.total)) return m.total;
  if (m.total === null) return null;
  const values = Object.values(cleanValues(m.byTenant));
  if (aggregate === 'count') return values.filter((v) => v > 0).length;
  if (values.length === 0) return aggregate === 'sum' ? 0 : null;
  const sum = values.reduce((a, b) => a + b, 0);
  return aggregate === 'sum' ? sum : sum / values.length;
}

/** The `n` months ending with `last` (`YYYY-MM`), oldest first. */
export function monthsEnding(last: string, n: number): string[] {
  const [y, m] = last.split('-').map(Number);
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 - (n - 1 - i), 1));
    return d.toISOString().slice(0, 7);
  });
}

/** Change of `current` against `previous` in % with one decimal (null when not computable). */
export function changePct(previous: number | null | undefined, current: number | null | undefined): number | null {
  if (previous === null || previous === undefined || current === null || current === undefined || previous === 0) return null;
  return Math.round(((current - previous) / Math.abs(previous)) * 1000) / 10;
}

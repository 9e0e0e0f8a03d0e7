export type KpiUnit = 'count' | 'percent' | 'ms' | 'minor-units';

export interface KpiSummary {
  id: string;
  label: string;
  description: string | null;
  unit: KpiUnit;
  total: number | null;
  breakdown: Record<string, number>;
  error: string | null;
  computedAt: string | null;
  changePct: number | null;
  trend: { month: string; total: number | null }[];
}

export interface KpiDetail extends Omit<KpiSummary, 'changePct'> {
  month: string;
  tenantCount: number;
  tenants: { tenantId: string; tenantName: string; tenantSlug: string; value: number }[];
}

/** A KPI value for display: counts whole, percentages with two decimals, milliseconds with one. */
export function formatKpi(value: number | null | undefined, unit: KpiUnit): string {
  if (value === null || value === undefined) return '—';
  if (unit === 'percent') return `${value.toFixed(2)}%`;
  if (unit === 'ms') return `${value.toFixed(1)} ms`;
  return Math.round(value).toLocaleString('en-US');
}

export const monthLabel = (month: string) => new Date(`${month}-01T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', year: '2-digit', timeZone: 'UTC' });

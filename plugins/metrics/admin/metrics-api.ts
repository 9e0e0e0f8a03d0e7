import { useDataProvider, type DataProvider } from 'react-admin';
import type { ConsoleApi } from '@platform/sdk/admin';

/** Shapes of the metrics API responses the console reads. */
export interface SloStatus {
  id: string;
  name: string;
  kind: 'availability' | 'latency';
  thresholdMs: number | null;
  windowDays: number;
  route: string | null;
  total: number;
  good: number;
  sliPct: number | null;
  targetPct: number;
  errorBudget: { allowed: number; consumed: number; consumedPct: number | null; remainingPct: number | null };
  status: 'met' | 'at_risk' | 'breached' | 'no_data';
}

export interface SparkPoint {
  at: string;
  requests: number;
  errors: number;
  errorRatePct: number | null;
  p95Ms: number | null;
}

export interface Overview {
  status: 'green' | 'yellow' | 'red' | 'unknown';
  slos: SloStatus[];
  totals: { requests: number; errors: number; errorRatePct: number | null; p95Ms: number | null };
  /** Health and metrics polling and live streams (the console watching the platform): in no SLO. */
  monitoring: { requests: number; errors: number };
  sparkline: SparkPoint[];
  whyRed: {
    topErrorRoutes: { route: string; errors: number; requests: number; sharePct: number }[];
    spikeStartedAt: string | null;
    sampleError: { at: string; route: string; method: string; statusCode: number; requestId: string; tenantId: string | null } | null;
  };
}

export interface MetricInfo {
  name: string;
  kind: 'counter' | 'histogram' | 'gauge';
  dimensions: string[];
}

export interface ChartSeries {
  labels: Record<string, string>;
  points: { at: string; value: number | null }[];
}

export interface SeriesAnswer {
  metric: string;
  kind: MetricInfo['kind'] | null;
  aggregation: string;
  stepMinutes: number;
  series: ChartSeries[];
}

/** `api(path)` of the console's data provider (session cookie, selected tenant, problem+json errors). */
export function useMetricsApi(): ConsoleApi['api'] {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  return dataProvider.api.bind(dataProvider);
}

export const AGGREGATIONS = ['sum', 'count', 'rate', 'avg', 'min', 'max', 'last', 'p50', 'p90', 'p95', 'p99', 'error_rate'] as const;

export function formatNumber(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  return Math.abs(v) >= 100 ? Math.round(v).toLocaleString() : v.toFixed(digits);
}

import { useDataProvider, type DataProvider } from 'react-admin';
import type { ConsoleApi } from '@platform/sdk/admin';

export interface AlertRow {
  id: string;
  ruleId: string;
  ruleName: string;
  severity: 'critical' | 'warning' | 'info';
  component: string | null;
  metric: string;
  aggregation: string;
  condition: 'gt' | 'lt' | 'eq';
  threshold: number;
  fingerprint: string;
  labels: Record<string, string>;
  tenantId: string | null;
  state: 'pending' | 'firing' | 'resolved' | 'no_data' | 'error' | 'normal';
  stateSince: string;
  firingSince: string | null;
  value: number | null;
  error: string | null;
  mutedReason: string | null;
  notifiedAt: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  acknowledgement: { id: string; author: string; comment: string; expiresAt: string } | null;
}

export interface ChannelStatus {
  id: string;
  name: string;
  description: string | null;
  handles: string[];
  configured: boolean;
  problem: string | null;
}

export interface PreviewAnswer {
  evaluatedAt: string;
  recoveryThreshold: number;
  groups: { labels: Record<string, string>; value: number | null; noData: boolean; breaching: boolean }[];
}

export const DIMENSION_KEYS = ['route', 'method', 'status_class', 'status_code', 'provider', 'queue', 'plan', 'status', 'type', 'monitor', 'component', 'channel', 'severity', 'job'] as const;
export const AGGREGATIONS = ['sum', 'count', 'rate', 'avg', 'min', 'max', 'last', 'p50', 'p90', 'p95', 'p99', 'error_rate'] as const;
export const CONDITION_SIGN = { gt: '>', lt: '<', eq: '=' } as const;

/** `api(path)` of the console's data provider. */
export function useAlertsApi(): ConsoleApi['api'] {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  return dataProvider.api.bind(dataProvider);
}

export function labelsText(labels: Record<string, string>): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ') || 'all';
}

export function valueText(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return 'no data';
  return Math.abs(v) >= 100 ? Math.round(v).toLocaleString() : Number(v.toFixed(3)).toString();
}

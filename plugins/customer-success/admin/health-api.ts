import { useDataProvider, type DataProvider } from 'react-admin';
import type { ConsoleApi } from '@platform/sdk/admin';

export type HealthBucket = 'healthy' | 'monitor' | 'at-risk' | 'critical' | 'onboarding';

export interface SignalLine {
  id: string;
  label: string;
  weight: number;
  bonus: boolean;
  score: number | null;
  points: number;
  neutral: boolean;
  failed: boolean;
  reason: string;
}

export interface ScoreRow {
  tenantId: string;
  tenantName: string;
  tenantSlug: string;
  day: string;
  computedAt: string;
  total: number;
  bucket: HealthBucket;
  breakdown: SignalLine[];
  facts: Record<string, string>;
  change7: number | null;
  change30: number | null;
}

export interface ScoreDetail extends ScoreRow {
  history: { day: string; total: number; bucket: HealthBucket }[];
}

export const BUCKET_CHOICES: { id: HealthBucket; name: string; color: string }[] = [
  { id: 'healthy', name: 'Healthy', color: '#2e7d32' },
  { id: 'monitor', name: 'Monitor', color: '#f9a825' },
  { id: 'at-risk', name: 'At risk', color: '#ef6c00' },
  { id: 'critical', name: 'Critical', color: '#c62828' },
  { id: 'onboarding', name: 'Onboarding', color: '#1565c0' },
];

export const SORT_CHOICES = [
  { id: 'total', name: 'Lowest score first' },
  { id: '-total', name: 'Highest score first' },
  { id: 'renewsAt', name: 'Soonest renewal first' },
  { id: 'change7', name: 'Biggest 7-day drop first' },
  { id: 'name', name: 'Name' },
];

/** `api(path)` of the console's data provider. */
export function useHealthApi(): ConsoleApi['api'] {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  return dataProvider.api.bind(dataProvider);
}

/** Downloads the CSV export with the same filters as the list. */
export async function downloadHealthCsv(query: string): Promise<void> {
  const res = await fetch(`/api/customer-success/score/export.csv${query ? `?${query}` : ''}`, { credentials: 'include' });
  if (!res.ok) {
    const body = await res.json().catch(() => null);
    throw new Error(body?.detail ?? `Export failed (${res.status})`);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = 'customer-health.csv';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

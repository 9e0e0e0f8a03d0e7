import { useDataProvider, type DataProvider } from 'react-admin';
import type { ConsoleApi } from '@platform/sdk/admin';

/** `api(path)` of the console's data provider (paths under `/api`). */
export function useGdprApi(): ConsoleApi['api'] {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  return dataProvider.api.bind(dataProvider);
}

export interface GdprRequest {
  id: string;
  tenantId: string;
  kind: 'export' | 'deletion' | 'both';
  about: 'person' | 'tenant';
  status: 'awaiting_verification' | 'verified' | 'completed' | 'rejected';
  subjectEmail: string | null;
  subjectName: string | null;
  deadlineAt: string;
  overdue: boolean;
  verifiedAt: string | null;
  completedAt: string | null;
  certificateId: string | null;
  exportReady: boolean;
  downloadExpiresAt: string | null;
  downloadedAt: string | null;
  createdAt: string;
}

export interface DeletionPreview {
  tables: { plugin: string; table: string; categories: string[]; outcome: 'deleted' | 'anonymized' | 'retained'; rows: number; why: string }[];
  categories: { category: string; deleted: number; anonymized: number; retained: number }[];
  auditKeys: number;
}

export interface RetentionSetting {
  category: string;
  retentionDays: number | null;
  lastAppliedAt: string | null;
  lastAppliedRows: number | null;
  tables: string[];
}

export const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** Saves a JSON value as a file in the browser. */
export function downloadJson(filename: string, value: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const STATUS_LABEL: Record<GdprRequest['status'], string> = {
  awaiting_verification: 'Awaiting verification',
  verified: 'Verified',
  completed: 'Completed',
  rejected: 'Rejected',
};

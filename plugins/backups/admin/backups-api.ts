import { useDataProvider, type DataProvider } from 'react-admin';
import type { ConsoleApi } from '@platform/sdk/admin';
import type { BackupRecord, RestoreRecord } from '../src/records/backup-records.ts';

/** `api(path)` of the console's data provider (paths under `/api`). */
export function useBackupsApi(): ConsoleApi['api'] {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  return dataProvider.api.bind(dataProvider);
}

/** A backup as `GET /api/backups/backups` answers it. */
export type Backup = BackupRecord;

/** A restore as `GET /api/backups/restores` answers it. */
export type Restore = RestoreRecord;

export interface Schedule {
  id: string;
  tenantId: string | null;
  plugins: string[] | null;
  hourUtc: number;
  keepDaily: number;
  keepWeekly: number;
  enabled: boolean;
  lastRunAt: string | null;
}

export interface DryRunReport {
  mode: 'replace' | 'clone';
  sourceTenant: { id: string; slug: string };
  targetTenant: { id: string; slug: string };
  tables: { plugin: string; table: string; part: string; action: string; rowsInBackup: number; rowsNow: number; conflicts: number }[];
  totals: { rowsInBackup: number; rowsToDelete: number; rowsToInsert: number; conflicts: number };
  newerHere: Record<string, string[]>;
  verified: { parts: number; rows: number };
}

export const listQuery = (range: [number, number], filter: Record<string, unknown> = {}) =>
  `range=${encodeURIComponent(JSON.stringify(range))}&filter=${encodeURIComponent(JSON.stringify(filter))}`;

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

import { useDataProvider, usePermissions, type DataProvider } from 'react-admin';
import type { ConsoleApi, PlatformSession } from '@platform/sdk/admin';

import type { Level } from './log-filters.ts';
import type { ErrorGroup, ErrorGroupStatus } from '../src/errors/error-group-store.ts';

export { EMPTY_FILTERS, LEVELS, filterParams, filtersFromUrl, filtersToUrl, type Level, type LogFilters } from './log-filters.ts';

/** One stored line, as `/api/logging/logs` returns it. */
export interface LogLine {
  id: string;
  timestamp: string;
  level: Level;
  tenantId: string | null;
  tenantSlug: string | null;
  userId: string | null;
  requestId: string | null;
  service: string;
  action: string;
  message: string;
  data: Record<string, unknown>;
  error: { type: string; message: string; stack: string | null; code: string | null } | null;
  fingerprint: string | null;
}

export interface LogPage {
  items: LogLine[];
  nextCursor: string | null;
}

export interface TraceResult {
  requestId: string;
  items: LogLine[];
  startedAt: string | null;
  durationMs: number | null;
  services: string[];
  levels: { error: number; warn: number };
}

/** An error group as `GET /api/logging/errors` answers it: the plugin's own record. */
export type { ErrorGroup };
export type GroupStatus = ErrorGroupStatus;

export interface ErrorGroupDetail extends ErrorGroup {
  trend: { bucket: 'hour' | 'day'; buckets: { at: string; count: number }[] };
  tenants: { tenantId: string | null; count: number; firstSeen: string; lastSeen: string }[] | null;
  samples: LogLine[];
}

export interface LoggingSettings {
  retentionDays: Record<Level, number>;
  piiPaths: string[];
  piiKeys: string[];
  maxDebugWindowMinutes: number;
  partitionsAheadDays: number;
}

export interface PartitionInfo {
  name: string;
  day: string | null;
  level: Level | null;
  estimatedRows: number;
  bytes: number;
}

export interface SettingsResponse {
  settings: LoggingSettings;
  partitions: PartitionInfo[];
  pipeline?: { accepted: number; buffered: number; capacity: number; dropped: Record<Level, number>; failed: Record<string, number> };
}

export interface DebugWindow {
  id: string;
  tenantId: string | null;
  service: string | null;
  until: string;
  reason: string | null;
  createdBy: string | null;
  createdAt: string;
}

/** `api(path)` of the console's data provider: carries the session and the selected tenant. */
export function useLoggingApi(): ConsoleApi['api'] {
  const dataProvider = useDataProvider<DataProvider & ConsoleApi>();
  return dataProvider.api.bind(dataProvider);
}

/** The session: selected tenant, staff or not, permissions, and the headers a raw fetch must send. */
export function useLoggingSession() {
  const { permissions } = usePermissions<PlatformSession>();
  const perms = permissions?.permissions ?? [];
  const can = (p: string) => perms.includes('*') || perms.includes(p) || perms.includes(p.slice(0, p.lastIndexOf('.')) + '.*');
  const staff = permissions?.user.kind === 'staff';
  const selection = permissions?.tenantSelection ?? '*';
  const headers: Record<string, string> = staff && selection && selection !== '*' ? { 'X-Tenant-Id': selection } : {};
  return { tenant: permissions?.tenant ?? null, staff, can, headers, acrossTenants: staff && (!selection || selection === '*') };
}

export const formatBytes = (n: number) => (n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(0)} kB` : n < 1024 ** 3 ? `${(n / 1024 ** 2).toFixed(1)} MB` : `${(n / 1024 ** 3).toFixed(2)} GB`);
export const formatTime = (iso: string) => new Date(iso).toLocaleString(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit' });
export const ago = (iso: string) => {
  const s = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
  return s < 60 ? `${s}s ago` : s < 3600 ? `${Math.round(s / 60)}m ago` : s < 86_400 ? `${Math.round(s / 3600)}h ago` : `${Math.round(s / 86_400)}d ago`;
};

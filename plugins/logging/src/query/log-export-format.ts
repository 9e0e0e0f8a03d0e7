import type { StoredLogEntry } from './log-row.ts';

export type ExportFormat = 'csv' | 'ndjson';

export const CSV_COLUMNS = ['timestamp', 'level', 'tenantSlug', 'tenantId', 'userId', 'requestId', 'service', 'action', 'message', 'errorType', 'errorMessage', 'fingerprint', 'id', 'data'] as const;

/** One CSV cell: quoted when needed, and never a spreadsheet formula. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(',') + '\n';
}

export function csvLine(e: StoredLogEntry): string {
  const flat: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    timestamp: e.timestamp, level: e.level, tenantSlug: e.tenantSlug, tenantId: e.tenantId, userId: e.userId, requestId: e.requestId,
    service: e.service, action: e.action, message: e.message, errorType: e.error?.type, errorMessage: e.error?.message, fingerprint: e.fingerprint, id: e.id, data: e.data,
  };
  return CSV_COLUMNS.map((c) => csvCell(flat[c])).join(',') + '\n';
}

export function ndjsonLine(e: StoredLogEntry): string {
  return JSON.stringify(e) + '\n';
}

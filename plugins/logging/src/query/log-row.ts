import type { LogEntry, LogLevel } from '@platform/sdk';

export interface LogRow {
  id: string;
  /** ISO 8601 with microseconds (see LOG_SELECT_COLUMNS). */
  logged_at_iso: string;
  level: LogLevel;
  tenant_id: string | null;
  tenant_slug: string | null;
  user_id: string | null;
  request_id: string | null;
  service: string;
  action: string;
  message: string;
  data: Record<string, unknown>;
  error_type: string | null;
  error_message: string | null;
  error_stack: string | null;
  error_code: string | null;
  fingerprint: string | null;
}

/** A stored line as the API returns it: the `LogEntry` shape plus its error group. */
export type StoredLogEntry = LogEntry & { fingerprint: string | null };

export function rowToEntry(r: LogRow): StoredLogEntry {
  return {
    id: r.id,
    timestamp: r.logged_at_iso,
    level: r.level,
    tenantId: r.tenant_id,
    tenantSlug: r.tenant_slug,
    userId: r.user_id,
    requestId: r.request_id,
    service: r.service,
    action: r.action,
    message: r.message,
    data: r.data ?? {},
    error: r.error_type || r.error_message ? { type: r.error_type ?? 'Error', message: r.error_message ?? '', stack: r.error_stack, code: r.error_code } : null,
    fingerprint: r.fingerprint,
  };
}

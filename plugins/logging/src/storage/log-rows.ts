import type { LogEntry } from '@platform/sdk';
import { fingerprintOf, fingerprintParts } from '../errors/fingerprint.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The columns of `platform_logs`, in insert order. */
export const LOG_COLUMNS = [
  'id', 'logged_at', 'level', 'tenant_id', 'tenant_slug', 'user_id', 'request_id', 'service', 'action',
  'message', 'data', 'error_type', 'error_message', 'error_stack', 'error_code', 'fingerprint',
] as const;

const TYPES = ['uuid', 'timestamptz', 'text', 'uuid', 'text', 'text', 'text', 'text', 'text', 'text', 'jsonb', 'text', 'text', 'text', 'text', 'text'];

/**
 * One statement per batch, one parameter: the rows as a JSON array, expanded by `jsonb_to_recordset`
 * (measured faster here than 16 `unnest` arrays: JSON.stringify is native, and PostgreSQL parses one
 * document instead of 16 array literals). The batch commits asynchronously (`synchronous_commit = off` for
 * this transaction only): a database crash may lose the last few hundred milliseconds of log lines, never
 * corrupt anything, and no batch waits for a WAL flush.
 */
export const INSERT_LOGS_SQL = `WITH async_commit AS MATERIALIZED (SELECT set_config('synchronous_commit', 'off', true))
INSERT INTO platform_logs (${LOG_COLUMNS.join(', ')})
SELECT ${LOG_COLUMNS.map((c) => `r.${c}`).join(', ')}
  FROM jsonb_to_recordset($1::jsonb) AS r(${LOG_COLUMNS.map((c, i) => `${c} ${TYPES[i]}`).join(', ')}), async_commit`;

/** A stored line: the entry plus the fingerprint of its error group (errors only). */
export interface StoredLine {
  entry: LogEntry;
  fingerprint: string | null;
  /** Parts of the fingerprint, for the error group's description. */
  normalizedMessage: string | null;
  errorType: string | null;
  frame: string | null;
}

/** Computes what storage adds to an entry: the error fingerprint, and a tenant id PostgreSQL accepts. */
export function toStoredLine(entry: LogEntry): StoredLine {
  let e = entry;
  if (e.tenantId !== null && !UUID.test(e.tenantId)) e = { ...e, tenantId: null, data: { ...e.data, tenantRef: e.tenantId } };
  if (e.level !== 'error') return { entry: e, fingerprint: null, normalizedMessage: null, errorType: null, frame: null };
  const parts = fingerprintParts({ message: e.message, errorType: e.error?.type, errorMessage: e.error?.message, stack: e.error?.stack });
  return { entry: e, fingerprint: fingerprintOf(parts), normalizedMessage: parts.normalizedMessage, errorType: parts.errorType, frame: parts.frame };
}

/** The parameter of `INSERT_LOGS_SQL`: the rows as one JSON array (null fields left out). */
export function toRecordset(lines: StoredLine[]): string {
  const rows = new Array(lines.length);
  for (let i = 0; i < lines.length; i++) {
    const { entry: e, fingerprint } = lines[i];
    rows[i] = {
      id: e.id, logged_at: e.timestamp, level: e.level, tenant_id: e.tenantId ?? undefined, tenant_slug: e.tenantSlug ?? undefined, user_id: e.userId ?? undefined,
      request_id: e.requestId ?? undefined, service: e.service, action: e.action, message: e.message, data: e.data,
      error_type: e.error?.type, error_message: e.error?.message, error_stack: e.error?.stack ?? undefined, error_code: e.error?.code ?? undefined, fingerprint: fingerprint ?? undefined,
    };
  }
  return JSON.stringify(rows);
}

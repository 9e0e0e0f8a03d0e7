import { LOG_LEVELS, ProblemError, isLogLevel, parseDateParam, type LogLevel } from '@platform/sdk';
import { decodeCursor, type LogCursor } from './log-cursor.ts';

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_TEXT_QUERY = 200;
const MAX_FIELD = 200;
const DEFAULT_WINDOW_MS = 24 * 3600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A validated log search. */
export interface LogQuery {
  from: Date;
  to: Date;
  levels: LogLevel[] | null;
  tenantId: string | null;
  userId: string | null;
  service: string | null;
  action: string | null;
  requestId: string | null;
  /** Words searched in the message (full text). */
  text: string | null;
  limit: number;
  cursor: LogCursor | null;
}

const bad = (code: string, field: string, detail: string) => new ProblemError(400, code, detail, { field });

function str(raw: Record<string, unknown>, key: string, max = MAX_FIELD): string | null {
  const v = raw[key];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') throw bad('validation_failed', key, `"${key}" must be a single value`);
  if (v.length > max) throw bad('validation_failed', key, `"${key}" is longer than ${max} characters`);
  return v;
}

function time(raw: Record<string, unknown>, key: 'from' | 'to'): Date | null {
  const v = str(raw, key, 64);
  return v === null ? null : parseDateParam(key, v, { code: 'invalid_time_range' }) ?? null;
}

/**
 * Reads a search from query parameters: `from`, `to` (default: the last 24 hours), `level` (comma-separated),
 * `tenantId`, `userId`, `service`, `action`, `requestId`, `q` (words), `limit` (≤ 500), `cursor`.
 * Bad input throws a 400 problem naming the field: `invalid_time_range`, `unknown_level`,
 * `query_too_long`, `page_size_too_large`, `invalid_cursor`, `validation_failed`.
 */
export function parseLogQuery(raw: Record<string, unknown>, now = new Date(), opts: { defaultWindowMs?: number } = {}): LogQuery {
  const to = time(raw, 'to') ?? now;
  const from = time(raw, 'from') ?? new Date(to.getTime() - (opts.defaultWindowMs ?? DEFAULT_WINDOW_MS));
  if (from.getTime() > to.getTime()) throw bad('invalid_time_range', 'from', `The time range is empty: "from" (${from.toISOString()}) is after "to" (${to.toISOString()})`);

  let levels: LogLevel[] | null = null;
  const levelRaw = str(raw, 'level');
  if (levelRaw !== null) {
    const names = levelRaw.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
    const unknown = names.find((n) => !isLogLevel(n));
    if (unknown !== undefined) throw bad('unknown_level', 'level', `Unknown level "${unknown}"; levels are ${LOG_LEVELS.join(', ')}`);
    levels = [...new Set(names)] as LogLevel[];
  }

  const qRaw = raw.q;
  if (typeof qRaw === 'string' && qRaw.length > MAX_TEXT_QUERY)
    throw bad('query_too_long', 'q', `The search text is ${qRaw.length} characters long; the maximum is ${MAX_TEXT_QUERY}`);
  const text = str(raw, 'q', MAX_TEXT_QUERY)?.trim() || null;

  let limit = DEFAULT_PAGE_SIZE;
  const limitRaw = str(raw, 'limit', 12);
  if (limitRaw !== null) {
    if (!/^\d+$/.test(limitRaw) || Number(limitRaw) < 1) throw bad('validation_failed', 'limit', `"limit" must be a whole number from 1 to ${MAX_PAGE_SIZE}`);
    limit = Number(limitRaw);
    if (limit > MAX_PAGE_SIZE) throw bad('page_size_too_large', 'limit', `A page holds at most ${MAX_PAGE_SIZE} lines; "limit" was ${limit} (page on with "cursor")`);
  }

  const tenantId = str(raw, 'tenantId');
  if (tenantId !== null && !UUID.test(tenantId)) throw bad('validation_failed', 'tenantId', '"tenantId" must be a tenant id (uuid)');
  const cursorRaw = str(raw, 'cursor', 512);

  return {
    from,
    to,
    levels,
    tenantId,
    userId: str(raw, 'userId'),
    service: str(raw, 'service'),
    action: str(raw, 'action'),
    requestId: str(raw, 'requestId'),
    text,
    limit,
    cursor: cursorRaw === null ? null : decodeCursor(cursorRaw),
  };
}

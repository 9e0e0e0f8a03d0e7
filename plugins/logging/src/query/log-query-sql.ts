import type { LogQuery } from './log-query.ts';

/** Filters of a search turned into SQL; `tenantId` set means only that tenant's lines. */
export interface SqlQuery {
  text: string;
  params: unknown[];
}

/**
 * `logged_at` also as text with microseconds (a JS Date would drop them, and cursors need them), under
 * another name: an output column named `logged_at` would capture `ORDER BY logged_at` and lose the index.
 */
export const LOG_SELECT_COLUMNS =
  `id, to_char(logged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS logged_at_iso, level, tenant_id, tenant_slug, user_id, request_id, service, action, message, data, error_type, error_message, error_stack, error_code, fingerprint`;

/** The indexed word vector of a line's message. */
export const LOG_WORDS_VECTOR = `to_tsvector('simple', logging_search_text(message))`;

function whereOf(q: LogQuery, tenantId: string | null): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: (p: string) => string, value: unknown) => {
    params.push(value);
    parts.push(sql(`$${params.length}`));
  };
  add((p) => `logged_at >= ${p}`, q.from);
  add((p) => `logged_at <= ${p}`, q.to);
  // Partition pruning: the level list selects the leaves.
  if (q.levels) add((p) => `level = ANY(${p}::text[])`, q.levels);
  const tenant = tenantId ?? q.tenantId;
  if (tenant) add((p) => `tenant_id = ${p}::uuid`, tenant);
  if (q.userId) add((p) => `user_id = ${p}`, q.userId);
  if (q.service) add((p) => `service = ${p}`, q.service);
  if (q.action) add((p) => `action = ${p}`, q.action);
  if (q.requestId) add((p) => `request_id = ${p}`, q.requestId);
  // Words inside paths and dotted names count (`tenants` finds `GET /api/tenants`): both sides go through the
  // same separator rule, and the expression is the one `platform_logs_words_idx` indexes (migration 0002).
  if (q.text) add((p) => `${LOG_WORDS_VECTOR} @@ websearch_to_tsquery('simple', logging_search_text(${p}))`, q.text);
  if (q.cursor) {
    params.push(q.cursor.timestamp, q.cursor.id);
    parts.push(`(logged_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  return { sql: parts.join(' AND '), params };
}

/**
 * One page, newest first; asks for one line more than `limit` to know whether another page follows.
 *
 * With `fence`, the filter runs in a subquery the planner cannot order (OFFSET 0), so a word search uses the
 * full-text index instead of walking the time index backwards and testing every line (which, through
 * Merge Append, reads the whole of any leaf without a match). The caller bounds the time window.
 */
export function buildLogPageQuery(q: LogQuery, tenantId: string | null, opts: { fence?: boolean } = {}): SqlQuery {
  const w = whereOf(q, tenantId);
  if (opts.fence)
    return {
      text: `SELECT * FROM (SELECT ${LOG_SELECT_COLUMNS}, logged_at AS sort_at FROM platform_logs WHERE ${w.sql} OFFSET 0) matched ORDER BY sort_at DESC, id DESC LIMIT ${q.limit + 1}`,
      params: w.params,
    };
  return {
    text: `SELECT ${LOG_SELECT_COLUMNS} FROM platform_logs WHERE ${w.sql} ORDER BY logged_at DESC, id DESC LIMIT ${q.limit + 1}`,
    params: w.params,
  };
}

/** Every line of one request, oldest first (the trace view). */
export function buildTraceQuery(requestId: string, tenantId: string | null, since: Date, limit: number): SqlQuery {
  const params: unknown[] = [requestId, since];
  let sql = `SELECT ${LOG_SELECT_COLUMNS} FROM platform_logs WHERE request_id = $1 AND logged_at >= $2`;
  if (tenantId) {
    params.push(tenantId);
    sql += ` AND tenant_id = $3::uuid`;
  }
  return { text: `${sql} ORDER BY logged_at, id LIMIT ${limit}`, params };
}

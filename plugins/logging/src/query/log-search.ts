import type { Database } from '@platform/sdk';
import type { LogQuery } from './log-query.ts';
import { buildLogPageQuery } from './log-query-sql.ts';
import { encodeCursor } from './log-cursor.ts';
import { rowToEntry, type LogRow, type StoredLogEntry } from './log-row.ts';
import { searchWindows } from './search-windows.ts';

export interface LogPage {
  items: StoredLogEntry[];
  nextCursor: string | null;
}

/**
 * One page of a search, newest first. Filters an index returns in time order (tenant, service + action,
 * request id, level, time) run as one query; words and users run window by window (see `searchWindows`).
 */
export async function searchLogs(db: Database, q: LogQuery, tenantId: string | null): Promise<LogPage> {
  const rows: LogRow[] = [];
  if (!q.text && !q.userId) {
    const sql = buildLogPageQuery(q, tenantId);
    rows.push(...(await db.sql<LogRow>(sql.text, sql.params)));
  } else {
    const upper = q.cursor && new Date(q.cursor.timestamp) < q.to ? new Date(new Date(q.cursor.timestamp).getTime() + 1) : q.to;
    const seen = new Set<string>();
    for (const w of searchWindows(q.from, upper)) {
      const sql = buildLogPageQuery({ ...q, from: w.from, to: w.to, limit: q.limit - rows.length }, tenantId, { fence: !!q.text });
      for (const r of await db.sql<LogRow>(sql.text, sql.params)) {
        if (seen.has(r.id)) continue;
        seen.add(r.id);
        rows.push(r);
      }
      if (rows.length > q.limit) break;
    }
  }
  const items = rows.slice(0, q.limit).map(rowToEntry);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor({ timestamp: last.timestamp, id: last.id }) : null };
}

import type { PlatformReply, PlatformRequest } from '@platform/sdk';
import { ProblemError } from '@platform/sdk';

/** Query parameters of a list route: plain ones plus react-admin's `filter` JSON (filter wins). */
export function listParams(req: PlatformRequest): Record<string, string | undefined> {
  const q = { ...(req.query as Record<string, unknown>) };
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(q)) if (typeof v === 'string' && !['filter', 'range', 'sort'].includes(k)) out[k] = v;
  if (typeof q.filter === 'string' && q.filter !== '') {
    let filter: unknown;
    try {
      filter = JSON.parse(q.filter);
    } catch {
      throw new ProblemError(400, 'validation_failed', 'filter must be JSON', { field: 'filter' });
    }
    for (const [k, v] of Object.entries((filter ?? {}) as Record<string, unknown>)) if (v !== undefined && v !== null) out[k] = String(v);
  }
  return out;
}

/**
 * Answers a list computed whole (usage summaries, series, history) in react-admin's convention:
 * `sort` and `range` applied in memory, and a `Content-Range` header.
 */
export function replyList<T extends object>(req: PlatformRequest, reply: PlatformReply, resource: string, rows: T[]): T[] {
  const q = req.query as Record<string, unknown>;
  let out = rows;
  if (typeof q.sort === 'string' && q.sort !== '') {
    try {
      const [field, order] = JSON.parse(q.sort) as [string, string];
      const dir = String(order).toUpperCase() === 'DESC' ? -1 : 1;
      out = [...rows].sort((a, b) => {
        const x = (a as Record<string, any>)[field];
        const y = (b as Record<string, any>)[field];
        if (x === y) return 0;
        if (x === null || x === undefined) return 1;
        if (y === null || y === undefined) return -1;
        return (x < y ? -1 : 1) * dir;
      });
    } catch {
      throw new ProblemError(400, 'validation_failed', 'sort must be ["field","ASC"|"DESC"]', { field: 'sort' });
    }
  }
  const total = out.length;
  let start = 0;
  if (typeof q.range === 'string' && q.range !== '') {
    let range: [number, number];
    try {
      range = JSON.parse(q.range);
    } catch {
      throw new ProblemError(400, 'validation_failed', 'range must be [start, end]', { field: 'range' });
    }
    start = Math.max(0, Number(range[0]) || 0);
    out = out.slice(start, Math.max(start, Number(range[1]) + 1));
  }
  const end = out.length === 0 ? start : start + out.length - 1;
  reply.header('Content-Range', `${resource} ${start}-${end}/${total}`);
  return out;
}

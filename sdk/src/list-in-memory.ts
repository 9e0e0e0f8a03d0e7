import type { FastifyReply } from 'fastify';
import { setContentRange } from './content-range.ts';
import { parseListParams, type ListParams, type ListParamsOptions, type ListQuery } from './list-params.ts';

/** Orders two values ascending, null and undefined last. */
function compare(x: unknown, y: unknown): number {
  if (x === y) return 0;
  if (x === null || x === undefined) return 1;
  if (y === null || y === undefined) return -1;
  return (x as number) < (y as number) ? -1 : 1;
}

/** One page of a list computed whole: sorted by `params.sort` (nulls last; unsorted, the given order), then sliced. */
export function pageInMemory<T extends object>(rows: readonly T[], params: Pick<ListParams, 'offset' | 'limit' | 'sort'>): { page: T[]; total: number } {
  let sorted = rows;
  const sort = params.sort;
  if (sort) {
    const dir = sort.order === 'DESC' ? -1 : 1;
    sorted = [...rows].sort((a, b) => {
      const x = (a as Record<string, unknown>)[sort.field];
      const y = (b as Record<string, unknown>)[sort.field];
      if (x === null || x === undefined || y === null || y === undefined) return compare(x, y); // nulls last either way
      return compare(x, y) * dir;
    });
  }
  return { page: sorted.slice(params.offset, params.offset + params.limit), total: rows.length };
}

/**
 * Answers a list computed whole (summaries, series, histories) in react-admin's convention: `sort` and `range`
 * applied in memory and a `Content-Range` header. Without `range`, the whole list (override with `defaultPage`).
 */
export function replyInMemoryList<T extends object>(
  query: ListQuery | undefined,
  reply: FastifyReply,
  resource: string,
  rows: readonly T[],
  opts: ListParamsOptions = {},
): T[] {
  const params = parseListParams(query, { defaultPage: Number.POSITIVE_INFINITY, ...opts });
  const { page, total } = pageInMemory(rows, params);
  setContentRange(reply, resource, params.offset, page.length, total);
  return page;
}

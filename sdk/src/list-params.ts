import type { FastifyReply } from 'fastify';
import { ProblemError } from './problem.ts';
import { Type } from './entity.ts';

/**
 * react-admin list parameters for routes the CRUD helper does not cover (joins, raw SQL lists): the same
 * conventions as the kernel's lists (`sort`, `range`, `filter` JSON query parameters, `Content-Range`).
 */

/** The list query schema: `sort=["field","ASC"]&range=[0,24]&filter={...}`. */
export const ListQuerystring = Type.Object({
  sort: Type.Optional(Type.String()),
  range: Type.Optional(Type.String()),
  filter: Type.Optional(Type.String()),
});

export interface ListParams {
  offset: number;
  limit: number;
  sort: { field: string; order: 'ASC' | 'DESC' } | null;
  filter: Record<string, unknown>;
}

function json(name: string, raw: string | undefined): unknown {
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw new ProblemError(400, 'validation_failed', `"${name}" is not valid JSON`, { field: name });
  }
}

/** Parses the list query; sort and filter fields must be in the allowed lists (400 naming the field otherwise). */
export function parseListParams(q: { sort?: string; range?: string; filter?: string }, allowed: { sort: string[]; filter: string[] }): ListParams {
  const range = json('range', q.range);
  let offset = 0;
  let limit = 25;
  if (range !== undefined) {
    if (!Array.isArray(range) || range.length !== 2 || !range.every((n) => Number.isInteger(n) && n >= 0) || range[1] < range[0])
      throw new ProblemError(400, 'validation_failed', '"range" must be [from, to]', { field: 'range' });
    offset = range[0];
    limit = Math.min(500, range[1] - range[0] + 1);
  }
  const sortRaw = json('sort', q.sort);
  let sort: ListParams['sort'] = null;
  // react-admin sorts by `id` unless told otherwise: where `id` is not sortable, that means the default order.
  const defaultSort = Array.isArray(sortRaw) && sortRaw[0] === 'id' && !allowed.sort.includes('id');
  if (sortRaw !== undefined && !defaultSort) {
    if (!Array.isArray(sortRaw) || typeof sortRaw[0] !== 'string' || !allowed.sort.includes(sortRaw[0]))
      throw new ProblemError(400, 'validation_failed', `"sort" must name one of ${allowed.sort.join(', ')}`, { field: 'sort' });
    sort = { field: sortRaw[0], order: String(sortRaw[1]).toUpperCase() === 'ASC' ? 'ASC' : 'DESC' };
  }
  const filterRaw = json('filter', q.filter) ?? {};
  if (typeof filterRaw !== 'object' || Array.isArray(filterRaw) || filterRaw === null) throw new ProblemError(400, 'validation_failed', '"filter" must be an object', { field: 'filter' });
  for (const key of Object.keys(filterRaw)) {
    if (!allowed.filter.includes(key)) throw new ProblemError(400, 'validation_failed', `"filter.${key}" is not a filter (allowed: ${allowed.filter.join(', ')})`, { field: `filter.${key}` });
  }
  return { offset, limit, sort, filter: filterRaw as Record<string, unknown> };
}

export function setContentRange(reply: FastifyReply, resource: string, offset: number, count: number, total: number): void {
  const end = count === 0 ? offset : offset + count - 1;
  reply.header('Content-Range', `${resource} ${offset}-${end}/${total}`);
  reply.header('Access-Control-Expose-Headers', 'Content-Range');
}

/** Adds `column = $n` (or `= ANY($n)` for arrays) for a filter value; returns the SQL condition. */
export function sqlEquals(params: unknown[], column: string, value: unknown, cast = 'text'): string {
  params.push(value);
  return Array.isArray(value) ? `${column} = ANY($${params.length}::${cast}[])` : `${column} = $${params.length}::${cast}`;
}

import { ProblemError } from '@platform/sdk';

/** react-admin list parameters: `range=[0,24]`, `sort=["field","ASC"]`, `filter={...}`. */
export interface ListParams {
  offset: number;
  limit: number;
  sort: { field: string; order: 'ASC' | 'DESC' } | null;
  filter: Record<string, unknown>;
}

function json(raw: unknown, field: string): unknown {
  if (raw === undefined || raw === '') return undefined;
  try {
    return JSON.parse(String(raw));
  } catch {
    throw new ProblemError(400, 'validation_failed', `"${field}" is not valid JSON`, { field });
  }
}

export function parseListParams(query: Record<string, unknown>, opts: { sortable: string[]; maxPage: number }): ListParams {
  let offset = 0;
  let limit = 25;
  const range = json(query.range, 'range');
  if (range !== undefined) {
    if (!Array.isArray(range) || range.length !== 2 || !range.every((n) => Number.isInteger(n) && n >= 0) || range[1] < range[0])
      throw new ProblemError(400, 'validation_failed', '"range" must be [first, last] with 0 ≤ first ≤ last', { field: 'range' });
    offset = range[0];
    limit = range[1] - range[0] + 1;
    if (limit > opts.maxPage) throw new ProblemError(400, 'page_size_too_large', `A page holds at most ${opts.maxPage} items; "range" asked for ${limit}`, { field: 'range' });
  }
  let sort: ListParams['sort'] = null;
  const s = json(query.sort, 'sort');
  if (s !== undefined) {
    if (!Array.isArray(s) || typeof s[0] !== 'string' || !opts.sortable.includes(s[0]) || !['ASC', 'DESC'].includes(String(s[1]).toUpperCase()))
      throw new ProblemError(400, 'validation_failed', `"sort" must be [field, "ASC"|"DESC"] with field one of ${opts.sortable.join(', ')}`, { field: 'sort' });
    sort = { field: s[0], order: String(s[1]).toUpperCase() as 'ASC' | 'DESC' };
  }
  const f = json(query.filter, 'filter');
  if (f !== undefined && (f === null || typeof f !== 'object' || Array.isArray(f))) throw new ProblemError(400, 'validation_failed', '"filter" must be a JSON object', { field: 'filter' });
  return { offset, limit, sort, filter: (f as Record<string, unknown>) ?? {} };
}

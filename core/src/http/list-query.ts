import { ProblemError } from '@platform/sdk';

/** react-admin / ra-data-simple-rest list parameters: `sort=["f","ASC"]&range=[0,24]&filter={...}`. */
export interface ListQuery {
  sort: { field: string; order: 'ASC' | 'DESC' } | null;
  offset: number;
  limit: number;
  filter: Record<string, unknown>;
}

const MAX_PAGE = 500;

function parseJsonParam(name: string, raw: unknown): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw new ProblemError(400, 'validation_failed', `Query parameter "${name}" must be JSON`, { field: name });
  try {
    return JSON.parse(raw);
  } catch {
    throw new ProblemError(400, 'validation_failed', `Query parameter "${name}" is not valid JSON`, { field: name });
  }
}

export function parseListQuery(query: Record<string, unknown>, allowed: { sort: string[]; filter: string[] }): ListQuery {
  const sortRaw = parseJsonParam('sort', query.sort);
  let sort: ListQuery['sort'] = null;
  if (sortRaw !== undefined) {
    if (!Array.isArray(sortRaw) || typeof sortRaw[0] !== 'string' || !['ASC', 'DESC', 'asc', 'desc'].includes(String(sortRaw[1] ?? 'ASC')))
      throw new ProblemError(400, 'validation_failed', 'sort must be ["field","ASC"|"DESC"]', { field: 'sort' });
    if (!allowed.sort.includes(sortRaw[0])) throw new ProblemError(400, 'validation_failed', `Cannot sort by "${sortRaw[0]}"`, { field: 'sort' });
    sort = { field: sortRaw[0], order: String(sortRaw[1] ?? 'ASC').toUpperCase() as 'ASC' | 'DESC' };
  }
  const rangeRaw = parseJsonParam('range', query.range);
  let offset = 0;
  let limit = 25;
  if (rangeRaw !== undefined) {
    if (!Array.isArray(rangeRaw) || rangeRaw.length !== 2 || !rangeRaw.every((n) => Number.isInteger(n) && n >= 0) || rangeRaw[1] < rangeRaw[0])
      throw new ProblemError(400, 'validation_failed', 'range must be [start,end] with 0 <= start <= end', { field: 'range' });
    offset = rangeRaw[0];
    limit = Math.min(rangeRaw[1] - rangeRaw[0] + 1, MAX_PAGE);
  }
  const filterRaw = parseJsonParam('filter', query.filter) ?? {};
  if (typeof filterRaw !== 'object' || Array.isArray(filterRaw) || filterRaw === null)
    throw new ProblemError(400, 'validation_failed', 'filter must be a JSON object', { field: 'filter' });
  for (const key of Object.keys(filterRaw)) {
    if (key !== 'q' && key !== 'id' && !allowed.filter.includes(key))
      throw new ProblemError(400, 'validation_failed', `Cannot filter by "${key}"`, { field: `filter.${key}` });
  }
  return { sort, offset, limit, filter: filterRaw as Record<string, unknown> };
}

export function contentRange(resource: string, offset: number, count: number, total: number): string {
  const end = count === 0 ? offset : offset + count - 1;
  return `${resource} ${offset}-${end}/${total}`;
}

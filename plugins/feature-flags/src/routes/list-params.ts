import { problems, type PlatformReply } from '@platform/sdk';

/** react-admin's list parameters (`sort=["f","ASC"]&range=[0,24]&filter={...}`), parsed and checked. */
export interface ListParams {
  sort: { field: string; order: 'ASC' | 'DESC' } | null;
  offset: number;
  limit: number;
  filter: Record<string, unknown>;
}

const MAX_PAGE = 500;

function jsonParam(name: string, raw: unknown): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw problems.validation(name, `Query parameter "${name}" must be JSON`);
  try {
    return JSON.parse(raw);
  } catch {
    throw problems.validation(name, `Query parameter "${name}" is not valid JSON`);
  }
}

export function parseListParams(query: Record<string, unknown>, allowed: { sort: string[]; filter: string[] }): ListParams {
  const sortRaw = jsonParam('sort', query.sort);
  let sort: ListParams['sort'] = null;
  if (sortRaw !== undefined) {
    const order = String((sortRaw as unknown[])?.[1] ?? 'ASC').toUpperCase();
    if (!Array.isArray(sortRaw) || typeof sortRaw[0] !== 'string' || (order !== 'ASC' && order !== 'DESC'))
      throw problems.validation('sort', 'sort must be ["field","ASC"|"DESC"]');
    if (!allowed.sort.includes(sortRaw[0])) throw problems.validation('sort', `Cannot sort by "${sortRaw[0]}"`);
    sort = { field: sortRaw[0], order };
  }
  const rangeRaw = jsonParam('range', query.range);
  let offset = 0;
  let limit = 25;
  if (rangeRaw !== undefined) {
    if (!Array.isArray(rangeRaw) || rangeRaw.length !== 2 || !rangeRaw.every((n) => Number.isInteger(n) && n >= 0) || rangeRaw[1] < rangeRaw[0])
      throw problems.validation('range', 'range must be [start,end] with 0 <= start <= end');
    offset = rangeRaw[0];
    limit = Math.min(rangeRaw[1] - rangeRaw[0] + 1, MAX_PAGE);
  }
  const filterRaw = jsonParam('filter', query.filter) ?? {};
  if (typeof filterRaw !== 'object' || Array.isArray(filterRaw) || filterRaw === null) throw problems.validation('filter', 'filter must be a JSON object');
  for (const key of Object.keys(filterRaw)) {
    if (key !== 'q' && key !== 'id' && !allowed.filter.includes(key)) throw problems.validation(`filter.${key}`, `Cannot filter by "${key}"`);
  }
  return { sort, offset, limit, filter: filterRaw as Record<string, unknown> };
}

/** Sends `Content-Range: <resource> start-end/total` (what ra-data-simple-rest reads). */
export function sendContentRange(reply: PlatformReply, resource: string, offset: number, count: number, total: number): void {
  const end = count === 0 ? offset : offset + count - 1;
  reply.header('Content-Range', `${resource} ${offset}-${end}/${total}`);
}

export const ListQuerySchema = {
  type: 'object',
  properties: { sort: { type: 'string' }, range: { type: 'string' }, filter: { type: 'string' } },
} as const;

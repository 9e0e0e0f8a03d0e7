import { Utils, type EntityManager, type EntityName } from '@mikro-orm/core';
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

/** What a filter value must look like, so a bad one is a 400 naming `filter.<field>` instead of a database error. */
export type FilterKind = 'uuid' | 'boolean' | 'date' | 'integer' | 'string' | 'string[]';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KIND_LABEL: Record<FilterKind, string> = { uuid: 'a uuid', boolean: 'true or false', date: 'an ISO date', integer: 'an integer', string: 'a string', 'string[]': 'a string' };

function fits(kind: FilterKind, v: unknown): boolean {
  if (v === null) return true;
  switch (kind) {
    case 'uuid': return typeof v === 'string' && UUID_RE.test(v);
    case 'boolean': return typeof v === 'boolean';
    case 'date': return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v));
    case 'integer': return (typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && /^-?\d{1,18}$/.test(v));
    default: return (typeof v === 'string' && !v.includes('\u0000')) || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';
  }
}

/** Filter kinds of an entity's properties, from the ORM metadata. */
const kindsCache = new WeakMap<object, Record<string, FilterKind>>();
export function filterKindsOf(em: EntityManager, entity: EntityName<any>): Record<string, FilterKind> {
  const meta = em.getMetadata().find(Utils.className(entity));
  const cached = meta && kindsCache.get(meta);
  if (cached) return cached;
  const kinds: Record<string, FilterKind> = {};
  for (const [name, prop] of Object.entries(meta?.properties ?? {})) {
    const type = String((prop as { type?: unknown }).type ?? '').toLowerCase();
    kinds[name] = type === 'uuid' ? 'uuid'
      : type === 'boolean' ? 'boolean'
      : type === 'date' || type === 'datetime' || type.includes('timestamp') ? 'date'
      : ['integer', 'int', 'smallint', 'bigint', 'number', 'float', 'double', 'decimal'].includes(type) ? 'integer'
      : type.endsWith('[]') || type === 'array' ? 'string[]'
      : 'string';
  }
  if (meta) kindsCache.set(meta, kinds);
  return kinds;
}

/** Scalar values (or lists of them) of the field's kind; operator objects such as `{"$ne": ...}` are refused. */
export function checkFilterValues(filter: Record<string, unknown>, kinds: Record<string, FilterKind | undefined>): void {
  for (const [key, value] of Object.entries(filter)) {
    const field = `filter.${key}`;
    if (key === 'q') {
      if (value !== undefined && value !== null && (typeof value !== 'string' || value.includes('\u0000'))) throw new ProblemError(400, 'validation_failed', `${field} must be a string`, { field });
      continue;
    }
    const kind = kinds[key] ?? 'string';
    for (const v of Array.isArray(value) ? value : [value])
      if (!fits(kind, v)) throw new ProblemError(400, 'validation_failed', `${field} must be ${KIND_LABEL[kind]}${Array.isArray(value) ? ' in each item' : ''}`, { field });
  }
}

export function parseListQuery(query: Record<string, unknown>, allowed: { sort: string[]; filter: string[]; kinds?: Record<string, FilterKind | undefined> }): ListQuery {
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
  if (allowed.kinds) checkFilterValues(filterRaw as Record<string, unknown>, allowed.kinds);
  return { sort, offset, limit, filter: filterRaw as Record<string, unknown> };
}

export function contentRange(resource: string, offset: number, count: number, total: number): string {
  const end = count === 0 ? offset : offset + count - 1;
  return `${resource} ${offset}-${end}/${total}`;
}

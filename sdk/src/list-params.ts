import { ProblemError } from './problem.ts';
import { Type } from './entity.ts';

/**
 * react-admin list parameters for routes the CRUD helper does not cover (joins, raw SQL, lists computed in
 * memory): the same conventions as the kernel's lists, `sort=["field","ASC"]&range=[0,24]&filter={...}`.
 * Every refusal is a 400 problem naming the field (`range`, `sort`, `filter`, `filter.<key>`).
 */

/** The list query schema: `sort=["field","ASC"]&range=[0,24]&filter={...}`. */
export const ListQuerystring = Type.Object({
  sort: Type.Optional(Type.String()),
  range: Type.Optional(Type.String()),
  filter: Type.Optional(Type.String()),
});

/** The raw query a list route receives (each parameter a JSON string, or absent). */
export interface ListQuery {
  sort?: unknown;
  range?: unknown;
  filter?: unknown;
}

export interface ListParams {
  offset: number;
  limit: number;
  sort: { field: string; order: 'ASC' | 'DESC' } | null;
  filter: Record<string, unknown>;
}

export interface ListParamsOptions {
  /** Fields `sort` may name; omitted, any field. `["id", ...]` (react-admin's default) with `id` not listed means the default order. */
  sort?: readonly string[];
  /** Keys `filter` may hold; omitted, any key. */
  filter?: readonly string[];
  /** Page size without `range` (default 25; `Infinity` for the whole list). */
  defaultPage?: number;
  /** Largest page `range` may ask for (default 500). */
  maxPage?: number;
  /** A larger `range`: `'clamp'` (default) shortens the page to `maxPage`, `'refuse'` answers 400 `page_size_too_large`. */
  oversizedPage?: 'clamp' | 'refuse';
}

export const LIST_DEFAULT_PAGE = 25;
export const LIST_MAX_PAGE = 500;

function invalid(field: string, detail: string): ProblemError {
  return new ProblemError(400, 'validation_failed', detail, { field });
}

function jsonParam(name: string, raw: unknown): unknown {
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw invalid(name, `"${name}" must be given once, as JSON`);
  try {
    return JSON.parse(raw);
  } catch {
    throw invalid(name, `"${name}" is not valid JSON`);
  }
}

function parseRange(raw: unknown, opts: ListParamsOptions): { offset: number; limit: number } {
  const range = jsonParam('range', raw);
  if (range === undefined) return { offset: 0, limit: opts.defaultPage ?? LIST_DEFAULT_PAGE };
  if (!Array.isArray(range) || range.length !== 2 || !range.every((n) => Number.isInteger(n) && n >= 0) || range[1] < range[0])
    throw invalid('range', '"range" must be [first, last] with 0 ≤ first ≤ last');
  const maxPage = opts.maxPage ?? LIST_MAX_PAGE;
  const asked = range[1] - range[0] + 1;
  if (asked > maxPage && opts.oversizedPage === 'refuse')
    throw new ProblemError(400, 'page_size_too_large', `A page holds at most ${maxPage} items; "range" asked for ${asked}`, { field: 'range' });
  return { offset: range[0], limit: Math.min(asked, maxPage) };
}

function parseSort(raw: unknown, allowed: readonly string[] | undefined): ListParams['sort'] {
  const sort = jsonParam('sort', raw);
  if (sort === undefined) return null;
  if (!Array.isArray(sort) || typeof sort[0] !== 'string' || sort[0] === '') throw invalid('sort', '"sort" must be ["field", "ASC" | "DESC"]');
  const order = String(sort[1] ?? 'ASC').toUpperCase();
  if (order !== 'ASC' && order !== 'DESC') throw invalid('sort', `"sort" order must be "ASC" or "DESC", not ${JSON.stringify(sort[1])}`);
  const field = sort[0];
  if (allowed && !allowed.includes(field)) {
    if (field === 'id') return null; // react-admin's default sort: this list's default order
    throw invalid('sort', `"sort" cannot use "${field}"; sortable: ${allowed.join(', ') || 'none'}`);
  }
  return { field, order };
}

function parseFilter(raw: unknown, allowed: readonly string[] | undefined): Record<string, unknown> {
  const parsed = jsonParam('filter', raw);
  const filter = parsed === undefined ? {} : parsed;
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) throw invalid('filter', '"filter" must be a JSON object');
  if (allowed) {
    for (const key of Object.keys(filter)) {
      if (!allowed.includes(key)) throw invalid(`filter.${key}`, `"filter.${key}" is not a filter here; filters: ${allowed.join(', ') || 'none'}`);
    }
  }
  return filter as Record<string, unknown>;
}

/** Parses and checks the list query (see {@link ListParamsOptions}). */
export function parseListParams(query: ListQuery | undefined, opts: ListParamsOptions = {}): ListParams {
  const q = query ?? {};
  const { offset, limit } = parseRange(q.range, opts);
  return { offset, limit, sort: parseSort(q.sort, opts.sort), filter: parseFilter(q.filter, opts.filter) };
}

/**
 * A list's filter as text: plain query parameters (`?meter=seats`) overlaid with react-admin's `filter` JSON
 * (`filter` wins); `sort` and `range` left out, null and undefined filter values dropped.
 */
export function listFilterValues(query: Record<string, unknown> | undefined): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(query ?? {})) if (typeof v === 'string' && k !== 'filter' && k !== 'range' && k !== 'sort') out[k] = v;
  for (const [k, v] of Object.entries(parseFilter(query?.filter, undefined))) if (v !== undefined && v !== null) out[k] = String(v);
  return out;
}

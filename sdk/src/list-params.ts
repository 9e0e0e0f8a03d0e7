import { ProblemError } from './problem.ts';
import { Type } from './entity.ts';
import { parseIsoDate } from './date-param.ts';

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

/**
 * What a filter value must be (or a list of them, matched with "any of"; `null` matches a missing value):
 * - `string`: a string; `string[]`: a string matched against a text[] column
 * - `uuid`, `boolean`, `date` (ISO 8601, years 1 to 9999, see `parseIsoDate`)
 * - `integer` (PostgreSQL integer, ±2^31), `bigint` (PostgreSQL bigint; digits as a string too), `number` (finite)
 * - `scalar`: a string, finite number or boolean (the kind of a key declared without one)
 * No kind lets through an object (an operator such as `{"$ne": …}`) or a string holding NUL, which PostgreSQL text
 * cannot hold.
 */
export type FilterKind = 'string' | 'string[]' | 'uuid' | 'boolean' | 'date' | 'integer' | 'bigint' | 'number' | 'scalar';

/** Filter keys and the kind of value each takes. */
export type FilterFields = Readonly<Record<string, FilterKind>>;

export interface ListParamsOptions {
  /** Fields `sort` may name; omitted, any field. `["id", ...]` (react-admin's default) with `id` not listed means the default order. */
  sort?: readonly string[];
  /**
   * Keys `filter` may hold, each with the kind of value it takes (`{ status: 'string', tenantId: 'uuid' }`), or
   * just the keys (each then takes strings, numbers or booleans; `q` a string). Omitted, any key. A value of the
   * wrong kind is a 400 `invalid_filter` naming `filter.<key>`, before it reaches SQL.
   */
  filter?: readonly string[] | FilterFields;
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
  if (!Array.isArray(range) || range.length !== 2 || !range.every((n) => Number.isSafeInteger(n) && n >= 0) || range[1] < range[0])
    throw invalid('range', `"range" must be [first, last] with 0 ≤ first ≤ last ≤ ${Number.MAX_SAFE_INTEGER}`);
  const maxPage = opts.maxPage ?? LIST_MAX_PAGE;
  const asked = range[1] - range[0] + 1;
  if (asked > maxPage && opts.oversizedPage === 'refuse')
    throw new ProblemError(400, 'page_size_too_large', `A page holds at most ${maxPage} items; "range" asked for ${asked}`, { field: 'range' });
  return { offset: range[0], limit: Math.min(asked, maxPage) };
}

function parseSort(raw: unknown, allowed: readonly string[] | undefined): ListParams['sort'] {
  const sort = jsonParam('sort', raw);
  if (sort === undefined) return null;
  if (!Array.isArray(sort) || typeof sort[0] !== 'string' || sort[0] === '' || sort[0].includes('\u0000')) throw invalid('sort', '"sort" must be ["field", "ASC" | "DESC"]');
  const order = String(sort[1] ?? 'ASC').toUpperCase();
  if (order !== 'ASC' && order !== 'DESC') throw invalid('sort', `"sort" order must be "ASC" or "DESC", not ${JSON.stringify(sort[1])}`);
  const field = sort[0];
  if (allowed && !allowed.includes(field)) {
    if (field === 'id') return null; // react-admin's default sort: this list's default order
    throw invalid('sort', `"sort" cannot use "${field}"; sortable: ${allowed.join(', ') || 'none'}`);
  }
  return { field, order };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT4 = 2 ** 31;
const INT8_MAX = 9223372036854775807n;

const KIND_LABEL: Record<FilterKind, string> = {
  string: 'a string', 'string[]': 'a string', uuid: 'a uuid', boolean: 'true or false', date: 'an ISO 8601 date from year 1 to 9999',
  integer: `an integer from -${INT4} to ${INT4 - 1}`, bigint: 'a 64-bit integer', number: 'a finite number', scalar: 'a string, number or boolean',
};

const text = (v: unknown): v is string => typeof v === 'string' && !v.includes('\u0000');

/** Whether one filter value (not a list) fits the kind. */
export function fitsFilterKind(kind: FilterKind, v: unknown): boolean {
  if (v === null) return true;
  switch (kind) {
    case 'string':
    case 'string[]': return text(v);
    case 'uuid': return typeof v === 'string' && UUID.test(v);
    case 'boolean': return typeof v === 'boolean';
    case 'date': return typeof v === 'string' && parseIsoDate(v) !== null;
    case 'integer': return typeof v === 'number' && Number.isInteger(v) && v >= -INT4 && v < INT4;
    case 'bigint':
      if (typeof v === 'number') return Number.isSafeInteger(v);
      return typeof v === 'string' && /^-?\d{1,19}$/.test(v) && BigInt(v) <= INT8_MAX && BigInt(v) >= -INT8_MAX - 1n;
    case 'number': return typeof v === 'number' && Number.isFinite(v);
    default: return text(v) || (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'boolean';
  }
}

/** The kinds of the allowed filter keys (null: any key, as `scalar`). A key list gives `q` a string and the rest `scalar`. */
function kindsOf(allowed: ListParamsOptions['filter']): FilterFields | null {
  if (!allowed) return null;
  if (!Array.isArray(allowed)) return allowed as FilterFields;
  return Object.fromEntries((allowed as readonly string[]).map((k) => [k, k === 'q' ? 'string' : 'scalar']));
}

/** Refuses a filter value that does not fit its key's kind, naming `filter.<key>`. */
export function checkFilterValue(key: string, kind: FilterKind, value: unknown): void {
  const field = `filter.${key}`;
  const items = Array.isArray(value) ? value : [value];
  if (items.every((v) => fitsFilterKind(kind, v))) return;
  const bad = items.find((v) => !fitsFilterKind(kind, v));
  const got = typeof bad === 'string' && bad.includes('\u0000') ? 'a string holding NUL' : bad === null ? 'null' : Array.isArray(bad) ? 'a list' : typeof bad === 'object' ? 'an object' : JSON.stringify(bad).slice(0, 40);
  throw new ProblemError(400, 'invalid_filter', `"${field}" must be ${KIND_LABEL[kind]}${Array.isArray(value) ? ' (or a list of them)' : ''}, not ${got}`, { field });
}

function parseFilter(raw: unknown, allowed: ListParamsOptions['filter']): Record<string, unknown> {
  const parsed = jsonParam('filter', raw);
  const filter = parsed === undefined ? {} : parsed;
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) throw invalid('filter', '"filter" must be a JSON object');
  const kinds = kindsOf(allowed);
  for (const [key, value] of Object.entries(filter)) {
    if (kinds && !Object.hasOwn(kinds, key)) throw invalid(`filter.${key}`, `"filter.${key}" is not a filter here; filters: ${Object.keys(kinds).join(', ') || 'none'}`);
    if (key.includes('\u0000')) throw invalid('filter', '"filter" keys cannot hold NUL');
    checkFilterValue(key, kinds?.[key] ?? (key === 'q' ? 'string' : 'scalar'), value);
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

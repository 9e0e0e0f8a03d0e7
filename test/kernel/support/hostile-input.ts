import fc from 'fast-check';

/**
 * fast-check arbitraries for hostile query input: react-admin's `filter`, `sort` and `range`, dates at and
 * past the edges of what JavaScript and PostgreSQL can hold, numbers past int4/int8/double, and strings
 * holding NUL, lone surrogates and LIKE/SQL metacharacters.
 */

/** Strings that broke (or could break) a route: NUL, lone surrogates, LIKE wildcards, quotes, huge numbers, edge dates. */
export const NASTY_STRINGS = [
  '\u0000', 'a\u0000b', '\ud800', '\udfff', 'x\ud83d', '\ud83d\ude00', '%', '_', '\\', "'", '"', '', ' ', 'null', 'true',
  'NaN', 'Infinity', '-0', '1e309', '2147483648', '-2147483649', '9223372036854775808', '99999999999999999999',
  '+275760-09-13T00:00:00Z', '-271821-04-20T00:00:00Z', '+275760-09-13T00:00:00.001Z', '0000-01-01', '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z', '10000-01-01', '2024-02-30', '2024-01-01T25:00:00Z', '1970-01-01', 'yesterday',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'not-a-uuid', 'x'.repeat(300),
] as const;

const NASTY_NUMBERS = [0, -1, 1, 0.5, 2147483647, 2147483648, -2147483649, 2 ** 53, 2 ** 63, 1e20, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 8640000000000000, 8640000000000001];

/** Any UTF-16 code unit, so NUL and lone surrogates come up. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
export const hostileString = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom('\u0000', 'a\u0000b', '\ud800', 'x\ud83d', '\udfff%') },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 12 }) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
);
const hostileNumber = fc.oneof(fc.constantFrom(...NASTY_NUMBERS), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: hostileScalar },
  { weight: 2, arbitrary: fc.array(hostileScalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('$ne', '$gt', '$in', '$like', 'a'), hostileScalar, { maxKeys: 2 }) },
);

/** Filter keys the lists use (kernel and plugins), plus random ones. */
export const FILTER_KEYS = [
  'q', 'id', 'tenantId', 'status', 'state', 'name', 'email', 'kind', 'roles', 'key', 'slug', 'builtin', 'scope', 'createdAt',
  'updatedAt', 'from', 'to', 'at', 'action', 'actorId', 'targetType', 'targetId', 'flagKey', 'flagId', 'enabled', 'environment',
  'severity', 'ruleId', 'open', 'channel', 'alertId', 'affectedSystem', 'monitorId', 'serviceId', 'targetKey', 'userId', 'level',
  'service', 'plan', 'planId', 'meter', 'at', 'minPercent', 'itemId', 'hidden', 'order', 'title', 'done', 'priority', 'type',
];
/** Keys of a route's filter: mostly the ones it takes (when known), else the common ones, sometimes random. */
function filterKey(known: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: known.length ? 12 : 0, arbitrary: fc.constantFrom(...(known.length ? known : ['q'])) },
    { weight: 3, arbitrary: fc.constantFrom(...FILTER_KEYS) },
    { weight: 1, arbitrary: fc.string({ unit: codeUnit, maxLength: 6 }) },
  );
}

/** A JSON `filter` (usually an object of hostile values; sometimes not an object at all, or not JSON). */
export function filterParam(known: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.dictionary(filterKey(known), hostileValue, { minKeys: 1, maxKeys: 3 }).map((f) => JSON.stringify(f)) },
    { weight: 1, arbitrary: hostileValue.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: hostileString },
  );
}

/** A filter of one key (mostly one the route takes) with a hostile value: nothing else in the request to refuse first. */
export function oneKeyFilterParam(known: readonly string[] = []): fc.Arbitrary<string> {
  return fc.tuple(filterKey(known), hostileValue).map(([k, v]) => JSON.stringify({ [k]: v }));
}

const SORT_FIELDS = ['id', 'createdAt', 'updatedAt', 'name', 'status', 'at', 'severity', 'startedAt', 'lastSeen', 'count', 'key', 'email'];
/** A `sort`: often a valid one (so the filter behind it gets read), else a hostile field, order or shape. */
export function sortParam(known: readonly string[] = []): fc.Arbitrary<string> {
  const valid = fc.tuple(fc.constantFrom(...(known.length ? known : SORT_FIELDS)), fc.constantFrom('ASC', 'DESC', 'asc', 'desc'));
  const field = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SORT_FIELDS, ...known) }, { weight: 1, arbitrary: hostileString });
  return fc.oneof(
    { weight: 4, arbitrary: valid.map((s) => JSON.stringify(s)) },
    { weight: 3, arbitrary: fc.tuple(field, fc.constantFrom('ASC', 'DESC', 'up', '')).map((s) => JSON.stringify(s)) },
    { weight: 1, arbitrary: hostileValue.map((v) => JSON.stringify(v) ?? 'null') },
    { weight: 1, arbitrary: hostileString },
  );
}

/** A `range`: often a valid page, else numbers past every limit, backwards, fractional, or not a pair. */
export const rangeParam: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.nat(100), fc.nat(100)).map(([a, b]) => JSON.stringify([Math.min(a, b), Math.max(a, b)])) },
  { weight: 4, arbitrary: fc.tuple(hostileNumber, hostileNumber).map((r) => JSON.stringify(r)) },
  { weight: 1, arbitrary: hostileValue.map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: hostileString },
);

/** A date-time parameter: valid, at the edges of JavaScript's and PostgreSQL's ranges, epoch numbers, or junk. */
export const dateParam: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('99999999999999999999', '+275760-09-13T00:00:00Z', '-271821-04-20T00:00:00Z', '8640000000000000', '8640000000000001', '0000-01-01T00:00:00Z', '-000001-01-01T00:00:00Z', '10000-01-01', '9999-12-31T23:59:59.999Z', '0', '-1', '1e21', '2024-02-30T00:00:00Z') },
  { weight: 2, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
  { weight: 1, arbitrary: fc.integer({ min: -8.64e15, max: 8.64e15 }).map(String) },
  { weight: 1, arbitrary: hostileString },
);

/** percent-encodes any string, lone surrogates included (as the bytes a hostile client would send: CESU-8). */
export function encodeAny(value: string): string {
  let out = '';
  for (const ch of value) {
    try {
      out += encodeURIComponent(ch);
    } catch {
      const c = ch.charCodeAt(0);
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    }
  }
  return out;
}

/** What a query parameter's value should be drawn from, by its name and schema type. */
export function paramArbitrary(name: string, schema: { type?: string; format?: string } | undefined, fields: { filter: readonly string[]; sort: readonly string[] } = { filter: [], sort: [] }): fc.Arbitrary<string> {
  if (name === 'filter') return filterParam(fields.filter);
  if (name === 'sort') return sortParam(fields.sort);
  if (name === 'range') return rangeParam;
  if (/^(from|to|at|since|until|before|after)$/i.test(name) || schema?.format === 'date-time') return dateParam;
  if (schema?.type === 'integer' || schema?.type === 'number')
    return fc.oneof(hostileNumber.map(String), hostileString);
  return fc.oneof(hostileString, hostileNumber.map(String));
}

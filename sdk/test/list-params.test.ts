import { describe, expect, it } from 'vitest';
import { listFilterValues, LIST_DEFAULT_PAGE, LIST_MAX_PAGE, parseListParams, type ListParamsOptions, type ListQuery } from '../src/list-params.ts';
import { ProblemError } from '../src/problem.ts';

/** The problem a bad query gets (fails the test when it parses). */
function refusal(query: ListQuery, opts?: ListParamsOptions): ProblemError {
  try {
    parseListParams(query, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(ProblemError);
    return err as ProblemError;
  }
  throw new Error(`parsed ${JSON.stringify(query)} without complaint`);
}

describe('parseListParams', () => {
  it('defaults to the first page, unsorted, unfiltered', () => {
    expect(parseListParams({})).toEqual({ offset: 0, limit: LIST_DEFAULT_PAGE, sort: null, filter: {} });
    expect(parseListParams(undefined)).toEqual({ offset: 0, limit: LIST_DEFAULT_PAGE, sort: null, filter: {} });
    expect(parseListParams({ range: '', sort: '', filter: '' })).toEqual({ offset: 0, limit: LIST_DEFAULT_PAGE, sort: null, filter: {} });
    expect(parseListParams({}, { defaultPage: 50 }).limit).toBe(50);
  });

  it('reads react-admin sort, range and filter', () => {
    const p = parseListParams({ sort: '["name","desc"]', range: '[10,19]', filter: '{"status":"open","id":[1,2]}' }, { sort: ['name'], filter: ['status', 'id'] });
    expect(p).toEqual({ offset: 10, limit: 10, sort: { field: 'name', order: 'DESC' }, filter: { status: 'open', id: [1, 2] } });
    expect(parseListParams({ sort: '["name"]' }).sort).toEqual({ field: 'name', order: 'ASC' });
  });

  it('clamps an oversized range to maxPage by default', () => {
    expect(parseListParams({ range: '[0,9999]' }).limit).toBe(LIST_MAX_PAGE);
    expect(parseListParams({ range: '[5,1004]' }, { maxPage: 200 })).toMatchObject({ offset: 5, limit: 200 });
  });

  it('refuses an oversized range with page_size_too_large when asked to', () => {
    const e = refusal({ range: '[0,500]' }, { maxPage: 200, oversizedPage: 'refuse' });
    expect(e).toMatchObject({ status: 400, code: 'page_size_too_large', field: 'range' });
    expect(e.message).toContain('200');
    expect(parseListParams({ range: '[0,199]' }, { maxPage: 200, oversizedPage: 'refuse' }).limit).toBe(200);
  });

  it('treats react-admin\'s default ["id", …] sort as the default order where id is not sortable', () => {
    expect(parseListParams({ sort: '["id","ASC"]' }, { sort: ['name'] }).sort).toBeNull();
    expect(parseListParams({ sort: '["id","DESC"]' }, { sort: ['id', 'name'] }).sort).toEqual({ field: 'id', order: 'DESC' });
  });

  it('accepts any sort field and filter key when no list is given', () => {
    expect(parseListParams({ sort: '["whatever","ASC"]', filter: '{"anything":1}' })).toMatchObject({ sort: { field: 'whatever', order: 'ASC' }, filter: { anything: 1 } });
  });

  it.each<[string, ListQuery, string]>([
    ['range that is not JSON', { range: '[0,' }, 'range'],
    ['range that is not a pair', { range: '[0]' }, 'range'],
    ['range backwards', { range: '[9,0]' }, 'range'],
    ['range with a negative start', { range: '[-1,5]' }, 'range'],
    ['range with fractions', { range: '[0.5,5]' }, 'range'],
    ['range given twice', { range: ['[0,1]', '[2,3]'] }, 'range'],
    ['sort that is not JSON', { sort: 'name' }, 'sort'],
    ['sort that is not an array', { sort: '{"field":"name"}' }, 'sort'],
    ['sort without a field', { sort: '[1,"ASC"]' }, 'sort'],
    ['sort with a bad order', { sort: '["name","UP"]' }, 'sort'],
    ['filter that is not JSON', { filter: '{status' }, 'filter'],
    ['filter that is an array', { filter: '["open"]' }, 'filter'],
    ['filter that is null', { filter: 'null' }, 'filter'],
  ])('refuses a %s, naming the field', (_, query, field) => {
    const e = refusal(query);
    expect(e).toMatchObject({ status: 400, code: 'validation_failed', field });
    expect(e.message).toContain(`"${field}"`);
  });

  it('refuses a sort field or filter key outside the allowed lists, naming them', () => {
    const sort = refusal({ sort: '["secret","ASC"]' }, { sort: ['name', 'createdAt'] });
    expect(sort).toMatchObject({ status: 400, code: 'validation_failed', field: 'sort' });
    expect(sort.message).toContain('secret');
    expect(sort.message).toContain('name, createdAt');
    const filter = refusal({ filter: '{"status":"open","secret":1}' }, { filter: ['status'] });
    expect(filter).toMatchObject({ status: 400, code: 'validation_failed', field: 'filter.secret' });
    expect(filter.message).toContain('"filter.secret"');
  });
});

describe('filter kinds', () => {
  const fields = { email: 'string', tenantId: 'uuid', done: 'boolean', from: 'date', count: 'integer', seq: 'bigint', score: 'number', roles: 'string[]', open: 'scalar', q: 'string' } as const;
  const uuid = '6f1c2f4e-1b2a-4c3d-9e8f-0a1b2c3d4e5f';

  it('accepts values of each kind, lists of them and null', () => {
    const filter = { email: 'a@b.co', tenantId: [uuid, null], done: false, from: '2025-01-01T00:00:00Z', count: -5, seq: '9223372036854775807', score: 0.5, roles: ['x'], open: 'true', q: 'text' };
    expect(parseListParams({ filter: JSON.stringify(filter) }, { filter: fields }).filter).toEqual(filter);
  });

  it.each<[string, unknown]>([
    ['email', true], ['email', ['x', 1]], ['email', 2147483648], ['email', { $ne: 'x' }], ['email', 'a\u0000b'], ['email', [['x']]],
    ['tenantId', 'acme'], ['done', 'yes'], ['from', '+275760-09-13T00:00:00Z'], ['from', '2024-02-30'], ['from', 1700000000000],
    ['count', 2147483648], ['count', 1.5], ['count', '12'], ['seq', '9223372036854775808'], ['seq', 2 ** 53], ['score', 'NaN'],
    ['roles', [1]], ['open', {}], ['open', 'x\u0000'], ['q', 1], ['q', '\u0000'],
  ])('refuses filter.%s = %j with 400 invalid_filter naming it', (key, value) => {
    const e = refusal({ filter: JSON.stringify({ [key]: value }) }, { filter: fields });
    expect(e).toMatchObject({ status: 400, code: 'invalid_filter', field: `filter.${key}` });
    expect(e.message).toContain(`"filter.${key}"`);
  });

  it('gives keys listed without a kind strings, numbers and booleans (and q a string); any key the same when none are listed', () => {
    expect(parseListParams({ filter: '{"status":1,"open":true,"q":"x"}' }, { filter: ['status', 'open', 'q'] }).filter).toEqual({ status: 1, open: true, q: 'x' });
    expect(refusal({ filter: '{"status":{}}' }, { filter: ['status'] })).toMatchObject({ code: 'invalid_filter', field: 'filter.status' });
    expect(refusal({ filter: '{"q":1}' }, { filter: ['q'] })).toMatchObject({ code: 'invalid_filter', field: 'filter.q' });
    expect(refusal({ filter: '{"anything":"\\u0000"}' })).toMatchObject({ code: 'invalid_filter', field: 'filter.anything' });
    expect(refusal({ filter: '{"status":[null,1,{}]}' })).toMatchObject({ code: 'invalid_filter', field: 'filter.status' });
  });

  it('refuses a range past the safe integers and a sort field holding NUL', () => {
    expect(refusal({ range: '[0,1e20]' })).toMatchObject({ code: 'validation_failed', field: 'range' });
    expect(refusal({ range: '[9007199254740992,9007199254740993]' })).toMatchObject({ field: 'range' });
    expect(refusal({ sort: '["a\\u0000","ASC"]' })).toMatchObject({ field: 'sort' });
  });
});

describe('listFilterValues', () => {
  it('merges plain query parameters with the filter JSON (filter wins), as text', () => {
    expect(listFilterValues({ meter: 'sms', bucket: 'day', sort: '["x","ASC"]', range: '[0,9]', filter: '{"bucket":"month","minPercent":50,"gone":null}' })).toEqual({
      meter: 'sms',
      bucket: 'month',
      minPercent: '50',
    });
    expect(listFilterValues(undefined)).toEqual({});
  });

  it('refuses a filter that is not a JSON object, naming it', () => {
    expect(() => listFilterValues({ filter: 'nope' })).toThrow(expect.objectContaining({ code: 'validation_failed', field: 'filter' }));
  });
});

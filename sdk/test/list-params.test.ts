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

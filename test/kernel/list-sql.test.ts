import { describe, expect, it } from 'vitest';
import { arrayRowReaderOf, buildListSql, toProperties, type ListColumns } from '../../core/src/crud/list-sql.ts';

const cols: ListColumns = {
  table: 'example_notes',
  columnOf: new Map([['id', 'id'], ['tenantId', 'tenant_id'], ['title', 'title'], ['done', 'done'], ['createdAt', 'created_at']]),
  propertyOf: new Map([['id', 'id'], ['tenant_id', 'tenantId'], ['title', 'title'], ['done', 'done'], ['created_at', 'createdAt']]),
};

describe('buildListSql', () => {
  it('always adds the tenant condition, ANDed with a client tenantId filter', () => {
    const { select, count } = buildListSql(cols, { tenantId: 'A', filter: { tenantId: 'B' }, searchFields: [], sort: null, limit: 25, offset: 0 });
    expect(select.text).toBe('SELECT * FROM "example_notes" WHERE "tenant_id" = $1 AND "tenant_id" = $2 ORDER BY "created_at" DESC, "id" DESC LIMIT 25 OFFSET 0');
    expect(select.params).toEqual(['B', 'A']);
    expect(count.text).toBe('SELECT count(*)::int AS n FROM "example_notes" WHERE "tenant_id" = $1 AND "tenant_id" = $2');
  });

  it('turns arrays into ANY, null into IS NULL, q into escaped ILIKE over the search fields', () => {
    const { select } = buildListSql(cols, { tenantId: null, filter: { id: ['x', 'y'], done: null, q: '50%_off' }, searchFields: ['title'], sort: { field: 'title', order: 'ASC' }, limit: 10, offset: 20 });
    expect(select.text).toBe('SELECT * FROM "example_notes" WHERE "id" = ANY($1) AND "done" IS NULL AND ("title"::text ILIKE $2) ORDER BY "title" ASC, "id" ASC LIMIT 10 OFFSET 20');
    expect(select.params).toEqual([['x', 'y'], '%50\\%\\_off%']);
  });

  it('filters an array column by overlap (any of the values; an empty list matches nothing), never by = ANY', () => {
    const tagged: ListColumns = { ...cols, columnOf: new Map([...cols.columnOf, ['tags', 'tags']]), arrayProperties: new Set(['tags']) };
    for (const [value, param] of [[['a', 'b'], ['a', 'b']], [[], []], ['a', ['a']]] as const) {
      const { select } = buildListSql(tagged, { tenantId: null, filter: { tags: value }, searchFields: [], sort: null, limit: 5, offset: 0 });
      expect(select.text).toBe('SELECT * FROM "example_notes" WHERE "tags" && $1 ORDER BY "created_at" DESC, "id" DESC LIMIT 5 OFFSET 0');
      expect(select.params).toEqual([param]);
    }
  });

  it('refuses a field that is not a column (the route checked it already)', () => {
    expect(() => buildListSql(cols, { tenantId: null, filter: { 'title; drop table x': 1 }, searchFields: [], sort: null, limit: 1, offset: 0 })).toThrow(/unknown field/);
  });

  it('maps column names back to property names', () => {
    expect(toProperties(cols, { tenant_id: 'A', created_at: 1, title: 't' })).toEqual({ tenantId: 'A', createdAt: 1, title: 't' });
  });

  it('reads array rows into the same objects as toProperties, keys in column order', () => {
    const columns = ['id', 'tenant_id', 'title', 'extra_column', 'created_at'];
    const values = ['1', 'A', 't', { nested: [1] }, '2026-01-01 00:00:00+00'];
    const asObject = Object.fromEntries(columns.map((c, i) => [c, values[i]]));
    const read = arrayRowReaderOf(cols, columns);
    expect(read(values)).toEqual(toProperties(cols, asObject));
    expect(Object.keys(read(values))).toEqual(['id', 'tenantId', 'title', 'extra_column', 'createdAt']);
    expect(JSON.stringify(read(values))).toBe(JSON.stringify(toProperties(cols, asObject)));
    expect(arrayRowReaderOf(cols, columns)).toBe(read); // compiled once per column list
  });

  it('takes odd column names as data, never as code', () => {
    const columns = ['a"b', "c'd\\", '}; throw 1; ({', '__proto__'];
    const row = arrayRowReaderOf(cols, columns)([1, 2, 3, 4]);
    expect(Object.keys(row)).toEqual(columns);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(row['}; throw 1; ({']).toBe(3);
  });
});

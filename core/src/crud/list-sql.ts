import type { EntityManager, EntityName } from '@mikro-orm/core';
import { filterKindsOf } from '../http/list-query.ts';

export interface ListColumns {
  table: string;
  /** property name → column name, for scalar properties. */
  columnOf: Map<string, string>;
  /** column name → property name. */
  propertyOf: Map<string, string>;
  /** Properties held in array columns (`text[]`): a filter on them matches rows that hold any of the values. */
  arrayProperties?: Set<string>;
  /** Compiled row readers by column list (`arrayRowReaderOf`). */
  readers?: Map<string, ArrayRowReader>;
}

/** Table and column names of an entity, from the ORM's metadata (read once per CRUD registration). */
export function listColumnsOf(em: EntityManager, entity: EntityName<any>): ListColumns {
  const meta = em.getMetadata().find(typeof entity === 'string' ? entity : (entity as any).meta?.className ?? (entity as any).name)!;
  const columnOf = new Map<string, string>();
  const arrayProperties = new Set<string>();
  for (const prop of Object.values(meta.properties)) {
    if (prop.fieldNames?.length === 1 && (prop.kind === 'scalar' || (prop as any).reference === 'scalar')) columnOf.set(prop.name, prop.fieldNames[0]);
    if (filterKindsOf(em, entity)[prop.name] === 'string[]') arrayProperties.add(prop.name);
  }
  return { table: meta.tableName, columnOf, propertyOf: new Map([...columnOf].map(([p, c]) => [c, p])), arrayProperties };
}

const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`;

export interface ListSqlInput {
  tenantId: string | null;
  filter: Record<string, unknown>;
  searchFields: string[];
  sort: { field: string; order: 'ASC' | 'DESC' } | null;
  limit: number;
  offset: number;
}

/**
 * Parameterised SELECT and COUNT for a react-admin list. Field names were already checked against the
 * allowed list, and every value is a parameter; the tenant condition is always added (ANDed with any
 * `tenantId` filter the client sent, never replacing it).
 */
export function buildListSql(cols: ListColumns, input: ListSqlInput): { select: { text: string; params: unknown[] }; count: { text: string; params: unknown[] } } {
  const params: unknown[] = [];
  const conditions: string[] = [];
  const column = (field: string) => {
    const c = cols.columnOf.get(field);
    if (!c) throw new Error(`unknown field ${field}`);
    return quote(c);
  };
  for (const [key, value] of Object.entries(input.filter)) {
    if (value === undefined) continue;
    if (key === 'q') {
      if (typeof value !== 'string' || value === '' || !input.searchFields.length) continue;
      params.push(`%${value.replace(/[\\%_]/g, (c) => '\\' + c)}%`);
      conditions.push(`(${input.searchFields.map((f) => `${column(f)}::text ILIKE $${params.length}`).join(' OR ')})`);
    } else if (cols.arrayProperties?.has(key)) {
      // An array column holds any of the values (overlap); overlapping an empty list matches nothing.
      params.push(Array.isArray(value) ? value : [value]);
      conditions.push(`${column(key)} && $${params.length}`);
    } else if (Array.isArray(value)) {
      params.push(value);
      conditions.push(`${column(key)} = ANY($${params.length})`);
    } else if (value === null) {
      conditions.push(`${column(key)} IS NULL`);
    } else {
      params.push(value);
      conditions.push(`${column(key)} = $${params.length}`);
    }
  }
  if (input.tenantId) {
    params.push(input.tenantId);
    conditions.push(`${column('tenantId')} = $${params.length}`);
  }
  const where = conditions.length ? ` WHERE ${conditions.join(' AND ')}` : '';
  const sort = input.sort ?? { field: 'createdAt', order: 'DESC' as const };
  const order = ` ORDER BY ${column(sort.field)} ${sort.order === 'DESC' ? 'DESC' : 'ASC'}${sort.field === 'id' ? '' : `, ${column('id')} ${sort.order === 'DESC' ? 'DESC' : 'ASC'}`}`;
  const countParams = [...params];
  return {
    select: { text: `SELECT * FROM ${quote(cols.table)}${where}${order} LIMIT ${Math.trunc(input.limit)} OFFSET ${Math.trunc(input.offset)}`, params },
    count: { text: `SELECT count(*)::int AS n FROM ${quote(cols.table)}${where}`, params: countParams },
  };
}

/** Rows come back with column names; the API speaks property names. */
export function toProperties(cols: ListColumns, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[cols.propertyOf.get(k) ?? k] = v;
  return out;
}

/** Turns a row read as an array (node-postgres `rowMode: 'array'`) into an object keyed by property name. */
export type ArrayRowReader = (values: unknown[]) => Record<string, unknown>;

/**
 * The reader of rows with these columns, in this order: what `toProperties` makes of the same row read as
 * an object (same keys, same order; a later column of the same name wins), but as one object literal of a
 * fixed shape, compiled once per column list. Lists read many rows of few shapes; this spares the object
 * node-postgres would build per row and the per-key lookups, and gives `JSON.stringify` one hidden class.
 */
export function arrayRowReaderOf(cols: ListColumns, columns: readonly string[]): ArrayRowReader {
  const key = columns.join('\u0000');
  let reader = cols.readers?.get(key);
  if (reader) return reader;
  const last = new Map<string, number>();
  columns.forEach((c, i) => last.set(cols.propertyOf.get(c) ?? c, i));
  // Property names are written as JSON string literals (valid JavaScript; `__proto__` as a computed key, an own
  // property rather than the prototype); values are read by index.
  const entry = (name: string, i: number) => `${name === '__proto__' ? `[${JSON.stringify(name)}]` : JSON.stringify(name)}: v[${i}]`;
  const body = `return {${[...last].map(([name, i]) => entry(name, i)).join(', ')}};`;
  reader = new Function('v', body) as ArrayRowReader;
  cols.readers ??= new Map();
  if (cols.readers.size >= 64) cols.readers.clear();
  cols.readers.set(key, reader);
  return reader;
}

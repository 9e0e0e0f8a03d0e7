import type { EntityManager } from '@mikro-orm/core';
import type { RowScope } from '../db/row-scope.ts';
import { queryPrepared, withScopedConnection } from '../db/orm.ts';
import { arrayRowReaderOf, toProperties, type ListColumns } from './list-sql.ts';

/**
 * A CRUD list's page rows and total, read as plain rows (no entity hydration, no identity map, no entity
 * manager fork) on pool connections under the request's row scope: row-level security still applies to
 * every row, exactly as through the request's entity manager. The page comes back as arrays turned into
 * objects keyed by property name by a reader compiled once per column list; the count is read as is.
 * `em` only names the pool (the ORM's root entity manager).
 */
export async function readListPage(em: EntityManager, scope: RowScope, cols: ListColumns, select: { text: string; params: unknown[] }): Promise<Record<string, unknown>[]> {
  const res = await withScopedConnection(em, scope, (conn) => queryPrepared(conn, select.text, select.params, 'array'));
  if (res.rowMode === 'object') return res.rows.map((row) => toProperties(cols, row));
  const read = arrayRowReaderOf(cols, res.fields!.map((f) => f.name));
  const rows = new Array<Record<string, unknown>>(res.rows.length);
  for (let i = 0; i < rows.length; i++) rows[i] = read(res.rows[i]);
  return rows;
}

/** The number of rows a list's filter matches, under the same row scope. */
export async function readListTotal(em: EntityManager, scope: RowScope, count: { text: string; params: unknown[] }): Promise<number> {
  const res = await withScopedConnection(em, scope, (conn) => queryPrepared(conn, count.text, count.params));
  return Number(res.rows[0].n);
}

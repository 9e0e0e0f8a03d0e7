import { MikroORM, type EntityManager, type EntitySchema } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import type { PGlite } from '@electric-sql/pglite';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { isDatabaseUnavailableError } from './database-unavailable-error.ts';
import { isServerClient, onScopedConnection, rowScopeOf, type RowScope } from './row-scope.ts';

export interface OrmHandle {
  orm: MikroORM;
  embedded: boolean;
  pglite: PGlite | null;
  close(): Promise<void>;
}

/** Where the driver's own messages go (knex's "Connection Error: ...", MikroORM's warnings), instead of console.log. */
export interface DriverLog {
  warn(message: string): void;
  debug(message: string): void;
}

export async function initOrm(opts: { databaseUrl: string | null; dataDir: string; entities: EntitySchema<any, any>[]; debug?: boolean; log?: DriverLog }): Promise<OrmHandle> {
  const log = opts.log;
  const common = {
    entities: opts.entities,
    ...(log ? { logger: (message: string) => log.warn(message) } : {}),
    discovery: { warnWhenNoEntities: false },
    allowGlobalContext: false,
    debug: opts.debug ?? false,
    forceUtcTimezone: true,
    // EntitySchema-only entities; no decorators, no reflection.
  };
  if (opts.databaseUrl) {
    const orm = await MikroORM.init({
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: opts.databaseUrl,
      pool: { min: 0, max: 10 },
      // knex writes pool and connection trouble with console.log unless given a logger: that would put
      // plain text lines into a JSON log stream.
      ...(log ? { driverOptions: { log: { warn: (m: unknown) => log.warn(String(m)), error: (m: unknown) => log.warn(String(m)), deprecate: (m: unknown) => log.debug(String(m)), debug: (m: unknown) => log.debug(String(m)) } } } : {}),
    } as any);
    return { orm, embedded: false, pglite: null, close: () => orm.close(true) };
  }
  // Loaded only for the embedded database: PGlite and its WebAssembly build add about 40 MB to every process that
  // imports them, which a server deployment never uses.
  const [{ PGlite }, { PGliteDriver }] = await Promise.all([import('@electric-sql/pglite'), import('mikro-orm-pglite')]);
  const dir = join(opts.dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  const pglite = new PGlite(dir);
  await pglite.waitReady;
  const orm = await MikroORM.init({
    ...common,
    driver: PGliteDriver,
    dbName: 'postgres',
    driverOptions: { connection: { pglite: () => pglite } },
  } as any);
  return {
    orm,
    embedded: true,
    pglite,
    async close() {
      await orm.close(true);
      await pglite.close();
    },
  };
}

interface RawConnection {
  query(text: string, params?: unknown[]): Promise<{ rows: any[] }>;
  exec?(text: string): Promise<Array<{ rows: any[] }>>;
}

/**
 * A connection the server ended (pg_terminate_backend, a restart) is released before node-postgres
 * notices its socket closed, and the next borrower would get "Connection terminated unexpectedly".
 * knex's own mark for a dead connection makes the pool throw it away instead.
 */
function disposeIfDead(conn: unknown, err: unknown): void {
  if (isDatabaseUnavailableError(err) && conn && typeof conn === 'object') (conn as { __knex__disposed?: unknown }).__knex__disposed ??= err;
}

function knexOf(em: EntityManager): any {
  const trx = em.getTransactionContext();
  if (trx) return trx;
  return (em.getConnection() as any).getKnex();
}

/**
 * Borrow the ORM's own connection (inside `em`'s transaction when it has one). On the embedded
 * database this is the single PGlite session, so nothing runs inside somebody else's transaction.
 * An entity manager under row-level security (a request's) outside a transaction gets a connection
 * under the app role and its scope.
 */
export async function withRawConnection<T>(em: EntityManager, fn: (conn: RawConnection) => Promise<T>): Promise<T> {
  const knex = knexOf(em);
  const client = knex.client;
  const scope = em.getTransactionContext() ? null : rowScopeOf(em);
  if (scope) return onScopedConnection(client, scope, fn);
  const conn: RawConnection = await client.acquireConnection();
  try {
    return await fn(conn);
  } catch (err) {
    disposeIfDead(conn, err);
    throw err;
  } finally {
    await client.releaseConnection(conn);
  }
}

/** Parameterised SQL with `$1` placeholders. */
export async function runSql<T = Record<string, unknown>>(em: EntityManager, text: string, params: unknown[] = [], opts: { prepare?: boolean } = {}): Promise<T[]> {
  return withRawConnection(em, async (conn) => {
    // Hot, repeated statements (CRUD lists) are prepared once per server connection: PostgreSQL then
    // skips parsing and planning. PGlite has no named statements, so it runs them as they are.
    const res = opts.prepare && isServerClient(conn)
      ? await (conn as any).query({ name: statementName(text), text, values: params })
      : await conn.query(text, params as any[]);
    return (res?.rows ?? []) as T[];
  });
}

/**
 * Runs `fn` on a connection of `em`'s pool under the app role and `scope` (row-level security), without an
 * entity manager for it: for reads that need nothing but a connection (CRUD list pages), where forking one
 * per request is wasted work. `em` only names the pool (the ORM's root entity manager will do).
 */
export function withScopedConnection<T>(em: EntityManager, scope: RowScope, fn: (conn: RawConnection) => Promise<T>): Promise<T> {
  return onScopedConnection((em.getConnection() as any).getKnex().client, scope, fn);
}

/**
 * A statement run on a server connection as a named prepared statement (parsed and planned once per
 * connection), with its rows as arrays when `rowMode` is `'array'`; PGlite, which has no named statements,
 * runs it as it is and answers rows as objects. Answers node-postgres's result (`rows`, `fields`).
 */
export async function queryPrepared(conn: RawConnection, text: string, params: unknown[], rowMode?: 'array'): Promise<{ rows: any[]; fields?: Array<{ name: string }>; rowMode: 'array' | 'object' }> {
  if (isServerClient(conn)) {
    const res = await (conn as any).query({ name: statementName(text), text, values: params, ...(rowMode ? { rowMode } : {}) });
    return { rows: res?.rows ?? [], fields: res?.fields, rowMode: rowMode ?? 'object' };
  }
  const res = await conn.query(text, params as any[]);
  return { rows: res?.rows ?? [], rowMode: 'object' };
}

const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    if (statementNames.size > 5000) statementNames.clear();
    name = 's_' + createHash('sha1').update(text).digest('hex').slice(0, 20);
    statementNames.set(text, name);
  }
  return name;
}

/** A script of several statements, no parameters (migrations). */
export async function runScript(em: EntityManager, text: string): Promise<void> {
  await withRawConnection(em, async (conn) => {
    if (typeof conn.exec === 'function') await conn.exec(text);
    else await conn.query(text);
  });
}

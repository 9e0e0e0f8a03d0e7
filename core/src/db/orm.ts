import { MikroORM, type EntityManager, type EntitySchema } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDriver } from 'mikro-orm-pglite';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface OrmHandle {
  orm: MikroORM;
  embedded: boolean;
  pglite: PGlite | null;
  close(): Promise<void>;
}

export async function initOrm(opts: { databaseUrl: string | null; dataDir: string; entities: EntitySchema<any, any>[]; debug?: boolean }): Promise<OrmHandle> {
  const common = {
    entities: opts.entities,
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
    } as any);
    return { orm, embedded: false, pglite: null, close: () => orm.close(true) };
  }
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

function knexOf(em: EntityManager): any {
  const trx = em.getTransactionContext();
  if (trx) return trx;
  return (em.getConnection() as any).getKnex();
}

/**
 * Borrow the ORM's own connection (inside `em`'s transaction when it has one). On the embedded
 * database this is the single PGlite session, so nothing runs inside somebody else's transaction.
 */
export async function withRawConnection<T>(em: EntityManager, fn: (conn: RawConnection) => Promise<T>): Promise<T> {
  const knex = knexOf(em);
  const client = knex.client;
  const conn: RawConnection = await client.acquireConnection();
  try {
    return await fn(conn);
  } finally {
    await client.releaseConnection(conn);
  }
}

/** Parameterised SQL with `$1` placeholders. */
export async function runSql<T = Record<string, unknown>>(em: EntityManager, text: string, params: unknown[] = []): Promise<T[]> {
  return withRawConnection(em, async (conn) => {
    const res = await conn.query(text, params as any[]);
    return (res?.rows ?? []) as T[];
  });
}

/** A script of several statements, no parameters (migrations). */
export async function runScript(em: EntityManager, text: string): Promise<void> {
  await withRawConnection(em, async (conn) => {
    if (typeof conn.exec === 'function') await conn.exec(text);
    else await conn.query(text);
  });
}

import type { MikroORM } from '@mikro-orm/core';
import { createRequire } from 'node:module';
import { withRawConnection } from '../db/orm.ts';

/**
 * pg-boss 10's `Worker.onFetch` calls `Manager.complete` / `Manager.fail` without awaiting them, so when
 * the database is gone at that moment their rejection is unhandled, and Node ends the process. These are
 * those two statements, exactly as pg-boss builds them for its default schema.
 */
const plans = createRequire(import.meta.url)('pg-boss/src/plans.js') as { completeJobs(schema: string): string; failJobsById(schema: string): string };
export const UNAWAITED_STATEMENTS: ReadonlyMap<string, 'complete' | 'fail'> = new Map([
  [plans.completeJobs('pgboss'), 'complete'],
  [plans.failJobsById('pgboss'), 'fail'],
]);

/**
 * The `db` object pg-boss accepts instead of opening its own pool: every statement borrows the
 * ORM's connection (`withRawConnection` on a fresh fork, so never inside someone else's
 * transaction). On the embedded database that is the single PGlite session, which pg-boss then
 * shares safely with everything else; on a server it is the ORM's pool.
 *
 * pg-boss sends two kinds of text: parameterised single statements, and parameterless scripts of
 * several statements (`BEGIN; SET LOCAL ...; SELECT pg_advisory_xact_lock(...); ...; COMMIT;` for
 * installing/migrating its schema). PGlite's `query()` uses the extended protocol and refuses
 * several statements, so parameterless text goes through `exec()` there. When a script fails half
 * way we send ROLLBACK, so the shared connection never goes back to the pool inside an aborted
 * transaction.
 */
export interface PgBossOrmDb {
  /** Resolves with undefined once closed, like pg-boss's own Db before it is opened. */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: any[] } | undefined>;
  /** Waits for statements in flight. */
  settle(): Promise<void>;
  /**
   * After `close()` statements are not sent any more and resolve with undefined, which pg-boss
   * tolerates where it may still call in while winding down (worker fetch, the un-awaited
   * complete/fail after a handler returns).
   */
  close(): Promise<void>;
  readonly inFlight: number;
}

export interface PgBossOrmDbOptions {
  /**
   * A statement pg-boss does not await (`complete`/`fail` of a fetched job) failed: it is reported here and
   * resolves with undefined instead of rejecting. The job stays `active` until pg-boss expires it.
   */
  onUnawaitedFailure?(err: unknown, statement: 'complete' | 'fail'): void;
}

export function createPgBossOrmDb(orm: MikroORM, opts: PgBossOrmDbOptions = {}): PgBossOrmDb {
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;

  const execute = (text: string, values?: unknown[]) =>
    withRawConnection(orm.em.fork(), async (conn) => {
      const isScript = !values || values.length === 0;
      try {
        if (isScript && typeof conn.exec === 'function') {
          const results = await conn.exec(text);
          return results[results.length - 1] ?? { rows: [] };
        }
        const result: any = await conn.query(text, values as any[]);
        // node-postgres answers a multi-statement text with one result per statement.
        return Array.isArray(result) ? (result[result.length - 1] ?? { rows: [] }) : result;
      } catch (err) {
        if (isScript && /\bBEGIN\b/i.test(text)) await conn.query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    });

  const settle = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };

  return {
    async executeSql(text, values) {
      if (closed) return undefined;
      const work = execute(text, values);
      inFlight.add(work);
      try {
        return await work;
      } catch (err) {
        const unawaited = UNAWAITED_STATEMENTS.get(text);
        if (!unawaited) throw err;
        opts.onUnawaitedFailure?.(err, unawaited);
        return undefined;
      } finally {
        inFlight.delete(work);
      }
    },
    settle,
    async close() {
      await settle();
      closed = true;
    },
    get inFlight() {
      return inFlight.size;
    },
  };
}

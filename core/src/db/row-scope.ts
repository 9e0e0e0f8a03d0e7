import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { BoundedMap } from '@platform/sdk';
import { isDatabaseUnavailableError } from './database-unavailable-error.ts';

/** The role request work runs under (migration 0004 creates it): NOLOGIN, owns nothing, no BYPASSRLS. */
export const APP_ROLE = 'platform_app';

/**
 * Whose rows a transaction may see and write under row-level security: one tenant's, the platform-level
 * rows only (`tenant_id` NULL: a request with no tenant), or every tenant's (staff's explicit cross-tenant work).
 */
export type RowScope = { tenantId: string } | 'platform' | 'all';

const ROW_SCOPE = Symbol('rowScope');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A short name of the scope, for cache keys: the tenant id, `platform` or `all`. */
export function rowScopeKey(scope: RowScope): string {
  return typeof scope === 'string' ? scope : scope.tenantId;
}

function settingsOf(scope: RowScope): [tenantId: string, allTenants: 'on' | 'off'] {
  if (scope === 'all') return ['', 'on'];
  if (scope === 'platform') return ['', 'off'];
  if (!UUID.test(scope.tenantId)) throw new Error(`row scope: "${scope.tenantId}" is not a tenant id`);
  return [scope.tenantId.toLowerCase(), 'off'];
}

/**
 * The statement that puts the current transaction under the app role and the scope. Transaction-local
 * (`set_config(..., true)` is `SET LOCAL`): it ends with the transaction, so a pooled connection (or
 * PGlite's single session) never carries it over to other work.
 */
function scopeStatement(scope: RowScope): { text: string; bindings: string[] } {
  return {
    text: `SELECT set_config('role', '${APP_ROLE}', true), set_config('app.tenant_id', ?, true), set_config('app.all_tenants', ?, true)`,
    bindings: settingsOf(scope),
  };
}

/** `BEGIN` and the scope as one simple-protocol script (one round trip; the values are checked above). */
function beginScopedScript(scope: RowScope): string {
  const [tenantId, all] = settingsOf(scope);
  return `BEGIN; SELECT set_config('role', '${APP_ROLE}', true), set_config('app.tenant_id', '${tenantId}', true), set_config('app.all_tenants', '${all}', true)`;
}

const SESSION_SCOPE = `SELECT set_config('role', '${APP_ROLE}', false), set_config('app.tenant_id', $1, false), set_config('app.all_tenants', $2, false)`;
const SESSION_RESET = 'RESET ROLE; RESET app.tenant_id; RESET app.all_tenants';

/** The row scope `em` runs its queries under, or null for the owner (system work, migrations). */
export function rowScopeOf(em: EntityManager): RowScope | null {
  return ((em.getConnection() as any)[ROW_SCOPE] as RowScope | undefined) ?? null;
}

interface RawClient {
  query(text: string, params?: unknown[]): Promise<unknown>;
  exec?(text: string): Promise<unknown>;
}

interface PoolClient {
  acquireConnection(): Promise<any>;
  releaseConnection(conn: any): unknown;
}

/** A connection of a PostgreSQL server (node-postgres), as opposed to PGlite's single session. */
export function isServerClient(conn: unknown): boolean {
  return !!conn && typeof conn === 'object' && 'connectionParameters' in conn;
}

/**
 * Server connections whose session still carries a scope (the key of the scope, or `?` while it is being
 * set). Keeping the scope on the session spares the two round trips of a transaction per query; the
 * guarded pool (below) resets it before anything else gets the connection.
 */
const sessionScopes = new WeakMap<object, string>();
const GUARDED = Symbol('rowScopeGuard');

/**
 * Replaces the pool's `acquireConnection` (the one way knex, MikroORM and `runSql` take a connection) with
 * one that resets a connection still carrying a request's scope before handing it out, so system work
 * always runs as the owner. Returns the unguarded acquire, for scoped work that sets its own scope.
 */
function guardPool(client: PoolClient): () => Promise<any> {
  const guarded = (client as any)[GUARDED] as (() => Promise<any>) | undefined;
  if (guarded) return guarded;
  const acquire = client.acquireConnection.bind(client);
  client.acquireConnection = async () => {
    const conn = await acquire();
    if (sessionScopes.has(conn)) {
      try {
        await conn.query(SESSION_RESET);
      } catch (err) {
        if (isDatabaseUnavailableError(err)) conn.__knex__disposed ??= err;
        client.releaseConnection(conn);
        throw err;
      }
      sessionScopes.delete(conn);
    }
    return conn;
  };
  (client as any)[GUARDED] = acquire;
  return acquire;
}

/**
 * Runs `fn` on a connection of the pool under the app role and `scope`: on a server connection the scope
 * is set on the session (once per connection and scope: free when the connection already carries it), on
 * PGlite's single session in a short transaction of its own (`SET LOCAL`), which nothing else can see.
 */
export async function onScopedConnection<T>(
  client: PoolClient,
  scope: RowScope,
  fn: (conn: any) => Promise<T>,
): Promise<T> {
  const acquire = guardPool(client);
  const conn = await acquire();
  try {
    if (!isServerClient(conn)) return await inScopedTransaction(conn, scope, () => fn(conn));
    const key = rowScopeKey(scope);
    if (sessionScopes.get(conn) !== key) {
      sessionScopes.set(conn, '?');
      await conn.query(SESSION_SCOPE, settingsOf(scope));
      sessionScopes.set(conn, key);
    }
    return await fn(conn);
  } catch (err) {
    // A connection the server ended goes back to the pool marked dead (knex's mark), not to the next borrower.
    if (isDatabaseUnavailableError(err) && conn && typeof conn === 'object') conn.__knex__disposed ??= err;
    throw err;
  } finally {
    client.releaseConnection(conn);
  }
}

/** Runs `fn` inside a short transaction under the app role and `scope`, on `conn`. */
async function inScopedTransaction<T>(conn: RawClient, scope: RowScope, fn: () => Promise<T>): Promise<T> {
  const begin = beginScopedScript(scope);
  if (typeof conn.exec === 'function') await conn.exec(begin);
  else await conn.query(begin);
  let result: T;
  try {
    result = await fn();
  } catch (err) {
    await conn.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
  await conn.query('COMMIT');
  return result;
}

/**
 * A MikroORM connection whose every transaction starts under the app role and `scope` (`SET LOCAL`), and
 * whose every query outside a transaction runs on a scoped connection (`onScopedConnection`). It shares
 * the ORM's pool (on the embedded database, its one PGlite session).
 */
function scopedConnection(base: any, scope: RowScope): any {
  const statement = scopeStatement(scope);
  const conn = Object.create(base);
  conn[ROW_SCOPE] = scope;
  conn.begin = async function begin(options: { ctx?: unknown } = {}) {
    const trx = await base.begin.call(this, options);
    // A nested transaction (a savepoint) inherits the scope set at the top.
    if (!options.ctx) await trx.raw(statement.text, statement.bindings);
    return trx;
  };
  conn.execute = function execute(query: unknown, params: unknown[] = [], method?: string, ctx?: unknown, loggerContext?: unknown) {
    if (ctx) return base.execute.call(this, query, params, method, ctx, loggerContext);
    const knex = this.getKnex();
    return onScopedConnection(knex.client, scope, (raw) => {
      // MikroORM's own execute, with its `getKnex().raw(sql)` bound to the scoped connection.
      const onRaw = { raw: (sql: string) => knex.raw(sql).connection(raw) };
      return base.execute.call(Object.create(this, { getKnex: { value: () => onRaw } }), query, params, method, undefined, loggerContext);
    });
  };
  return conn;
}

/**
 * Entity managers whose queries run under row-level security. Each scope gets a driver of its own that
 * differs from the ORM's only in its connection (see `scopedConnection`); forks of an entity manager
 * keep its driver, so `em.fork()`, `em.transactional()` and flushes all stay in the scope.
 */
export class RowScopedEntityManagers {
  private readonly roots = new BoundedMap<string, EntityManager>(1000);

  constructor(private readonly orm: MikroORM) {}

  /** A fresh entity manager (its own identity map) running under `scope`. */
  fork(scope: RowScope): EntityManager {
    const key = rowScopeKey(scope);
    let root = this.roots.get(key);
    if (!root) {
      root = this.createRoot(scope);
      this.roots.set(key, root);
    }
    return root.fork();
  }

  private createRoot(scope: RowScope): EntityManager {
    const base = this.orm.em as any;
    const driver = Object.create(base.getDriver());
    driver.connection = scopedConnection(base.getDriver().getConnection('write'), scope);
    const config = this.orm.config;
    const allowGlobalContext = config.get('allowGlobalContext');
    config.set('allowGlobalContext', true);
    try {
      return new base.constructor(config, driver, this.orm.getMetadata(), false, base.getEventManager()) as EntityManager;
    } finally {
      config.set('allowGlobalContext', allowGlobalContext);
    }
  }
}

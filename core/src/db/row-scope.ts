import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { BoundedMap } from '@platform/sdk';

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

/** The row scope `em` runs its queries under, or null for the owner (system work, migrations). */
export function rowScopeOf(em: EntityManager): RowScope | null {
  return ((em.getConnection() as any)[ROW_SCOPE] as RowScope | undefined) ?? null;
}

interface RawClient {
  query(text: string, params?: unknown[]): Promise<unknown>;
  exec?(text: string): Promise<unknown>;
}

/**
 * Runs `fn` on a raw connection inside a short transaction under the app role and `scope` (raw SQL of a
 * scoped entity manager outside a transaction: the CRUD lists, `ctx.db.sql(text, params, req.ctx.em)`).
 */
export async function inScopedTransaction<T>(conn: RawClient, scope: RowScope, fn: () => Promise<T>): Promise<T> {
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
 * A MikroORM connection whose every transaction starts under the app role and `scope`, and whose every
 * query outside a transaction runs in a short transaction of its own that does the same. It shares the
 * ORM's pool (on the embedded database, its one PGlite session): nothing session-wide is ever set, so
 * system work on the same connections keeps running as the owner.
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
    return this.transactional((trx: unknown) => base.execute.call(this, query, params, method, trx, loggerContext));
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

import type { EntityManager } from '@mikro-orm/core';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScript, runSql } from './orm.ts';
import { installRowLevelSecurity } from './row-level-security.ts';

export interface MigrationSource {
  /** `kernel` or the plugin name. */
  owner: string;
  dir: string;
}

export interface MigrationFile {
  owner: string;
  name: string;
  sql: string;
}

const MIGRATION_LOCK = 7_401_337;

export function readMigrations(source: MigrationSource): MigrationFile[] {
  if (!existsSync(source.dir)) return [];
  return readdirSync(source.dir)
    .filter((f) => /^\d{4,}_[\w.-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ owner: source.owner, name: f.replace(/\.sql$/, ''), sql: readFileSync(join(source.dir, f), 'utf8') }));
}

/**
 * Applies pending migrations of every source, in the given (dependency) order, in one transaction
 * under an advisory lock, so two instances starting together do not race; then puts every table with a
 * `tenant_id` column under row-level security.
 */
export async function applyMigrations(em: EntityManager, sources: MigrationSource[]): Promise<MigrationFile[]> {
  const applied: MigrationFile[] = [];
  await em.transactional(async (tem) => {
    await runSql(tem, 'SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await runScript(
      tem,
      `CREATE TABLE IF NOT EXISTS kernel_migrations (owner text NOT NULL, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (owner, name))`,
    );
    const done = new Set((await runSql<{ owner: string; name: string }>(tem, 'SELECT owner, name FROM kernel_migrations')).map((r) => `${r.owner}/${r.name}`));
    for (const source of sources) {
      for (const m of readMigrations(source)) {
        if (done.has(`${m.owner}/${m.name}`)) continue;
        try {
          await runScript(tem, m.sql);
        } catch (err) {
          throw new Error(`migration ${m.owner}/${m.name} failed: ${(err as Error).message}`);
        }
        await runSql(tem, 'INSERT INTO kernel_migrations (owner, name) VALUES ($1, $2)', [m.owner, m.name]);
        applied.push(m);
      }
    }
    // Tables a plugin created just now get their grants and tenant policy before anything uses them.
    await installRowLevelSecurity(tem);
  });
  return applied;
}

export async function listAppliedMigrations(em: EntityManager): Promise<{ owner: string; name: string; applied_at: Date }[]> {
  return runSql(em, 'SELECT owner, name, applied_at FROM kernel_migrations ORDER BY applied_at, owner, name');
}

/**
 * Counts the migrations of `sources` the database has not applied (read from disk once, here): `/readyz`
 * is not ready while one is pending, e.g. an instance of a newer version has files this database lacks.
 */
export function pendingMigrationCounter(sources: MigrationSource[]): (em: EntityManager) => Promise<number> {
  const expected = sources.flatMap((s) => readMigrations(s).map((m) => `${m.owner}/${m.name}`));
  return async (em) => {
    const done = new Set((await runSql<{ id: string }>(em, `SELECT owner || '/' || name AS id FROM kernel_migrations`)).map((r) => r.id));
    return expected.filter((id) => !done.has(id)).length;
  };
}

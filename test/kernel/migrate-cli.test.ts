import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { PluginManifest } from '@platform/sdk';
import { createTestDatabase } from '@platform/sdk/testing';
import { KERNEL_VERSION, migrationSources, orderPlugins } from '@platform/core';
import { importPlugins, readPluginList } from '../../core/src/plugins/plugin-list.ts';
import { readMigrations } from '../../core/src/db/migrations.ts';
import { rawPgClient, type RawPgClient } from './support/http.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** `pnpm migrate` (root package.json): `node --import tsx core/src/cli.ts migrate`, from the project root. */
async function migrate(databaseUrl: string, dataDir: string): Promise<string[]> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, PLATFORM_DATA_DIR: dataDir, PLATFORM_SECRET_KEY: randomBytes(32).toString('hex'), LOG_LEVEL: 'error' };
  delete env.PLATFORM_CONFIG;
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'core/src/cli.ts', 'migrate'], { cwd: root, env, timeout: 90_000 });
  return stdout.trim().split('\n');
}

describe('migrate (CLI)', { timeout: 120_000 }, () => {
  let db: { url: string; drop(): Promise<void> };
  let pg: RawPgClient;
  let dataDir: string;
  let manifests: PluginManifest[];
  let printed: string[];
  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'migrate-cli-'));
    manifests = await importPlugins(readPluginList(join(root, 'platform.config.json')), root);
    printed = await migrate(db.url, dataDir);
    pg = await rawPgClient(db.url);
  }, 120_000);
  afterAll(async () => {
    await pg?.end();
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("applies the kernel's and every configured plugin's migrations on a fresh database and records them", async () => {
    const expected = migrationSources(orderPlugins(manifests, KERNEL_VERSION)).flatMap((s) => readMigrations(s).map((m) => `${m.owner}/${m.name}`));
    expect(new Set(expected.map((m) => m.split('/')[0])).size).toBeGreaterThan(5);
    expect(printed).toEqual(expected.map((m) => `applied ${m}`));

    // Recorded in kernel_migrations, in the order they ran (one transaction, so rows lie in insertion order).
    const { rows } = await pg.query<{ owner: string; name: string }>('SELECT owner, name FROM kernel_migrations ORDER BY ctid');
    expect(rows.map((r) => `${r.owner}/${r.name}`)).toEqual(expected);
    const owners = new Set(rows.map((r) => r.owner));
    expect(owners.has('kernel')).toBe(true);
    for (const p of manifests.filter((m) => m.migrations && readMigrations({ owner: m.name, dir: m.migrations }).length)) expect(owners.has(p.name), p.name).toBe(true);
    // And their tables exist.
    const { rows: tables } = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename IN ('tenants', 'users', 'audit')`);
    expect(tables[0].n).toBe(3);
  });

  it('runs the kernel first and every plugin after the plugins it depends on', () => {
    const owners = printed.map((l) => l.replace(/^applied /, '').split('/')[0]);
    const first = (owner: string) => owners.indexOf(owner);
    const last = (owner: string) => owners.lastIndexOf(owner);
    expect(owners[0]).toBe('kernel');
    expect(first('kernel')).toBe(0);
    expect(last('kernel')).toBeLessThan(owners.findIndex((o) => o !== 'kernel'));
    let edges = 0;
    for (const p of manifests) {
      if (first(p.name) < 0) continue;
      for (const dep of p.dependsOn ?? []) {
        if (first(dep) < 0) continue;
        expect(last(dep), `${dep} before ${p.name}`).toBeLessThan(first(p.name));
        edges++;
      }
      // Each plugin's own migrations run together, in file order.
      const own = printed.filter((l) => l.startsWith(`applied ${p.name}/`));
      expect(own).toEqual([...own].sort());
      expect(last(p.name) - first(p.name) + 1).toBe(own.length);
    }
    expect(edges).toBeGreaterThan(0);
  });

  it('applies nothing the second time', async () => {
    expect(await migrate(db.url, dataDir)).toEqual(['Nothing to apply: the database is up to date.']);
  });
});

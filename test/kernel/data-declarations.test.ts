import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { definePlugin, type PluginManifest } from '@platform/sdk';
import { DATA_DECLARATIONS, type DataDeclarationRegistry } from '@platform/sdk/data-protection';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { importPlugins, readPluginList } from '../../core/src/plugins/plugin-list.ts';
import { checkDataDeclarations } from '../../core/src/data-protection/declaration-schema-check.ts';
import { createDataDeclarationRegistry } from '../../core/src/data-protection/data-declaration-registry.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** What the check says about a kernel: every loaded declaration against its database and every loaded entity. */
async function problemsOf(t: TestKernel): Promise<string[]> {
  const registry = t.kernel.services.dataDeclarations;
  return checkDataDeclarations(
    t.kernel.orm.em.fork(),
    registry.list(),
    t.kernel.plugins.flatMap((p) => (p.entities ?? []).map((schema) => ({ plugin: p.name, schema }))),
  );
}

describe('data declarations of every configured plugin and the kernel', () => {
  let t: TestKernel;
  beforeAll(async () => {
    t = await createTestKernel({ plugins: await importPlugins(readPluginList(join(root, 'platform.config.json')), root) });
  }, 120_000);
  afterAll(async () => t?.close());

  it('every table with a tenant column is declared, and every declared table and column exists', async () => {
    expect(await problemsOf(t)).toEqual([]);
  });

  it('the schema walk finds the tenant-scoped tables (the check is not vacuous)', async () => {
    const rows = await t.sql<{ table: string }>(
      `SELECT DISTINCT c.relname AS table FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
       WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
    );
    const tables = rows.map((r) => r.table);
    for (const kernelTable of ['users', 'api_keys', 'nav_overrides', 'audit']) expect(tables).toContain(kernelTable);
    expect(tables.length).toBeGreaterThan(30);
    const registry = t.kernel.services.dataDeclarations;
    for (const table of tables) expect(registry.forTable(table), table).toBeDefined();
  });

  it('the kernel declares its own tables, users and audit with personal fields', () => {
    const registry = t.kernel.services.dataDeclarations;
    expect(registry.forPlugin('kernel').map((d) => d.table)).toEqual(expect.arrayContaining(['tenants', 'users', 'api_keys', 'nav_overrides', 'audit']));
    expect(registry.forTable('users')?.personalFields.map((f) => f.column)).toEqual(expect.arrayContaining(['email', 'name']));
    expect(registry.forTable('users')?.exportOmits).toContain('password_hash');
    expect(registry.forTable('audit')?.cryptoShredded).toBe(true);
    expect(registry.forTable('messaging_messages')?.plugin).toBe('messaging');
    expect(registry.categories()).toEqual(expect.arrayContaining(['profile', 'contact', 'activity']));
  });
});

describe('the check catches what a new plugin forgets', () => {
  let t: TestKernel;
  let migrations: string;
  let resolved: DataDeclarationRegistry | null = null;
  beforeAll(async () => {
    migrations = mkdtempSync(join(tmpdir(), 'probe-migrations-'));
    writeFileSync(
      join(migrations, '0001_probe.sql'),
      `CREATE TABLE probe_forgotten (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, email text);
       CREATE TABLE probe_declared (id uuid PRIMARY KEY, tenant_id uuid NOT NULL, name text);
       CREATE TABLE probe_children (id uuid PRIMARY KEY, parent_id uuid NOT NULL);`,
    );
    const probe: PluginManifest = definePlugin({
      name: 'probe',
      version: '0.1.0',
      kernel: '^0.1.0',
      migrations,
      data: [
        { table: 'probe_declared', subjects: [{ column: 'mail', kind: 'email' }], personalFields: [{ column: 'name', category: 'profile' }, { column: 'phone', category: 'contact' }], deletion: { action: 'delete' } },
        { table: 'probe_children', tenantVia: { column: 'parent_id', parentTable: 'probe_parents', parentColumn: 'id' }, personalFields: [], deletion: { action: 'delete' } },
        { table: 'probe_missing', personalFields: [], deletion: { action: 'retain', legalBasis: ' ', periodDays: 0 } },
      ],
      boot(ctx) {
        resolved = ctx.resolve<DataDeclarationRegistry>(DATA_DECLARATIONS);
      },
    });
    t = await createTestKernel({ plugins: [probe] });
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    rmSync(migrations, { recursive: true, force: true });
  });

  it('names the undeclared tenant table, the missing columns and tables, the undeclared parent and the retention without basis', async () => {
    const problems = await problemsOf(t);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('table "probe_forgotten" has a tenant_id column but no data declaration'),
        expect.stringContaining('column "probe_declared.mail", which does not exist'),
        expect.stringContaining('column "probe_declared.phone", which does not exist'),
        expect.stringContaining('declares table "probe_missing", which does not exist'),
        expect.stringContaining('links "probe_children" to "probe_parents", which has no data declaration'),
        expect.stringContaining('retains "probe_missing" without a legal basis'),
      ]),
    );
    expect(problems).not.toEqual(expect.arrayContaining([expect.stringContaining('probe_declared.name')]));
  });

  it('plugins read every declaration, with its plugin, through DATA_DECLARATIONS', () => {
    expect(resolved).not.toBeNull();
    const tables = resolved!.list().map((d) => `${d.plugin}:${d.table}`);
    expect(tables).toEqual(expect.arrayContaining(['kernel:users', 'kernel:audit', 'probe:probe_declared']));
  });
});

describe('the registry', () => {
  it('refuses a table declared twice, naming both plugins', () => {
    const a = definePlugin({ name: 'a', version: '0.1.0', kernel: '^0.1.0', data: [{ table: 'users', personalFields: [], deletion: { action: 'delete' } }] });
    expect(() => createDataDeclarationRegistry([a])).toThrow(/"users" is declared by both "kernel" and "a"/);
  });
});

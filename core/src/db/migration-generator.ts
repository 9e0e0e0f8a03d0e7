import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { orderPlugins } from '../plugins/loader.ts';
import { importPlugins, readPluginList } from '../plugins/plugin-list.ts';
import { KERNEL_VERSION } from '../version.ts';
import { kernelEntities } from '../entities/kernel-entities.ts';
import { initOrm } from './orm.ts';
import { applyMigrations } from './migrations.ts';
import { migrationSources } from '../kernel.ts';
import type { PluginManifest } from '@platform/sdk';

/** Keeps only the statements that touch the given tables. */
export function statementsForTables(sql: string, tables: string[]): string[] {
  return sql
    .split(/;\s*\n/)
    .map((s) => s.trim())
    .filter(Boolean)
    .filter((stmt) => tables.some((t) => new RegExp(`"${t}"|\\b${t}\\b`).test(stmt)))
    .map((s) => (s.endsWith(';') ? s : s + ';'));
}

export function nextMigrationFile(dir: string, name: string): string {
  const existing = existsSync(dir) ? readdirSync(dir).filter((f) => /^\d{4,}_/.test(f)) : [];
  const next = existing.reduce((max, f) => Math.max(max, parseInt(f, 10)), 0) + 1;
  return join(dir, `${String(next).padStart(4, '0')}_${name.replace(/[^\w-]+/g, '_')}.sql`);
}

/**
 * Generates one plugin's next migration: applies every existing migration to the configured database,
 * diffs the plugin's entities against it with MikroORM's schema generator, and writes the statements
 * that touch the plugin's own tables. Returns the file path, or null when nothing changed.
 */
export async function createPluginMigration(
  pluginName: string,
  name: string,
  opts: { plugins?: PluginManifest[]; databaseUrl?: string | null; dataDir?: string; dryRun?: boolean } = {},
): Promise<string | null> {
  const config = loadConfig(process.env, { ...(opts.databaseUrl !== undefined ? { databaseUrl: opts.databaseUrl } : {}), ...(opts.dataDir ? { dataDir: opts.dataDir } : {}) });
  const plugins = orderPlugins(opts.plugins ?? (await importPlugins(readPluginList())), KERNEL_VERSION);
  const plugin = plugins.find((p) => p.name === pluginName);
  if (!plugin) throw new Error(`plugin "${pluginName}" is not listed in platform.config.json`);
  if (!plugin.migrations) throw new Error(`plugin "${pluginName}" declares no migrations folder`);
  const handle = await initOrm({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, entities: [...kernelEntities, ...plugins.flatMap((p) => p.entities ?? [])] });
  try {
    await applyMigrations(handle.orm.em.fork(), migrationSources(plugins));
    const tables = (plugin.entities ?? []).map((e) => handle.orm.getMetadata().find(e.meta.className)!.tableName);
    const diff = await handle.orm.getSchemaGenerator().getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: false } as any);
    const statements = statementsForTables(diff, tables);
    if (!statements.length) return null;
    if (opts.dryRun) return statements.join('\n');
    mkdirSync(plugin.migrations, { recursive: true });
    const file = nextMigrationFile(plugin.migrations, name);
    writeFileSync(file, `-- ${pluginName}: ${name} (generated ${new Date().toISOString()})\n${statements.join('\n')}\n`);
    return file;
  } finally {
    await handle.close();
  }
}

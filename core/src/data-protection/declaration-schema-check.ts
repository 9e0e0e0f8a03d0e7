import type { EntityManager, EntitySchema } from '@mikro-orm/core';
import { declaredColumns, type DeclaredTenantData } from '@platform/sdk/data-protection';
import { runSql } from '../db/orm.ts';

/** A table's tenant-scoped-ness as the schema shows it: the tables (not partitions) of the current schema with a `tenant_id` column. */
async function schemaColumns(em: EntityManager): Promise<Map<string, Set<string>>> {
  const rows = await runSql<{ table: string; column: string }>(
    em,
    `SELECT c.relname AS table, a.attname AS column
     FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
  );
  const tables = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!tables.has(r.table)) tables.set(r.table, new Set());
    tables.get(r.table)!.add(r.column);
  }
  return tables;
}

/** Table names of entities that have a `tenantId` property: tenant-scoped by the ORM's view. */
export function tenantScopedEntityTables(entities: EntitySchema<any, any>[]): string[] {
  return entities
    .map((e) => e.meta)
    .filter((meta) => meta.properties && 'tenantId' in meta.properties)
    .map((meta) => meta.tableName ?? meta.collection ?? meta.className);
}

/**
 * What is wrong between the declarations and the database: tenant-scoped tables (a `tenant_id` column, or an entity with
 * `tenantId`) no one declares, declared tables or columns that do not exist, child tables whose parent is not declared.
 * Empty when all is well. Each problem is one sentence naming the table (and the plugin when known).
 */
export async function checkDataDeclarations(
  em: EntityManager,
  declarations: DeclaredTenantData[],
  entities: { plugin: string; schema: EntitySchema<any, any> }[],
): Promise<string[]> {
  const tables = await schemaColumns(em);
  const declared = new Map(declarations.map((d) => [d.table, d]));
  const problems: string[] = [];
  for (const [table, columns] of tables) {
    if (columns.has('tenant_id') && !declared.has(table)) problems.push(`table "${table}" has a tenant_id column but no data declaration (add one to its plugin's manifest \`data\`)`);
  }
  for (const e of entities) {
    for (const table of tenantScopedEntityTables([e.schema])) {
      if (!declared.has(table)) problems.push(`entity table "${table}" of plugin "${e.plugin}" has a tenantId property but no data declaration`);
    }
  }
  for (const d of declarations) {
    if (d.deletion.action === 'retain' && (!d.deletion.legalBasis.trim() || !(d.deletion.periodDays > 0))) {
      problems.push(`plugin "${d.plugin}" retains "${d.table}" without a legal basis and a positive period`);
    }
    const columns = tables.get(d.table);
    if (!columns) {
      problems.push(`plugin "${d.plugin}" declares table "${d.table}", which does not exist`);
      continue;
    }
    for (const column of declaredColumns(d)) {
      if (!columns.has(column)) problems.push(`plugin "${d.plugin}" declares column "${d.table}.${column}", which does not exist`);
    }
    if (d.tenantVia) {
      const parent = declared.get(d.tenantVia.parentTable);
      if (!parent) problems.push(`plugin "${d.plugin}" links "${d.table}" to "${d.tenantVia.parentTable}", which has no data declaration`);
      else if (!tables.get(parent.table)?.has(d.tenantVia.parentColumn)) problems.push(`plugin "${d.plugin}" links "${d.table}" to "${d.tenantVia.parentTable}.${d.tenantVia.parentColumn}", which does not exist`);
    }
  }
  return [...new Set(problems)];
}

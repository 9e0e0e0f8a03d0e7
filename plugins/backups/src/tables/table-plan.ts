import type { Database, EntityManager } from '@platform/sdk';
import { restoreModeOf, type DeclaredTable, type RestoreMode } from './declared-data.ts';
import { quoteName } from './sql-names.ts';

/** One declared table as a backup reads it and a restore writes it. */
export interface TablePlan {
  plugin: string;
  table: string;
  /**
   * The declaration's restore mode, or `upsert` for a `replace` table that an append-only table references: its rows
   * cannot be deleted (the delete would cascade into rows that refuse it), so backed-up rows update theirs by primary
   * key and the missing ones are inserted.
   */
  mode: RestoreMode | 'upsert';
  /** Columns in table order, generated ones left out. */
  columns: string[];
  /** Each column's SQL type (`format_type`), by column name: what a row's text value is read back as. */
  columnTypes: Record<string, string>;
  /** Primary key columns (empty when the table has none). */
  primaryKey: string[];
  /** Unique indexes (column lists), the primary key included: what a restored row may collide on. */
  uniqueKeys: string[][];
  /** Column holding the tenant id directly, or null for a child table reached through its parent. */
  tenantColumn: string | null;
  /** SQL condition (on alias `x`) selecting the tenant's rows, with the tenant id as `$1`. */
  tenantCondition: string;
  /** Single-column foreign keys to other planned tables: `column` holds a value of `table`.`refColumn`. */
  references: { column: string; table: string; refColumn: string }[];
}

interface CatalogColumn {
  table: string;
  column: string;
  type: string;
}

/** `x.<col> = $1`, or for a child table `x.<col> IN (SELECT <parentCol> FROM <parent> WHERE <parent's condition>)`. */
function tenantConditionOf(d: DeclaredTable, byTable: Map<string, DeclaredTable>, alias: string, depth = 0): string {
  if (depth > 8) throw new Error(`tenantVia of ${d.table} nests too deep`);
  if (!d.tenantVia) return `${alias}.${quoteName(d.tenantColumn ?? 'tenant_id')} = $1`;
  const parent = byTable.get(d.tenantVia.parentTable);
  if (!parent) throw new Error(`${d.table} is linked to ${d.tenantVia.parentTable}, which has no declaration`);
  const p = `p${depth}`;
  return `${alias}.${quoteName(d.tenantVia.column)} IN (SELECT ${p}.${quoteName(d.tenantVia.parentColumn)} FROM ${quoteName(parent.table)} ${p} WHERE ${tenantConditionOf(parent, byTable, p, depth + 1)})`;
}

/**
 * The plans of `declarations` (all loaded ones, to resolve parents) that `wanted` selects, in an order where every
 * table comes after the tables it references (foreign keys among them, and `restoreAfter`): the insert order of a
 * restore; deletes run in reverse. Tables marked `exclude` are left out.
 */
export async function planTables(db: Database, em: EntityManager, declarations: DeclaredTable[], wanted: (d: DeclaredTable) => boolean): Promise<TablePlan[]> {
  const byTable = new Map(declarations.map((d) => [d.table, d]));
  const selected = declarations.filter((d) => wanted(d) && restoreModeOf(d) !== 'exclude');
  const names = selected.map((d) => d.table);
  const columns = await db.sql<CatalogColumn>(
    `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type
     FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1) ORDER BY c.relname, a.attnum`,
    [names],
    em,
  );
  const uniques = await db.sql<{ table: string; primary: boolean; columns: string[] }>(
    `SELECT c.relname AS table, i.indisprimary AS primary,
            ARRAY(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(attnum, n) JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum ORDER BY k.n)::text[] AS columns
     FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
     WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1) AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL`,
    [names],
    em,
  );
  const references = await db.sql<{ child: string; parent: string; column: string | null; ref_column: string | null }>(
    `SELECT ch.relname AS child, pa.relname AS parent,
            CASE WHEN array_length(k.conkey, 1) = 1 THEN (SELECT attname FROM pg_attribute WHERE attrelid = k.conrelid AND attnum = k.conkey[1]) END AS column,
            CASE WHEN array_length(k.confkey, 1) = 1 THEN (SELECT attname FROM pg_attribute WHERE attrelid = k.confrelid AND attnum = k.confkey[1]) END AS ref_column
     FROM pg_constraint k
     JOIN pg_class ch ON ch.oid = k.conrelid JOIN pg_class pa ON pa.oid = k.confrelid
     WHERE k.contype = 'f' AND ch.relnamespace = current_schema()::regnamespace AND ch.relname = ANY($1) AND pa.relname = ANY($1)`,
    [names],
    em,
  );

  // The platform's append-only tables refuse DELETE with a row trigger raising insufficient_privilege (audit, ledgers,
  // timelines): a restore appends the rows they lack instead of replacing theirs.
  const appendOnly = new Set(
    (
      await db.sql<{ table: string }>(
        `SELECT DISTINCT c.relname AS table FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid
         WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1) AND NOT t.tgisinternal AND t.tgenabled <> 'D'
           AND (t.tgtype & 11) = 11 AND p.prosrc ILIKE '%insufficient_privilege%'`,
        [names],
        em,
      )
    ).map((r) => r.table),
  );
  const plans = new Map<string, TablePlan>();
  for (const d of selected) {
    const catalog = columns.filter((c) => c.table === d.table);
    const cols = catalog.map((c) => c.column);
    if (cols.length === 0) throw new Error(`table ${d.table} (declared by ${d.plugin}) does not exist`);
    const keys = uniques.filter((u) => u.table === d.table);
    plans.set(d.table, {
      plugin: d.plugin,
      table: d.table,
      mode: !d.restore && restoreModeOf(d) === 'replace' && appendOnly.has(d.table) ? 'append' : restoreModeOf(d),
      columns: cols,
      columnTypes: Object.fromEntries(catalog.map((c) => [c.column, c.type])),
      primaryKey: keys.find((k) => k.primary)?.columns ?? [],
      uniqueKeys: keys.map((k) => k.columns),
      tenantColumn: d.tenantVia ? null : d.tenantColumn ?? 'tenant_id',
      tenantCondition: tenantConditionOf(d, byTable, 'x'),
      references: [
        ...references.filter((r) => r.child === d.table && r.column && r.ref_column).map((r) => ({ column: r.column!, table: r.parent, refColumn: r.ref_column! })),
        ...(d.tenantVia && names.includes(d.tenantVia.parentTable) ? [{ column: d.tenantVia.column, table: d.tenantVia.parentTable, refColumn: d.tenantVia.parentColumn }] : []),
      ],
    });
  }

  for (const plan of plans.values()) {
    if (plan.mode !== 'append' || !appendOnly.has(plan.table)) continue;
    for (const ref of plan.references) {
      const parent = plans.get(ref.table);
      if (parent && parent.mode === 'replace') parent.mode = parent.primaryKey.length > 0 ? 'upsert' : 'append';
    }
  }

  const after = new Map<string, Set<string>>(names.map((n) => [n, new Set<string>()]));
  for (const r of references) if (r.child !== r.parent) after.get(r.child)?.add(r.parent);
  for (const d of selected) {
    for (const t of d.restoreAfter ?? []) if (after.has(t)) after.get(d.table)!.add(t);
    if (d.tenantVia && after.has(d.tenantVia.parentTable)) after.get(d.table)!.add(d.tenantVia.parentTable);
  }
  const ordered: TablePlan[] = [];
  const placed = new Set<string>();
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (placed.has(name) || visiting.has(name)) return; // a cycle keeps declaration order for its members
    visiting.add(name);
    for (const dep of after.get(name) ?? []) visit(dep);
    visiting.delete(name);
    placed.add(name);
    ordered.push(plans.get(name)!);
  };
  for (const name of names) visit(name);
  return ordered;
}

import type { EntityManager } from '@platform/sdk';
import { ProblemError, type Database } from '@platform/sdk';
import type { AuditSubjectKeys, DataDeclarationRegistry, DeclaredTenantData, PersonalDataCategory } from '@platform/sdk/data-protection';
import { erasureSet, subjectRowsWhere } from './declared-rows.ts';
import { quoteIdent, type SchemaColumns } from './schema-columns.ts';
import { subjectsOf, type SubjectValues } from './subject-values.ts';

export type DeletionOutcome = 'deleted' | 'anonymized' | 'retained';

/** What a deletion does to one declared table, for the preview and the certificate (no personal data). */
export interface TableDeletion {
  plugin: string;
  table: string;
  categories: PersonalDataCategory[];
  outcome: DeletionOutcome;
  rows: number;
  why: string;
}

export interface DeletionReport {
  tables: TableDeletion[];
  /** Per category: rows deleted, anonymized and retained (anonymized) across tables. */
  categories: { category: PersonalDataCategory | 'none'; deleted: number; anonymized: number; retained: number }[];
  auditKeys: number;
}

function outcomeOf(d: DeclaredTenantData): { outcome: DeletionOutcome; why: string } {
  if (d.cryptoShredded) return { outcome: 'retained', why: `Rows kept; personal values made unreadable by destroying the person's keys (crypto-shredding). ${d.deletion.action === 'retain' ? d.deletion.legalBasis : ''}`.trim() };
  if (d.deletion.action === 'delete') return { outcome: 'deleted', why: d.purpose ?? 'Rows about the person are deleted.' };
  if (d.deletion.action === 'anonymize') return { outcome: 'anonymized', why: 'Rows kept for counts and totals; personal fields erased.' };
  return { outcome: 'retained', why: `Retained ${d.deletion.periodDays} days: ${d.deletion.legalBasis}. Personal fields erased.` };
}

function summarize(tables: TableDeletion[], auditKeys: number): DeletionReport {
  const byCategory = new Map<string, { deleted: number; anonymized: number; retained: number }>();
  for (const t of tables) {
    for (const category of t.categories.length ? t.categories : (['none'] as const)) {
      const entry = byCategory.get(category) ?? { deleted: 0, anonymized: 0, retained: 0 };
      entry[t.outcome] += t.rows;
      byCategory.set(category, entry);
    }
  }
  return { tables, categories: [...byCategory].map(([category, counts]) => ({ category: category as PersonalDataCategory, ...counts })), auditKeys };
}

/** The person's user ids in the tenant, found by their emails (users are matched before they are deleted). */
export async function userIdsOf(db: Database, tenantId: string, emails: string[], em?: EntityManager): Promise<string[]> {
  if (!emails.length) return [];
  const rows = await db.sql<{ id: string }>('SELECT id FROM users WHERE tenant_id = $1 AND lower(email) = ANY($2::text[])', [tenantId, emails.map((e) => e.toLowerCase())], em);
  return rows.map((r) => r.id);
}

interface DeletionDeps {
  db: Database;
  declarations: DataDeclarationRegistry;
  keys: AuditSubjectKeys;
}

/** What deleting the person would do, table by table (counts only; nothing is written). */
export async function previewDeletion(deps: DeletionDeps, tenantId: string, values: SubjectValues, schema: SchemaColumns, em?: EntityManager): Promise<DeletionReport> {
  const tables: TableDeletion[] = [];
  for (const d of deps.declarations.list()) {
    if (d.cryptoShredded) continue;
    const where = subjectRowsWhere(d, tenantId, values, schema, deps.declarations.forTable);
    if (!where) continue;
    const [{ n }] = await deps.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(d.table)} WHERE ${where.sql}`, where.params, em);
    tables.push({ plugin: d.plugin, table: d.table, categories: [...new Set(d.personalFields.map((f) => f.category))], rows: n, ...outcomeOf(d) });
  }
  const subjects = subjectsOf(values);
  const auditKeys = (await deps.keys.count(subjects, { tenantId, em })) + (await deps.keys.count(subjects, { tenantId: null, em }));
  for (const d of deps.declarations.list().filter((x) => x.cryptoShredded)) {
    tables.push({ plugin: d.plugin, table: d.table, categories: [...new Set(d.personalFields.map((f) => f.category))], rows: auditKeys, ...outcomeOf(d) });
  }
  return summarize(tables, auditKeys);
}

/**
 * Deletes the person from every declaration, inside `em`'s transaction: rows of `delete` tables are deleted, rows of
 * `anonymize` and `retain` tables keep everything but their personal fields, and the person's audit keys are destroyed.
 */
export async function executeDeletion(deps: DeletionDeps, tenantId: string, values: SubjectValues, schema: SchemaColumns, em: EntityManager): Promise<DeletionReport> {
  const tables: TableDeletion[] = [];
  // Children before parents, so a delete does not trip over a foreign key; the kernel's users last.
  const ordered = [...deps.declarations.list()].sort((a, b) => Number(!!b.tenantVia) - Number(!!a.tenantVia) || Number(a.table === 'users') - Number(b.table === 'users'));
  for (const d of ordered) {
    if (d.cryptoShredded) continue;
    const where = subjectRowsWhere(d, tenantId, values, schema, deps.declarations.forTable);
    if (!where) continue;
    const { outcome, why } = outcomeOf(d);
    let rows = 0;
    try {
      if (outcome === 'deleted') {
        rows = (await deps.db.sql(`DELETE FROM ${quoteIdent(d.table)} WHERE ${where.sql} RETURNING 1`, where.params, em)).length;
      } else {
        const { set } = erasureSet(d.table, d.personalFields.map((f) => f.column), schema);
        if (set.length) rows = (await deps.db.sql(`UPDATE ${quoteIdent(d.table)} SET ${set.join(', ')} WHERE ${where.sql} RETURNING 1`, where.params, em)).length;
      }
    } catch (err) {
      // The whole deletion is one transaction: nothing was written. Say which table refused, and why.
      throw new ProblemError(409, 'deletion_refused', `Table ${d.table} (plugin ${d.plugin}) refused the deletion: ${(err as Error).message}; nothing was deleted`, { field: d.table });
    }
    tables.push({ plugin: d.plugin, table: d.table, categories: [...new Set(d.personalFields.map((f) => f.category))], outcome, rows, why });
  }
  const subjects = subjectsOf(values);
  const auditKeys = (await deps.keys.destroy(subjects, { tenantId, em })) + (await deps.keys.destroy(subjects, { tenantId: null, em }));
  for (const d of deps.declarations.list().filter((x) => x.cryptoShredded)) {
    tables.push({ plugin: d.plugin, table: d.table, categories: [...new Set(d.personalFields.map((f) => f.category))], rows: auditKeys, ...outcomeOf(d) });
  }
  return summarize(tables, auditKeys);
}

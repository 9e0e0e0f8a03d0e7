import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import yazl from 'yazl';
import type { EntityManager } from '@platform/sdk';
import type { Database } from '@platform/sdk';
import { isExported, type DataDeclarationRegistry, type DeclaredTenantData } from '@platform/sdk/data-protection';
import { subjectRowsWhere, tenantRowsWhere, type Where } from './declared-rows.ts';
import { quoteIdent, type SchemaColumns } from './schema-columns.ts';
import type { SubjectValues } from './subject-values.ts';

/** Rows per table in one export, at most (a larger table is cut and the manifest says so). */
export const EXPORT_ROW_LIMIT = 50_000;

export interface ExportedTable {
  plugin: string;
  table: string;
  purpose: string | null;
  rows: Record<string, unknown>[];
  truncated: boolean;
}

const plain = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : typeof v === 'bigint' ? v.toString() : v);

/** The rows of every exported declaration: the person's (`values`) or the whole tenant's (`values` null); export omissions left out. */
export async function collectExport(
  deps: { db: Database; declarations: DataDeclarationRegistry },
  tenantId: string,
  values: SubjectValues | null,
  schema: SchemaColumns,
  em?: EntityManager,
): Promise<{ declaration: DeclaredTenantData; exported: ExportedTable }[]> {
  const out: { declaration: DeclaredTenantData; exported: ExportedTable }[] = [];
  for (const d of deps.declarations.list()) {
    // A person's export: the tables holding personal data; the tenant's own export: every table not opted out.
    const wanted = values ? isExported(d) : d.exported !== false;
    if (!wanted || !schema.has(d.table)) continue;
    let where: Where | null;
    if (values) where = subjectRowsWhere(d, tenantId, values, schema, deps.declarations.forTable);
    else where = tenantRowsWhere(d, tenantId, deps.declarations.forTable);
    if (!where) continue;
    const omit = new Set(d.exportOmits ?? []);
    const columns = [...schema.get(d.table)!.keys()].filter((c) => !omit.has(c));
    const rows = await deps.db.sql<Record<string, unknown>>(
      `SELECT ${columns.map(quoteIdent).join(', ')} FROM ${quoteIdent(d.table)} WHERE ${where.sql} LIMIT ${EXPORT_ROW_LIMIT + 1}`,
      where.params,
      em,
    );
    if (!rows.length) continue;
    const truncated = rows.length > EXPORT_ROW_LIMIT;
    out.push({
      declaration: d,
      exported: { plugin: d.plugin, table: d.table, purpose: d.purpose ?? null, rows: rows.slice(0, EXPORT_ROW_LIMIT).map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)]))), truncated },
    });
  }
  return out;
}

export interface ExportManifest {
  format: 'platform-gdpr-export/1';
  requestId: string;
  tenantId: string;
  about: 'person' | 'tenant';
  generatedAt: string;
  files: { path: string; category: string; tables: { plugin: string; table: string; rows: number; truncated: boolean }[]; sha256: string; bytes: number }[];
}

/**
 * The package: one JSON file per data category (`<category>.json`, each table's rows with its columns of that
 * category plus the row's id and times), tables without personal fields in `records.json`, and `manifest.json` with
 * every file's SHA-256. Zipped, streamed.
 */
export function buildExportZip(requestId: string, tenantId: string, about: 'person' | 'tenant', collected: { declaration: DeclaredTenantData; exported: ExportedTable }[], now: Date): { stream: Readable; manifest: ExportManifest } {
  const KEEP = ['id', 'created_at', 'updated_at', 'at'];
  const byCategory = new Map<string, { plugin: string; table: string; purpose: string | null; rows: Record<string, unknown>[]; truncated: boolean }[]>();
  for (const { declaration, exported } of collected) {
    const categories = [...new Set(declaration.personalFields.map((f) => f.category))];
    if (!categories.length) {
      const list = byCategory.get('records') ?? [];
      list.push(exported);
      byCategory.set('records', list);
      continue;
    }
    for (const category of categories) {
      const cols = new Set([...KEEP, ...declaration.personalFields.filter((f) => f.category === category).map((f) => f.column)]);
      const list = byCategory.get(category) ?? [];
      list.push({ ...exported, rows: exported.rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => cols.has(k)))) });
      byCategory.set(category, list);
    }
  }
  const zip = new yazl.ZipFile();
  const manifest: ExportManifest = { format: 'platform-gdpr-export/1', requestId, tenantId, about, generatedAt: now.toISOString(), files: [] };
  for (const [category, tables] of [...byCategory].sort(([a], [b]) => a.localeCompare(b))) {
    const body = Buffer.from(JSON.stringify({ category, tables }, null, 2));
    const path = `${category}.json`;
    zip.addBuffer(body, path, { mtime: now });
    manifest.files.push({ path, category, tables: tables.map((t) => ({ plugin: t.plugin, table: t.table, rows: t.rows.length, truncated: t.truncated })), sha256: createHash('sha256').update(body).digest('hex'), bytes: body.length });
  }
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), 'manifest.json', { mtime: now });
  zip.end();
  return { stream: zip.outputStream as unknown as Readable, manifest };
}

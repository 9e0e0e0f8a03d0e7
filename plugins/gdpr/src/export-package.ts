import { createHash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import yazl from 'yazl';
import type { Database, EntityManager } from '@platform/sdk';
import { isExported, type DataDeclarationRegistry, type DeclaredTenantData } from '@platform/sdk/data-protection';
import { subjectRowsWhere, tenantRowsWhere, type Where } from './declared-rows.ts';
import { quoteIdent, type SchemaColumns } from './schema-columns.ts';
import type { SubjectValues } from './subject-values.ts';

/** Rows read per query: the package is written page by page, whatever the tables' sizes. */
export const EXPORT_PAGE_ROWS = 1000;

/** One table in one category file: which of its columns go there, and which rows. */
interface TableInFile {
  declaration: DeclaredTenantData;
  columns: string[];
  where: Where;
}

export interface ExportManifest {
  format: 'platform-gdpr-export/1';
  requestId: string;
  tenantId: string;
  about: 'person' | 'tenant';
  generatedAt: string;
  files: { path: string; category: string; tables: { plugin: string; table: string; rows: number; truncated: boolean }[]; sha256: string; bytes: number }[];
}

export interface ExportRequest {
  requestId: string;
  tenantId: string;
  about: 'person' | 'tenant';
  /** The person's emails, phones, user ids; null for the tenant's own export. */
  values: SubjectValues | null;
  schema: SchemaColumns;
  now: Date;
}

/** Columns every category file keeps beside the category's own: the row's id and times. */
const KEEP = ['id', 'created_at', 'updated_at', 'at'];

/**
 * What goes into the package, by file: one per data category (`<category>.json`: each exported table's rows with its
 * columns of that category plus the row's id and times), tables without personal fields in `records.json`. Only
 * tables holding at least one matching row are listed (one `LIMIT 1` probe each); nothing else is read yet.
 */
async function planFiles(deps: { db: Database; declarations: DataDeclarationRegistry }, req: ExportRequest, em: EntityManager): Promise<Map<string, TableInFile[]>> {
  const files = new Map<string, TableInFile[]>();
  for (const d of deps.declarations.list()) {
    // A person's export: the tables holding personal data; the tenant's own export: every table not opted out.
    const wanted = req.values ? isExported(d) : d.exported !== false;
    if (!wanted || !req.schema.has(d.table)) continue;
    const where = req.values ? subjectRowsWhere(d, req.tenantId, req.values, req.schema, deps.declarations.forTable) : tenantRowsWhere(d, req.tenantId, deps.declarations.forTable);
    if (!where) continue;
    const any = await deps.db.sql(`SELECT 1 FROM ${quoteIdent(d.table)} WHERE ${where.sql} LIMIT 1`, where.params, em);
    if (!any.length) continue;
    const omit = new Set(d.exportOmits ?? []);
    const all = [...req.schema.get(d.table)!.keys()].filter((c) => !omit.has(c));
    const categories = [...new Set(d.personalFields.map((f) => f.category))];
    const add = (file: string, columns: string[]) => files.set(file, [...(files.get(file) ?? []), { declaration: d, columns, where }]);
    if (!categories.length) add('records', all);
    for (const category of categories) {
      const cols = new Set([...KEEP, ...d.personalFields.filter((f) => f.category === category).map((f) => f.column)]);
      add(category, all.filter((c) => cols.has(c)));
    }
  }
  return files;
}

/**
 * One table's rows as JSON objects (columns in table order), read through a server-side cursor inside `em`'s
 * transaction, {@link EXPORT_PAGE_ROWS} at a time: memory holds one page whatever the table's size.
 */
async function* tableRows(db: Database, t: TableInFile, em: EntityManager, cursor: string): AsyncGenerator<string[]> {
  const object = `json_build_object(${t.columns.map((c) => `'${c.replace(/'/g, "''")}', ${quoteIdent(c)}`).join(', ')})::text`;
  await db.sql(`DECLARE ${cursor} NO SCROLL CURSOR FOR SELECT ${object} AS j FROM ${quoteIdent(t.declaration.table)} WHERE ${t.where.sql}`, t.where.params, em);
  try {
    for (;;) {
      const page = await db.sql<{ j: string }>(`FETCH FORWARD ${EXPORT_PAGE_ROWS} FROM ${cursor}`, [], em);
      if (page.length === 0) return;
      yield page.map((r) => r.j);
      if (page.length < EXPORT_PAGE_ROWS) return;
    }
  } finally {
    await db.sql(`CLOSE ${cursor}`, [], em).catch(() => undefined);
  }
}

/** Passes bytes through, counting and hashing them. */
class Digest extends Transform {
  bytes = 0;
  private readonly hash = createHash('sha256');
  override _transform(chunk: Buffer, _e: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    done(null, chunk);
  }
  hex(): string {
    return this.hash.digest('hex');
  }
}

/**
 * Writes the export package as a zip stream into `put` (the blob store): each category file is generated as it is
 * compressed, its rows read a page at a time through a cursor, so neither the rows nor the file nor the zip is ever
 * whole in memory. One read-only repeatable-read transaction: every file sees the same moment. `manifest.json` comes
 * last, with every file's tables, row counts, size and SHA-256. Answers the manifest once the zip is stored.
 */
export async function writeExportZip(deps: { db: Database; declarations: DataDeclarationRegistry }, req: ExportRequest, put: (zip: Readable) => Promise<void>): Promise<ExportManifest> {
  return deps.db.system().transactional(async (em) => {
    await deps.db.sql('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY', [], em);
    return writeInTransaction(deps, req, put, em);
  });
}

async function writeInTransaction(deps: { db: Database; declarations: DataDeclarationRegistry }, req: ExportRequest, put: (zip: Readable) => Promise<void>, em: EntityManager): Promise<ExportManifest> {
  const files = await planFiles(deps, req, em);
  const manifest: ExportManifest = { format: 'platform-gdpr-export/1', requestId: req.requestId, tenantId: req.tenantId, about: req.about, generatedAt: req.now.toISOString(), files: [] };
  const zip = new yazl.ZipFile();
  const stored = put(zip.outputStream as unknown as Readable);
  const finished: Promise<void>[] = [];
  let cursors = 0;
  let failed: Error | null = null;
  for (const [category, tables] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const path = `${category}.json`;
    const counted: ExportManifest['files'][number]['tables'] = [];
    async function* body(): AsyncGenerator<Buffer> {
      yield Buffer.from(`{"category":${JSON.stringify(category)},"tables":[`);
      for (const [i, t] of tables.entries()) {
        // Files are generated side by side (each ahead of the zip by a buffer): one cursor name per table and file.
        const cursor = `gdpr_export_${++cursors}`;
        const d = t.declaration;
        yield Buffer.from(`${i ? ',' : ''}\n{"plugin":${JSON.stringify(d.plugin)},"table":${JSON.stringify(d.table)},"purpose":${JSON.stringify(d.purpose ?? null)},"truncated":false,"rows":[`);
        let rows = 0;
        for await (const page of tableRows(deps.db, t, em, cursor)) {
          yield Buffer.from(`${rows ? ',' : ''}\n${page.join(',\n')}`);
          rows += page.length;
        }
        yield Buffer.from(']}');
        counted.push({ plugin: d.plugin, table: d.table, rows, truncated: false });
      }
      yield Buffer.from(']}\n');
    }
    const digest = new Digest();
    const source = Readable.from(body(), { objectMode: false });
    source.on('error', (err) => {
      failed ??= err;
      digest.destroy(err);
    });
    source.pipe(digest);
    zip.addReadStream(digest, path, { mtime: req.now });
    finished.push(
      new Promise<void>((resolve, reject) => {
        digest.on('end', () => {
          manifest.files.push({ path, category, tables: counted, sha256: digest.hex(), bytes: digest.bytes });
          resolve();
        });
        digest.on('error', reject);
      }),
    );
  }
  try {
    // The store failing stops the reading too (it would otherwise wait for a reader that is gone).
    await Promise.race([Promise.all(finished), stored.then(() => Promise.reject(new Error('the package was stored before it was complete')))]);
  } catch (err) {
    (zip.outputStream as unknown as Readable).destroy(err as Error);
    await stored.catch(() => undefined);
    throw failed ?? err;
  }
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), 'manifest.json', { mtime: req.now });
  zip.end();
  await stored;
  return manifest;
}

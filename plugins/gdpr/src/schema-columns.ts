import type { Database } from '@platform/sdk';
import type { EntityManager } from '@platform/sdk';

/** One column as the database has it: for building subject conditions and erasure values that fit its type. */
export interface ColumnInfo {
  name: string;
  /** `text`, `varchar`, `uuid`, `jsonb`, `_text` (text[]), `timestamptz`... (PostgreSQL's udt_name). */
  udt: string;
  nullable: boolean;
}

export type SchemaColumns = Map<string, Map<string, ColumnInfo>>;

/** Every column of every table of the current schema. */
export async function readSchemaColumns(db: Database, em?: EntityManager): Promise<SchemaColumns> {
  const rows = await db.sql<{ table_name: string; column_name: string; udt_name: string; is_nullable: string }>(
    `SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema()`,
    [],
    em,
  );
  const tables: SchemaColumns = new Map();
  for (const r of rows) {
    if (!tables.has(r.table_name)) tables.set(r.table_name, new Map());
    tables.get(r.table_name)!.set(r.column_name, { name: r.column_name, udt: r.udt_name, nullable: r.is_nullable === 'YES' });
  }
  return tables;
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const isTextType = (udt: string) => ['text', 'varchar', 'bpchar', 'citext'].includes(udt);

import { tenantColumnOf, type DeclaredTenantData } from '@platform/sdk/data-protection';
import { isTextType, quoteIdent, type ColumnInfo, type SchemaColumns } from './schema-columns.ts';
import type { SubjectValues } from './subject-values.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A WHERE clause with its parameters (numbered from 1). */
export interface Where {
  sql: string;
  params: unknown[];
}

/** The rows of one tenant in a declared table: its tenant column, or its parent's for a `tenantVia` child. */
function tenantCondition(d: DeclaredTenantData, tenantId: string, params: unknown[], declarations: (table: string) => DeclaredTenantData | undefined): string {
  params.push(tenantId);
  const column = tenantColumnOf(d);
  if (column) return `${quoteIdent(column)} = $${params.length}::uuid`;
  const via = d.tenantVia!;
  const parent = declarations(via.parentTable);
  const parentTenant = parent ? tenantColumnOf(parent) : null;
  if (!parentTenant) return 'false';
  return `${quoteIdent(via.column)} IN (SELECT ${quoteIdent(via.parentColumn)} FROM ${quoteIdent(via.parentTable)} WHERE ${quoteIdent(parentTenant)} = $${params.length}::uuid)`;
}

/** How one subject column matches one kind of value, by the column's type; null when it cannot match. */
function columnMatch(column: ColumnInfo, kind: 'email' | 'phone' | 'user_id', values: string[], params: unknown[]): string | null {
  const wanted = kind === 'user_id' ? values : values.map((v) => v.toLowerCase());
  if (!wanted.length) return null;
  const c = quoteIdent(column.name);
  if (column.udt === 'uuid') {
    const ids = wanted.filter((v) => UUID.test(v));
    if (!ids.length) return null;
    params.push(ids);
    return `${c} = ANY($${params.length}::uuid[])`;
  }
  params.push(wanted);
  const p = `$${params.length}::text[]`;
  if (isTextType(column.udt)) return kind === 'user_id' ? `${c} = ANY(${p})` : `lower(${c}) = ANY(${p})`;
  if (column.udt === '_text' || column.udt === '_varchar') return `EXISTS (SELECT 1 FROM unnest(${c}) AS v WHERE lower(v) = ANY(${p}))`;
  if (column.udt === 'jsonb' || column.udt === 'json') {
    params.pop();
    params.push(wanted.map((v) => `%"${v.replace(/[%_\\]/g, (m) => `\\${m}`)}"%`));
    return `lower(${c}::text) LIKE ANY($${params.length}::text[])`;
  }
  return null;
}

/**
 * The rows of one person in one tenant for a declaration: the tenant's rows whose subject columns hold one of the
 * person's emails, phones or user ids. Null when the declaration names no subject column that can match.
 */
export function subjectRowsWhere(
  d: DeclaredTenantData,
  tenantId: string,
  values: SubjectValues,
  schema: SchemaColumns,
  declarations: (table: string) => DeclaredTenantData | undefined,
): Where | null {
  const columns = schema.get(d.table);
  if (!columns || !d.subjects?.length) return null;
  const params: unknown[] = [];
  const tenant = tenantCondition(d, tenantId, params, declarations);
  const matches = d.subjects
    .map((s) => {
      const column = columns.get(s.column);
      if (!column) return null;
      const list = s.kind === 'email' ? values.emails : s.kind === 'phone' ? values.phones : values.userIds;
      return columnMatch(column, s.kind, list, params);
    })
    .filter((m): m is string => !!m);
  if (!matches.length) return null;
  return { sql: `${tenant} AND (${matches.join(' OR ')})`, params };
}

/** Every row of one tenant in a declared table. */
export function tenantRowsWhere(d: DeclaredTenantData, tenantId: string, declarations: (table: string) => DeclaredTenantData | undefined): Where {
  const params: unknown[] = [];
  return { sql: tenantCondition(d, tenantId, params, declarations), params };
}

export const ERASED_TEXT = '[erased]';

/**
 * The SET list that erases these personal columns, each with a value its type and nullability accept: text becomes
 * `[erased]`, arrays empty, JSON null (or an empty array/object/`"[erased]"` when NOT NULL), other nullable types NULL.
 * Columns that can be neither (NOT NULL numbers, dates) are returned in `kept`.
 */
export function erasureSet(table: string, columnNames: string[], schema: SchemaColumns): { set: string[]; kept: string[] } {
  const columns = schema.get(table) ?? new Map<string, ColumnInfo>();
  const set: string[] = [];
  const kept: string[] = [];
  for (const name of columnNames) {
    const col = columns.get(name);
    if (!col) continue;
    const c = quoteIdent(name);
    if (isTextType(col.udt)) set.push(`${c} = '${ERASED_TEXT}'`);
    else if (col.udt.startsWith('_')) set.push(`${c} = '{}'`);
    else if (col.udt === 'jsonb' || col.udt === 'json') {
      set.push(
        col.nullable
          ? `${c} = NULL`
          : `${c} = CASE jsonb_typeof(${c}::jsonb) WHEN 'array' THEN '[]'::${col.udt} WHEN 'object' THEN '{}'::${col.udt} ELSE '"${ERASED_TEXT}"'::${col.udt} END`,
      );
    } else if (col.nullable) set.push(`${c} = NULL`);
    else kept.push(name);
  }
  return { set, kept };
}

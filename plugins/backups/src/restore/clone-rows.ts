import { createHash } from 'node:crypto';
import { isUuid } from '../tables/sql-names.ts';
import type { TablePlan } from '../tables/table-plan.ts';

/** A uuid derived from `value` and `salt`: the same old id always maps to the same new one within one clone. */
export function remappedUuid(salt: string, value: string): string {
  const h = createHash('sha256').update(salt).update(':').update(value.toLowerCase()).digest();
  h[6] = (h[6]! & 0x0f) | 0x40;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Rewrites a backed-up row for another tenant: every column holding the source tenant's id gets the target's, and
 * the uuid keys of the cloned rows (primary keys, and foreign keys to cloned tables) get new ids derived from the old
 * ones, so the clone's references stay consistent and never collide with the source's rows.
 */
export function cloneRewriter(plan: TablePlan, columns: string[], remapped: ReadonlySet<string>, sourceTenantId: string, targetTenantId: string): (line: string) => string {
  const salt = targetTenantId;
  const keyColumns = new Set([
    ...(plan.primaryKey.length === 1 && remapped.has(`${plan.table}.${plan.primaryKey[0]}`) ? [plan.primaryKey[0]!] : []),
    ...plan.references.filter((r) => remapped.has(`${r.table}.${r.refColumn}`)).map((r) => r.column),
  ]);
  const source = sourceTenantId.toLowerCase();
  // Format 2 rows are arrays in `columns` order; format 1 rows are objects.
  const keyIndexes = [...keyColumns].map((c) => columns.indexOf(c)).filter((i) => i >= 0);
  return (line) => {
    const parsed = JSON.parse(line) as unknown;
    if (Array.isArray(parsed)) {
      for (let i = 0; i < parsed.length; i++) if (typeof parsed[i] === 'string' && (parsed[i] as string).toLowerCase() === source) parsed[i] = targetTenantId;
      for (const i of keyIndexes) if (isUuid(parsed[i]) && (parsed[i] as string).toLowerCase() !== source) parsed[i] = remappedUuid(salt, parsed[i] as string);
      return JSON.stringify(parsed);
    }
    const row = parsed as Record<string, unknown>;
    for (const [column, value] of Object.entries(row)) {
      if (typeof value === 'string' && value.toLowerCase() === source) row[column] = targetTenantId;
    }
    for (const column of keyColumns) {
      const value = row[column];
      if (isUuid(value) && value.toLowerCase() !== source) row[column] = remappedUuid(salt, value);
    }
    return JSON.stringify(row);
  };
}

/** `table.column` of every single-column uuid primary key among the plans: the ids a clone gives new values. */
export function remappedKeys(plans: TablePlan[], uuidColumns: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const p of plans) {
    if (p.primaryKey.length === 1 && uuidColumns.has(`${p.table}.${p.primaryKey[0]}`) && p.primaryKey[0] !== p.tenantColumn) out.add(`${p.table}.${p.primaryKey[0]}`);
  }
  return out;
}

import type { BackupManifest } from '../format/backup-manifest.ts';
import { rowsAreArrays } from '../format/backup-manifest.ts';
import { quoteName } from '../tables/sql-names.ts';
import type { TablePlan } from '../tables/table-plan.ts';

/**
 * SQL for the rows of one batch (arrays holding `columns`) as a relation (to alias `r`), from bind parameter `$<param>` holding the batch's
 * lines joined into one JSON array (bytes). Format 2 rows (arrays of text values) are cast back through each column's type as
 * it is now, which reads exactly what the backed-up column's output wrote; format 1 rows (objects) go through
 * `json_populate_recordset`.
 */
export function rowSource(manifest: Pick<BackupManifest, 'format'>, columns: string[], plan: TablePlan, param: number): string {
  // The parameter is the array's UTF-8 bytes (a Buffer goes to the server as is, as bytea): decoded there, never
  // built as a JavaScript string.
  const json = `convert_from($${param}::bytea, 'UTF8')`;
  if (!rowsAreArrays(manifest)) return `json_populate_recordset(NULL::${quoteName(plan.table)}, ${json}::json)`;
  const fields = columns.map((c, i) => `(e->>${i})::${plan.columnTypes[c] ?? 'text'} AS ${quoteName(c)}`);
  return `(SELECT ${fields.join(', ')} FROM jsonb_array_elements(${json}::jsonb) e)`;
}

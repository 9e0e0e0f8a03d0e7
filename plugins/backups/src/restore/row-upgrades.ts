import { ProblemError } from '@platform/sdk';
import type { BackupRowUpgrade } from '@platform/sdk/data-protection';
import type { BackupPart } from '../format/backup-manifest.ts';
import type { DeclaredTable } from '../tables/declared-data.ts';
import type { TablePlan } from '../tables/table-plan.ts';

/** A batch of rows for one insert: their lines as one JSON array (bytes), how many, and the columns each array holds, in order. */
export interface RowBatch {
  columns: string[];
  rows: number;
  json: Buffer;
}

/** A batch of rows given as NDJSON lines (strings). */
export function batchOfLines(columns: string[], lines: string[]): RowBatch {
  return { columns, rows: lines.length, json: Buffer.from(`[${lines.join(',')}]`) };
}

/**
 * The upgrade steps a restore runs on a table's backed-up rows: those its declaration gives for the plugin's
 * migrations applied since the backup (`newer`), in the order they were applied.
 */
export function upgradesFor(declaration: DeclaredTable | undefined, newer: readonly string[]): BackupRowUpgrade[] {
  const steps = declaration?.upgrades ?? [];
  return newer.flatMap((migration) => steps.filter((s) => s.migration === migration));
}

/** 409 `backup_schema_incompatible`: backed-up columns the table no longer has, with no upgrade step that handles them. */
export function goneColumnsProblem(part: BackupPart, gone: string[], upgraded: boolean): ProblemError {
  return new ProblemError(
    409,
    'backup_schema_incompatible',
    `Columns ${gone.join(', ')} of "${part.table}" in the backup no longer exist: the migrations since dropped or renamed them${upgraded ? ' and the upgrade steps of' : ', and'} "${part.plugin}" ${upgraded ? 'do not bring them forward' : 'declares no upgrade step for them'}; restore refused`,
    { extra: { part: part.name, table: part.table, columns: gone } },
  );
}

/**
 * Runs the upgrade steps on the lines of one part (format 2: arrays in `part.columns` order), batching them by the
 * columns the upgraded rows hold. A step that throws, or an upgraded row with a column the table lacks, refuses the
 * restore (409) naming the part: the restore's transaction rolls back.
 */
export function upgradeRows(part: BackupPart, plan: TablePlan, steps: BackupRowUpgrade[]) {
  return function* (lines: string[]): Generator<RowBatch> {
    let batch: { columns: string[]; lines: string[] } | null = null;
    let key = '';
    for (const line of lines) {
      const values = JSON.parse(line) as (string | null)[];
      let row: Record<string, string | null> = {};
      part.columns.forEach((c, i) => (row[c] = values[i] ?? null));
      for (const step of steps) {
        try {
          row = step.upgrade({ ...row });
        } catch (err) {
          throw new ProblemError(409, 'backup_upgrade_failed', `The upgrade step of "${part.plugin}" for migration ${step.migration} refused a row of "${part.table}": ${(err as Error).message}`, { extra: { part: part.name, table: part.table, migration: step.migration } });
        }
      }
      const columns = Object.keys(row);
      const rowKey = columns.join('\u0000');
      if (!batch || rowKey !== key) {
        const gone = columns.filter((c) => !plan.columns.includes(c));
        if (gone.length > 0) throw goneColumnsProblem(part, gone, true);
        if (batch) yield batchOfLines(batch.columns, batch.lines);
        batch = { columns, lines: [] };
        key = rowKey;
      }
      batch.lines.push(JSON.stringify(columns.map((c) => row[c] ?? null)));
    }
    if (batch) yield batchOfLines(batch.columns, batch.lines);
  };
}

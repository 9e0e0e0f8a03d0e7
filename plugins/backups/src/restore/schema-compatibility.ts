import { ProblemError } from '@platform/sdk';
import type { BackupManifest } from '../format/backup-manifest.ts';
import type { TablePlan } from '../tables/table-plan.ts';
import { goneColumnsProblem } from './row-upgrades.ts';

export interface SchemaComparison {
  /** Per owner, the migrations applied since the backup was taken (its rows take those columns' defaults). */
  newerHere: Record<string, string[]>;
}

/**
 * Whether a backup's rows fit the database as it is now. Same migrations: yes. The backup older (its migrations a
 * prefix of the applied ones) and every backed-up column still there: yes, columns added since take their defaults.
 * A table whose plugin declares upgrade steps for the migrations since (`upgraded`) is checked after its rows are
 * upgraded (row-upgrades.ts). Anything else (a migration here unknown to the backup, a backup taken on a newer version, a backed-up column gone, a
 * table no loaded plugin declares) is refused with 409 naming what differs: never half a restore.
 */
export function compareSchema(manifest: BackupManifest, current: Record<string, string[]>, plans: Map<string, TablePlan>, upgraded: ReadonlySet<string> = new Set()): SchemaComparison {
  const newerHere: Record<string, string[]> = {};
  const owners = new Set(['kernel', ...manifest.plugins]);
  for (const owner of owners) {
    const then = manifest.schema[owner] ?? [];
    const now = current[owner] ?? [];
    const prefix = then.every((name, i) => now[i] === name);
    if (!prefix) {
      const unknown = then.filter((m) => !now.includes(m));
      throw new ProblemError(
        409,
        unknown.length > 0 ? 'backup_schema_newer' : 'backup_schema_diverged',
        unknown.length > 0
          ? `The backup was taken on a newer schema of "${owner}" (migrations ${unknown.join(', ')} are not applied here): upgrade this platform first`
          : `The backup's migrations of "${owner}" differ from the applied ones: restore refused`,
        { extra: { owner, backup: then, applied: now } },
      );
    }
    if (now.length > then.length) newerHere[owner] = now.slice(then.length);
  }
  for (const part of manifest.parts) {
    const plan = plans.get(part.table);
    if (!plan) throw new ProblemError(409, 'backup_table_unknown', `The backup holds table "${part.table}" of "${part.plugin}", which no loaded plugin declares: load that plugin to restore`, { extra: { part: part.name, table: part.table } });
    // A table with upgrade steps is checked row by row, once its rows are upgraded.
    const gone = upgraded.has(part.table) ? [] : part.columns.filter((c) => !plan.columns.includes(c));
    if (gone.length > 0) throw goneColumnsProblem(part, gone, false);
  }
  return { newerHere };
}

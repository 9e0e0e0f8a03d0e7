import { ProblemError, type Database, type EntityManager, type TenantInfo } from '@platform/sdk';
import type { BlobStore } from '@platform/sdk/storage';
import { appliedMigrations } from '../backup/applied-migrations.ts';
import type { BackupPart } from '../format/backup-manifest.ts';
import type { DeclaredTable } from '../tables/declared-data.ts';
import { quoteName } from '../tables/sql-names.ts';
import { planTables, type TablePlan } from '../tables/table-plan.ts';
import { partRows, type OpenedBackup } from './backup-reader.ts';
import { jsonArrayOf, lineBatches, lineStrings } from './row-chunks.ts';
import { cloneRewriter, remappedKeys } from './clone-rows.ts';
import type { BackupRowUpgrade } from '@platform/sdk/data-protection';
import { rowsAreArrays } from '../format/backup-manifest.ts';
import { rowSource } from './row-source.ts';
import { batchOfLines, upgradeRows, upgradesFor, type RowBatch } from './row-upgrades.ts';
import { compareSchema } from './schema-compatibility.ts';

/** Rows per INSERT: one JSON array parameter of at most a few MB. */
const INSERT_ROWS = 2000;
/** The reused buffer of a batch's parameter (a larger batch gets a buffer of its own). */
const BATCH_SCRATCH_BYTES = 2 * 1024 * 1024;

export type RestoreKind = 'replace' | 'clone';

export interface RestoreDeps {
  db: Database;
  blobs: BlobStore;
  declarations: () => DeclaredTable[];
}

export interface TableReport {
  plugin: string;
  table: string;
  part: string;
  /** `replace`, `append` or `none` (backed up, never written back). */
  action: string;
  rowsInBackup: number;
  /** The target tenant's rows now (what `replace` deletes). */
  rowsNow: number;
  /** Backed-up rows whose unique keys are taken by another tenant's rows: the restore would fail on them. */
  conflicts: number;
}

export interface RestorePlanReport {
  mode: RestoreKind;
  sourceTenant: { id: string; slug: string };
  targetTenant: { id: string; slug: string };
  tables: TableReport[];
  totals: { rowsInBackup: number; rowsToDelete: number; rowsToInsert: number; conflicts: number };
  /** Per owner, migrations applied since the backup (columns they added take their defaults). */
  newerHere: Record<string, string[]>;
}

interface Prepared {
  plans: TablePlan[];
  partsByTable: Map<string, BackupPart>;
  rewrite: (plan: TablePlan) => ((line: string) => string) | null;
  /** Per table, columns not written back (a clone's serial keys nothing references: the database numbers them anew). */
  skipped: Map<string, Set<string>>;
  newerHere: Record<string, string[]>;
  /** Per table, the upgrade steps its backed-up rows go through (migrations applied since the backup). */
  upgrades: Map<string, BackupRowUpgrade[]>;
}

async function prepare(deps: RestoreDeps, em: EntityManager, opened: OpenedBackup, target: TenantInfo, mode: RestoreKind): Promise<Prepared> {
  const { manifest } = opened;
  if (mode === 'replace' && target.id !== manifest.tenant.id) throw new ProblemError(400, 'validation_failed', 'A replace restore goes into the tenant the backup was taken from; use mode "clone" for another tenant', { field: 'targetTenantId' });
  if (mode === 'clone' && target.id === manifest.tenant.id) throw new ProblemError(400, 'validation_failed', 'A clone goes into another tenant than the backup\'s', { field: 'targetTenantId' });
  const tables = new Set(manifest.parts.map((p) => p.table));
  const plans = await planTables(deps.db, em, deps.declarations(), (d) => tables.has(d.table));
  const byTable = new Map(plans.map((p) => [p.table, p]));
  const current = await appliedMigrations(deps.db, em);
  const declared = new Map(deps.declarations().map((d) => [d.table, d]));
  const upgrades = new Map<string, BackupRowUpgrade[]>();
  for (const part of manifest.parts) {
    const then = manifest.schema[part.plugin] ?? [];
    const steps = upgradesFor(declared.get(part.table), (current[part.plugin] ?? []).slice(then.length));
    if (steps.length === 0) continue;
    if (!rowsAreArrays(manifest)) throw new ProblemError(409, 'backup_schema_incompatible', `"${part.table}" needs upgrade steps since the backup, and backups of format ${manifest.format} cannot be upgraded: restore refused`, { extra: { part: part.name, table: part.table } });
    upgrades.set(part.table, steps);
  }
  const { newerHere } = compareSchema(manifest, current, byTable, new Set(upgrades.keys()));
  const partsByTable = new Map(manifest.parts.map((p) => [p.table, p]));
  let rewrite: Prepared['rewrite'] = () => null;
  const skipped = new Map<string, Set<string>>();
  if (mode === 'clone') {
    const numbered = await deps.db.sql<{ table: string; column: string }>(
      `SELECT c.relname AS table, a.attname AS column FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1) AND (a.atthasdef OR a.attidentity <> '') AND a.atttypid <> 'uuid'::regtype`,
      [[...tables]],
      em,
    );
    for (const plan of plans) {
      const key = plan.primaryKey.length === 1 ? plan.primaryKey[0]! : null;
      const referenced = plans.some((p) => p.references.some((r) => r.table === plan.table && r.refColumn === key));
      if (key && !referenced && numbered.some((n) => n.table === plan.table && n.column === key)) skipped.set(plan.table, new Set([key]));
    }
    const uuidColumns = await deps.db.sql<{ id: string }>(
      `SELECT c.relname || '.' || a.attname AS id FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
       WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1) AND a.atttypid = 'uuid'::regtype`,
      [[...tables]],
      em,
    );
    const remapped = remappedKeys(plans, new Set(uuidColumns.map((r) => r.id)));
    rewrite = (plan) => cloneRewriter(plan, partsByTable.get(plan.table)!.columns, remapped, manifest.tenant.id, target.id);
  }
  return { plans: plans.filter((p) => partsByTable.has(p.table)), partsByTable, rewrite, skipped, newerHere, upgrades };
}

/**
 * A part's rows in batches of about `INSERT_ROWS` (whole chunks of lines), rewritten for a clone, then upgraded (when
 * steps apply). Rows that need neither stay bytes from the part to the insert's parameter.
 */
async function* rowBatches(deps: RestoreDeps, opened: OpenedBackup, part: BackupPart, plan: TablePlan, prepared: Prepared): AsyncGenerator<RowBatch> {
  const rewrite = prepared.rewrite(plan);
  const steps = prepared.upgrades.get(part.table);
  const upgrade = steps ? upgradeRows(part, plan, steps) : null;
  if (!rewrite && !upgrade) {
    // One buffer holds every batch's parameter in turn: the next batch is built only once the caller has sent this
    // one (a generator runs on when asked for the next), and the restore makes 175 MB less garbage per 1M rows.
    const scratch = Buffer.allocUnsafe(BATCH_SCRATCH_BYTES);
    for await (const batch of lineBatches(partRows(deps.blobs, opened, part), INSERT_ROWS)) {
      if (batch.rows > 0) yield { columns: part.columns, rows: batch.rows, json: jsonArrayOf(batch.pieces, scratch) };
    }
    return;
  }
  let batch: string[] = [];
  const flush = function* (): Generator<RowBatch> {
    if (batch.length === 0) return;
    if (upgrade) yield* upgrade(batch);
    else yield batchOfLines(part.columns, batch);
    batch = [];
  };
  for await (const lines of lineStrings(partRows(deps.blobs, opened, part))) {
    for (const line of lines) {
      batch.push(rewrite ? rewrite(line) : line);
      if (batch.length >= INSERT_ROWS) yield* flush();
    }
  }
  yield* flush();
}

const columnList = (columns: string[], alias = '') => columns.map((c) => `${alias}${quoteName(c)}`).join(', ');

async function countConflicts(deps: RestoreDeps, em: EntityManager, opened: OpenedBackup, plan: TablePlan, target: TenantInfo, batch: RowBatch, skipped: ReadonlySet<string>): Promise<number> {
  const keys = plan.uniqueKeys.filter((k) => !k.some((c) => skipped.has(c) || !batch.columns.includes(c)));
  if (keys.length === 0) return 0;
  const matches = keys.map((key) => `(${columnList(key, 'x.')}) = (${columnList(key, 'r.')})`).join(' OR ');
  const [row] = await deps.db.sql<{ n: string }>(
    `SELECT count(*)::text AS n FROM ${rowSource(opened.manifest, batch.columns, plan, 2)} r
     WHERE EXISTS (SELECT 1 FROM ${quoteName(plan.table)} x WHERE (${matches}) AND NOT (${plan.tenantCondition}))`,
    [target.id, batch.json],
    em,
  );
  return Number(row?.n ?? 0);
}

async function countTenantRows(deps: RestoreDeps, em: EntityManager, plan: TablePlan, target: TenantInfo): Promise<number> {
  const [row] = await deps.db.sql<{ n: string }>(`SELECT count(*)::text AS n FROM ${quoteName(plan.table)} x WHERE ${plan.tenantCondition}`, [target.id], em);
  return Number(row?.n ?? 0);
}

/**
 * The dry run: what a restore of `opened` into `target` would delete and insert, table by table, and which backed-up
 * rows collide with another tenant's (unique keys, the primary key included). Reads every part (so it also verifies
 * them) and writes nothing.
 */
export async function planRestore(deps: RestoreDeps, opened: OpenedBackup, target: TenantInfo, mode: RestoreKind): Promise<RestorePlanReport> {
  const em = deps.db.system();
  const prepared = await prepare(deps, em, opened, target, mode);
  const tables: TableReport[] = [];
  for (const plan of prepared.plans) {
    const part = prepared.partsByTable.get(plan.table)!;
    const rowsNow = await countTenantRows(deps, em, plan, target);
    let conflicts = 0;
    if (plan.mode !== 'none') {
      for await (const batch of rowBatches(deps, opened, part, plan, prepared)) conflicts += await countConflicts(deps, em, opened, plan, target, batch, prepared.skipped.get(plan.table) ?? new Set());
    }
    tables.push({ plugin: plan.plugin, table: plan.table, part: part.name, action: plan.mode, rowsInBackup: part.rows, rowsNow, conflicts });
  }
  const sum = (f: (t: TableReport) => number) => tables.reduce((a, t) => a + f(t), 0);
  return {
    mode,
    sourceTenant: { id: opened.manifest.tenant.id, slug: opened.manifest.tenant.slug },
    targetTenant: { id: target.id, slug: target.slug },
    tables,
    totals: {
      rowsInBackup: sum((t) => t.rowsInBackup),
      rowsToDelete: sum((t) => (t.action === 'replace' ? t.rowsNow : 0)),
      rowsToInsert: sum((t) => (t.action !== 'none' ? t.rowsInBackup : 0)),
      conflicts: sum((t) => t.conflicts),
    },
    newerHere: prepared.newerHere,
  };
}

export interface RestoreOutcome {
  deleted: number;
  inserted: number;
}

/**
 * Restores `opened` into `target` in one transaction: the tenant's rows of every `replace` table are deleted (children
 * first), then each part's rows are inserted (parents first) in batches (`rowSource`); `append`
 * tables only gain the rows they lack. Every chunk is authenticated as it is read, and a part that fails (or a
 * constraint that refuses a row) rolls the whole restore back. `inTransaction` runs last, inside it (the audit entry).
 */
export async function runRestore(
  deps: RestoreDeps,
  opened: OpenedBackup,
  target: TenantInfo,
  mode: RestoreKind,
  onProgress: (done: number, total: number) => void,
  inTransaction: (em: EntityManager, outcome: RestoreOutcome) => Promise<void>,
): Promise<RestoreOutcome> {
  return deps.db.system().transactional(async (em) => {
    const prepared = await prepare(deps, em, opened, target, mode);
    const writable = prepared.plans.filter((p) => p.mode !== 'none');
    const total = writable.reduce((a, p) => a + prepared.partsByTable.get(p.table)!.rows, 0);
    const outcome: RestoreOutcome = { deleted: 0, inserted: 0 };
    onProgress(0, total);
    for (const plan of [...writable].reverse()) {
      if (plan.mode !== 'replace') continue;
      const deleted = await deps.db.sql<{ n: string }>(`WITH d AS (DELETE FROM ${quoteName(plan.table)} x WHERE ${plan.tenantCondition} RETURNING 1) SELECT count(*)::text AS n FROM d`, [target.id], em);
      outcome.deleted += Number(deleted[0]?.n ?? 0);
    }
    let done = 0;
    for (const plan of writable) {
      const part = prepared.partsByTable.get(plan.table)!;
      const skip = prepared.skipped.get(plan.table);
      for await (const batch of rowBatches(deps, opened, part, plan, prepared)) {
        const written = skip ? batch.columns.filter((c) => !skip.has(c)) : batch.columns;
        const columns = columnList(written);
        const onConflict =
          plan.mode === 'append'
            ? ' ON CONFLICT DO NOTHING'
            : plan.mode === 'upsert'
              ? ` ON CONFLICT (${columnList(plan.primaryKey)}) DO UPDATE SET ${written.filter((c) => !plan.primaryKey.includes(c)).map((c) => `${quoteName(c)} = EXCLUDED.${quoteName(c)}`).join(', ') || `${quoteName(plan.primaryKey[0]!)} = EXCLUDED.${quoteName(plan.primaryKey[0]!)}`}`
              : '';
        const insert = `INSERT INTO ${quoteName(plan.table)} (${columns}) OVERRIDING SYSTEM VALUE SELECT ${columns} FROM ${rowSource(opened.manifest, batch.columns, plan, 1)} r${onConflict}`;
        const [row] = await deps.db.sql<{ n: string }>(`WITH i AS (${insert} RETURNING 1) SELECT count(*)::text AS n FROM i`, [batch.json], em);
        done += batch.rows;
        outcome.inserted += Number(row?.n ?? 0);
        onProgress(done, total);
      }
    }
    await inTransaction(em, outcome);
    return outcome;
  });
}

/** Reads every part of `opened` through to its end: hashes, chunk tags, decompression, row counts. Throws naming the first failing part. */
export async function verifyBackup(deps: Pick<RestoreDeps, 'blobs'>, opened: OpenedBackup, onPart?: (part: BackupPart, index: number) => void): Promise<{ parts: number; rows: number }> {
  let rows = 0;
  for (const [i, part] of opened.manifest.parts.entries()) {
    for await (const chunk of partRows(deps.blobs, opened, part)) rows += chunk.rows;
    onPart?.(part, i);
  }
  return { parts: opened.manifest.parts.length, rows };
}

import type { Database } from '@platform/sdk';

export interface BackupRecord {
  id: string;
  tenantId: string;
  scope: 'full' | 'partial';
  plugins: string[];
  status: 'running' | 'completed' | 'failed';
  rowsDone: number;
  rowsTotal: number;
  bytes: number;
  parts: number;
  manifestSha256: string | null;
  error: string | null;
  scheduleId: string | null;
  createdBy: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface RestoreRecord {
  id: string;
  backupId: string;
  sourceTenantId: string;
  tenantId: string;
  mode: 'replace' | 'clone';
  status: 'verifying' | 'restoring' | 'completed' | 'failed';
  rowsDone: number;
  rowsTotal: number;
  rowsDeleted: number;
  rowsInserted: number;
  error: string | null;
  failedPart: string | null;
  createdBy: string | null;
  createdAt: string;
  completedAt: string | null;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v == null ? null : new Date(String(v)).toISOString());

function backupOf(r: Record<string, any>): BackupRecord {
  return {
    id: r.id, tenantId: r.tenant_id, scope: r.scope, plugins: r.plugins ?? [], status: r.status,
    rowsDone: Number(r.rows_done), rowsTotal: Number(r.rows_total), bytes: Number(r.bytes), parts: Number(r.parts),
    manifestSha256: r.manifest_sha256 ?? null, error: r.error ?? null, scheduleId: r.schedule_id ?? null, createdBy: r.created_by ?? null,
    createdAt: iso(r.created_at)!, completedAt: iso(r.completed_at),
  };
}

function restoreOf(r: Record<string, any>): RestoreRecord {
  return {
    id: r.id, backupId: r.backup_id, sourceTenantId: r.source_tenant_id, tenantId: r.tenant_id, mode: r.mode, status: r.status,
    rowsDone: Number(r.rows_done), rowsTotal: Number(r.rows_total), rowsDeleted: Number(r.rows_deleted), rowsInserted: Number(r.rows_inserted),
    error: r.error ?? null, failedPart: r.failed_part ?? null, createdBy: r.created_by ?? null, createdAt: iso(r.created_at)!, completedAt: iso(r.completed_at),
  };
}

/** A running backup or restore whose heartbeat is older than this is taken as dead (its instance stopped). */
export const STALE_AFTER_SECONDS = 600;

/** The backups plugin's own rows: backups, restores, with their progress. */
export class BackupRecords {
  constructor(private readonly db: Database) {}

  async createBackup(r: { id: string; tenantId: string; scope: 'full' | 'partial'; plugins: string[]; scheduleId: string | null; createdBy: string | null }): Promise<BackupRecord> {
    const [row] = await this.db.sql(
      `INSERT INTO backups_backups (id, tenant_id, scope, plugins, status, schedule_id, created_by) VALUES ($1, $2, $3, $4, 'running', $5, $6) RETURNING *`,
      [r.id, r.tenantId, r.scope, r.plugins, r.scheduleId, r.createdBy],
    );
    return backupOf(row!);
  }

  async backupProgress(id: string, done: number, total: number): Promise<void> {
    await this.db.sql(`UPDATE backups_backups SET rows_done = $2, rows_total = $3, heartbeat_at = now() WHERE id = $1 AND status = 'running'`, [id, done, total]);
  }

  async finishBackup(id: string, r: { rowsDone: number; bytes: number; parts: number; manifestSha256: string }): Promise<void> {
    await this.db.sql(
      `UPDATE backups_backups SET status = 'completed', rows_done = $2, rows_total = $2, bytes = $3, parts = $4, manifest_sha256 = $5, completed_at = now(), heartbeat_at = now() WHERE id = $1`,
      [id, r.rowsDone, r.bytes, r.parts, r.manifestSha256],
    );
  }

  async failBackup(id: string, error: string): Promise<void> {
    await this.db.sql(`UPDATE backups_backups SET status = 'failed', error = $2, completed_at = now() WHERE id = $1`, [id, error.slice(0, 2000)]);
  }

  async getBackup(id: string): Promise<BackupRecord | null> {
    const [row] = await this.db.sql(`SELECT * FROM backups_backups WHERE id = $1`, [id]);
    return row ? backupOf(row) : null;
  }

  /** Newest first; `tenantIds` null: every tenant. */
  async listBackups(tenantIds: readonly string[] | null, opts: { limit: number; offset: number; status?: string }): Promise<{ rows: BackupRecord[]; total: number }> {
    const where = ['($1::uuid[] IS NULL OR tenant_id = ANY($1::uuid[]))', '($2::text IS NULL OR status = $2)'];
    const params = [tenantIds, opts.status ?? null];
    const rows = await this.db.sql(`SELECT * FROM backups_backups WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id LIMIT ${opts.limit} OFFSET ${opts.offset}`, params);
    const [count] = await this.db.sql<{ n: string }>(`SELECT count(*)::text AS n FROM backups_backups WHERE ${where.join(' AND ')}`, params);
    return { rows: rows.map(backupOf), total: Number(count?.n ?? 0) };
  }

  async completedBackupsOfSchedule(scheduleId: string, tenantId: string): Promise<BackupRecord[]> {
    const rows = await this.db.sql(`SELECT * FROM backups_backups WHERE schedule_id = $1 AND tenant_id = $2 AND status = 'completed' ORDER BY created_at DESC`, [scheduleId, tenantId]);
    return rows.map(backupOf);
  }

  async deleteBackup(id: string): Promise<void> {
    await this.db.sql(`DELETE FROM backups_backups WHERE id = $1`, [id]);
  }

  async createRestore(r: { id: string; backupId: string; sourceTenantId: string; tenantId: string; mode: 'replace' | 'clone'; createdBy: string | null }): Promise<RestoreRecord> {
    const [row] = await this.db.sql(
      `INSERT INTO backups_restores (id, backup_id, source_tenant_id, tenant_id, mode, status, created_by) VALUES ($1, $2, $3, $4, $5, 'verifying', $6) RETURNING *`,
      [r.id, r.backupId, r.sourceTenantId, r.tenantId, r.mode, r.createdBy],
    );
    return restoreOf(row!);
  }

  async restoreProgress(id: string, status: RestoreRecord['status'], done: number, total: number): Promise<void> {
    await this.db.sql(`UPDATE backups_restores SET status = $2, rows_done = $3, rows_total = $4, heartbeat_at = now() WHERE id = $1 AND status IN ('verifying', 'restoring')`, [id, status, done, total]);
  }

  async finishRestore(id: string, r: { deleted: number; inserted: number }): Promise<void> {
    await this.db.sql(`UPDATE backups_restores SET status = 'completed', rows_done = rows_total, rows_deleted = $2, rows_inserted = $3, completed_at = now() WHERE id = $1`, [id, r.deleted, r.inserted]);
  }

  async failRestore(id: string, error: string, failedPart: string | null): Promise<void> {
    await this.db.sql(`UPDATE backups_restores SET status = 'failed', error = $2, failed_part = $3, completed_at = now() WHERE id = $1`, [id, error.slice(0, 2000), failedPart]);
  }

  async getRestore(id: string): Promise<RestoreRecord | null> {
    const [row] = await this.db.sql(`SELECT * FROM backups_restores WHERE id = $1`, [id]);
    return row ? restoreOf(row) : null;
  }

  async listRestores(tenantIds: readonly string[] | null, opts: { limit: number; offset: number }): Promise<{ rows: RestoreRecord[]; total: number }> {
    const where = '($1::uuid[] IS NULL OR tenant_id = ANY($1::uuid[]) OR source_tenant_id = ANY($1::uuid[]))';
    const rows = await this.db.sql(`SELECT * FROM backups_restores WHERE ${where} ORDER BY created_at DESC, id LIMIT ${opts.limit} OFFSET ${opts.offset}`, [tenantIds]);
    const [count] = await this.db.sql<{ n: string }>(`SELECT count(*)::text AS n FROM backups_restores WHERE ${where}`, [tenantIds]);
    return { rows: rows.map(restoreOf), total: Number(count?.n ?? 0) };
  }

  /** Backups and restores left running by an instance that stopped: marked failed. */
  async failStale(): Promise<void> {
    await this.db.sql(`UPDATE backups_backups SET status = 'failed', error = 'interrupted (no progress for ${STALE_AFTER_SECONDS} s)', completed_at = now() WHERE status = 'running' AND heartbeat_at < now() - interval '${STALE_AFTER_SECONDS} seconds'`);
    await this.db.sql(`UPDATE backups_restores SET status = 'failed', error = 'interrupted (no progress for ${STALE_AFTER_SECONDS} s)', completed_at = now() WHERE status IN ('verifying', 'restoring') AND heartbeat_at < now() - interval '${STALE_AFTER_SECONDS} seconds'`);
  }
}

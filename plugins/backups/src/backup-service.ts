import { randomUUID } from 'node:crypto';
import { ProblemError, type AuditWriter, type Database, type Logger, type SecretSealer, type TenantDirectory, type TenantInfo } from '@platform/sdk';
import { pinnedBlobStore, type BlobStore } from '@platform/sdk/storage';
import type { TenantProvisioning } from '@platform/sdk/accounts';
import { coveredPlugins, writeBackup } from './backup/backup-writer.ts';
import { backupFolder } from './format/backup-manifest.ts';
import type { PartCompression } from './format/part-compression.ts';
import { BackupRecords, type BackupRecord, type RestoreRecord } from './records/backup-records.ts';
import { openBackup } from './restore/backup-reader.ts';
import { planRestore, runRestore, verifyBackup, type RestoreKind, type RestorePlanReport } from './restore/restore-runner.ts';
import type { DeclaredTable } from './tables/declared-data.ts';
import { createHash } from 'node:crypto';

export interface BackupServiceDeps {
  db: Database;
  blobs: BlobStore;
  secrets: SecretSealer;
  tenants: TenantDirectory;
  audit: AuditWriter;
  logger: Logger;
  declarations: () => DeclaredTable[];
  kernelVersion: string;
  provisioning: TenantProvisioning;
}

/** A tenant a clone creates: its slug and name. */
export interface NewTenantRequest {
  slug: string;
  name: string;
}

export interface Caller {
  actorId: string | null;
  actorType: string;
  requestId: string | null;
}

/** Calls `write` at most every `ms` (and always for the last value when `flush` is called). */
function throttled(ms: number, write: (done: number, total: number) => Promise<void>) {
  let last = 0;
  let pending: Promise<void> = Promise.resolve();
  return {
    report(done: number, total: number) {
      const now = Date.now();
      if (now - last < ms) return;
      last = now;
      pending = pending.then(() => write(done, total)).catch(() => undefined);
    },
    flush: () => pending,
  };
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Records an outcome (a backup or restore failed) even when the database is what failed: tries again every second
 * for up to a minute, so the row does not stay `running` once the database is back.
 */
async function recordOutcome(write: () => Promise<void>, logger: Logger, what: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= 60) {
        logger.error({ err }, `${what}: the outcome could not be recorded`);
        return;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

/** Backups and restores of tenants: runs them in the background with their progress in the database. */
export class BackupService {
  readonly records: BackupRecords;
  /**
   * How the backups this instance writes compress their parts: `gzip` (format 2, the default: once decrypted, a part
   * is a plain .gz any tool reads) or `brotli` (format 3: about half the CPU and a sixth smaller; see
   * format/part-compression.ts for the figures). Both are always read.
   */
  partCompression: PartCompression = 'gzip';
  /** Work started by this instance and not finished (tests and shutdown wait for it). */
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: BackupServiceDeps) {
    this.records = new BackupRecords(deps.db);
  }

  async tenant(idOrSlug: string, field: string): Promise<TenantInfo> {
    const t = await this.deps.tenants.get(idOrSlug);
    if (!t || t.status === 'deleted') throw new ProblemError(404, 'not_found', `Tenant ${idOrSlug} not found`, { field });
    return t;
  }

  /** Plugins that declare tenant data (what a partial backup chooses from), with their tables. */
  declaringPlugins(): { plugin: string; tables: string[] }[] {
    const all = this.deps.declarations();
    return coveredPlugins(all, null).map((plugin) => ({ plugin, tables: all.filter((d) => d.plugin === plugin).map((d) => d.table) }));
  }

  /** Creates the backup's row and runs it in the background; answers the row (status `running`). */
  async startBackup(tenant: TenantInfo, plugins: string[] | null, caller: Caller, scheduleId: string | null = null): Promise<BackupRecord> {
    if (plugins) {
      const known = new Set(this.declaringPlugins().map((p) => p.plugin));
      const unknown = plugins.filter((p) => !known.has(p));
      if (unknown.length > 0) throw new ProblemError(400, 'validation_failed', `No loaded plugin named ${unknown.join(', ')} declares tenant data`, { field: 'plugins' });
    }
    const id = randomUUID();
    const record = await this.records.createBackup({ id, tenantId: tenant.id, scope: plugins ? 'partial' : 'full', plugins: plugins ?? [], scheduleId, createdBy: caller.actorType === 'user' ? caller.actorId : null });
    const work = this.runBackup(record, tenant, plugins, caller).finally(() => this.running.delete(id));
    this.running.set(id, work);
    return record;
  }

  private async runBackup(record: BackupRecord, tenant: TenantInfo, plugins: string[] | null, caller: Caller): Promise<void> {
    const progress = throttled(250, (done, total) => this.records.backupProgress(record.id, done, total));
    try {
      // Pinned: the backup's transaction may hold the embedded database's only connection while parts are written.
      const blobs = await pinnedBlobStore(this.deps.blobs);
      const manifest = await writeBackup(
        { db: this.deps.db, blobs, secrets: this.deps.secrets, declarations: this.deps.declarations, kernelVersion: this.deps.kernelVersion, compression: this.partCompression },
        { backupId: record.id, tenant, plugins, onProgress: progress.report },
      );
      await progress.flush();
      const rows = manifest.parts.reduce((a, p) => a + p.rows, 0);
      const bytes = manifest.parts.reduce((a, p) => a + p.bytes, 0);
      await this.records.finishBackup(record.id, { rowsDone: rows, bytes, parts: manifest.parts.length, manifestSha256: createHash('sha256').update(JSON.stringify(manifest)).digest('hex') });
      await this.deps.audit.record({ action: 'backups.backup_created', tenantId: null, targetType: 'tenant', targetId: tenant.id, after: { backupId: record.id, tenant: tenant.slug, scope: manifest.scope, plugins: manifest.plugins, rows, bytes }, actorId: caller.actorId, actorType: caller.actorType, requestId: caller.requestId });
    } catch (err) {
      await progress.flush();
      this.deps.logger.error({ err, backupId: record.id }, 'backup failed');
      // The parts written so far are useless without a manifest: removed before the backup shows as failed.
      await recordOutcome(() => this.deleteBlobs(tenant.id, record.id), this.deps.logger, `backup ${record.id} (its parts)`);
      await recordOutcome(() => this.records.failBackup(record.id, messageOf(err)), this.deps.logger, `backup ${record.id}`);
    }
  }

  /** Resolves when the backup or restore `id` started here has finished (at once when none is running). */
  async settled(id: string): Promise<void> {
    await this.running.get(id)?.catch(() => undefined);
  }

  async settleAll(): Promise<void> {
    await Promise.all([...this.running.values()].map((p) => p.catch(() => undefined)));
  }

  async backup(id: string): Promise<BackupRecord> {
    const record = await this.records.getBackup(id);
    if (!record) throw new ProblemError(404, 'not_found', 'Backup not found');
    return record;
  }

  private async completedBackup(id: string): Promise<BackupRecord> {
    const record = await this.backup(id);
    if (record.status !== 'completed') throw new ProblemError(409, 'backup_not_completed', `Backup ${id} is ${record.status}`);
    return record;
  }

  private async deleteBlobs(tenantId: string, backupId: string): Promise<void> {
    for (const blob of await this.deps.blobs.list(`${backupFolder(tenantId, backupId)}/`)) await this.deps.blobs.delete(blob.key);
  }

  async deleteBackup(id: string, caller: Caller): Promise<void> {
    const record = await this.backup(id);
    if (record.status === 'running') throw new ProblemError(409, 'backup_running', 'A running backup cannot be deleted');
    await this.deleteBlobs(record.tenantId, id);
    await this.records.deleteBackup(id);
    await this.deps.audit.record({ action: 'backups.backup_deleted', tenantId: null, targetType: 'tenant', targetId: record.tenantId, before: { backupId: id, createdAt: record.createdAt }, actorId: caller.actorId, actorType: caller.actorType, requestId: caller.requestId });
  }

  /** Reads every part through: hashes, chunk tags, row counts. Throws 422 `backup_corrupt` naming the failing part. */
  async verify(id: string): Promise<{ ok: true; parts: number; rows: number }> {
    const record = await this.completedBackup(id);
    const opened = await openBackup(this.deps.blobs, this.deps.secrets, record.tenantId, id);
    return { ok: true, ...(await verifyBackup({ blobs: this.deps.blobs }, opened)) };
  }

  async dryRun(id: string, mode: RestoreKind, target: TenantInfo): Promise<RestorePlanReport & { verified: { parts: number; rows: number } }> {
    const record = await this.completedBackup(id);
    const opened = await openBackup(this.deps.blobs, this.deps.secrets, record.tenantId, id);
    const verified = await verifyBackup({ blobs: this.deps.blobs }, opened);
    return { ...(await planRestore(await this.restoreDeps(), opened, target, mode)), verified };
  }

  private async restoreDeps() {
    return { db: this.deps.db, blobs: await pinnedBlobStore(this.deps.blobs), declarations: this.deps.declarations };
  }

  /**
   * Checks the typed confirmation (the target tenant's slug), then in the background: verifies every part, and only
   * then restores in one transaction with its audit entry. Answers the restore's row (status `verifying`).
   */
  async startRestore(id: string, mode: RestoreKind, target: TenantInfo, confirm: string, caller: Caller, createdTenant = false): Promise<RestoreRecord> {
    const record = await this.completedBackup(id);
    if (confirm !== target.slug) throw new ProblemError(400, 'confirmation_mismatch', `Type the slug of the tenant restored into ("${target.slug}") to confirm`, { field: 'confirm' });
    if (mode === 'replace' && target.id !== record.tenantId) throw new ProblemError(400, 'validation_failed', 'A replace restore goes into the tenant the backup was taken from; use mode "clone" for another tenant', { field: 'targetTenantId' });
    if (mode === 'clone' && target.id === record.tenantId) throw new ProblemError(400, 'validation_failed', 'A clone goes into another tenant than the backup\'s', { field: 'targetTenantId' });
    const restoreId = randomUUID();
    const restore = await this.records.createRestore({ id: restoreId, backupId: id, sourceTenantId: record.tenantId, tenantId: target.id, mode, createdBy: caller.actorType === 'user' ? caller.actorId : null });
    const work = this.runRestore(restore, record, target, mode, caller, createdTenant).finally(() => this.running.delete(restoreId));
    this.running.set(restoreId, work);
    return restore;
  }

  /** What a dry run of a clone into a tenant not created yet plans against: no rows, a fresh id. */
  async newTenantPlaceholder(fresh: NewTenantRequest): Promise<TenantInfo> {
    await this.slugAvailable(fresh.slug);
    return { id: randomUUID(), slug: fresh.slug, name: fresh.name, status: 'active' } as TenantInfo;
  }

  private async slugAvailable(slug: string): Promise<void> {
    if (!(await this.deps.provisioning.isSlugAvailable(slug))) throw new ProblemError(409, 'slug_taken', `A tenant with slug "${slug}" exists (or existed): choose another for the clone`, { field: 'newTenant.slug' });
  }

  /**
   * A clone into a new tenant: the typed confirmation is the new slug; the backup's manifest is authenticated before
   * anything is created; then the tenant is created and provisioned (`TENANT_PROVISIONING`, audited as created by the
   * caller) and the clone runs into it as any other. Parts are verified in the background before any row is written: a
   * part that fails leaves the new tenant created and empty, which the restore's error says.
   */
  async startCloneIntoNewTenant(id: string, fresh: NewTenantRequest, confirm: string, caller: Caller): Promise<RestoreRecord & { createdTenant: TenantInfo }> {
    const record = await this.completedBackup(id);
    if (confirm !== fresh.slug) throw new ProblemError(400, 'confirmation_mismatch', `Type the slug of the new tenant ("${fresh.slug}") to confirm`, { field: 'confirm' });
    await this.slugAvailable(fresh.slug);
    await openBackup(this.deps.blobs, this.deps.secrets, record.tenantId, id);
    const created = await this.deps.provisioning.create({ slug: fresh.slug, name: fresh.name }, { label: `backups.clone of backup ${id}`, actorId: caller.actorType === 'user' ? caller.actorId : null, requestId: caller.requestId });
    const tenant = await this.tenant(created.id, 'newTenant');
    return { ...(await this.startRestore(id, 'clone', tenant, confirm, caller, true)), createdTenant: tenant };
  }

  private async runRestore(restore: RestoreRecord, backup: BackupRecord, target: TenantInfo, mode: RestoreKind, caller: Caller, createdTenant: boolean): Promise<void> {
    let phase: RestoreRecord['status'] = 'verifying';
    const progress = throttled(250, (done, total) => this.records.restoreProgress(restore.id, phase, done, total));
    try {
      const opened = await openBackup(this.deps.blobs, this.deps.secrets, backup.tenantId, backup.id);
      const total = opened.manifest.parts.reduce((a, p) => a + p.rows, 0);
      let verifiedRows = 0;
      await verifyBackup({ blobs: this.deps.blobs }, opened, (part) => {
        verifiedRows += part.rows;
        progress.report(verifiedRows, total);
      });
      phase = 'restoring';
      await progress.flush();
      await this.records.restoreProgress(restore.id, phase, 0, total);
      const outcome = await runRestore(await this.restoreDeps(), opened, target, mode, progress.report, async (em, o) => {
        await this.deps.audit.record(
          {
            action: 'backups.restored',
            tenantId: null,
            targetType: 'tenant',
            targetId: target.id,
            after: { restoreId: restore.id, backupId: backup.id, mode, sourceTenant: opened.manifest.tenant.slug, targetTenant: target.slug, rowsDeleted: o.deleted, rowsInserted: o.inserted },
            actorId: caller.actorId,
            actorType: caller.actorType,
            requestId: caller.requestId,
          },
          em,
        );
      });
      await progress.flush();
      await this.records.finishRestore(restore.id, outcome);
    } catch (err) {
      await progress.flush();
      const part = err instanceof ProblemError ? ((err.extra?.part as string | undefined) ?? null) : null;
      this.deps.logger.warn({ err, restoreId: restore.id }, 'restore failed');
      const message = createdTenant ? `${messageOf(err)} (the tenant ${target.slug} was created for this clone and is left empty)` : messageOf(err);
      await recordOutcome(() => this.records.failRestore(restore.id, message, part), this.deps.logger, `restore ${restore.id}`);
    }
  }

  async restore(id: string): Promise<RestoreRecord> {
    const record = await this.records.getRestore(id);
    if (!record) throw new ProblemError(404, 'not_found', 'Restore not found');
    return record;
  }
}

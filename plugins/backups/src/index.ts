import { fileURLToPath } from 'node:url';
import { definePlugin } from '@platform/sdk';
import { DATA_DECLARATIONS, type DataDeclarationRegistry } from '@platform/sdk/data-protection';
import { TENANT_PROVISIONING, type TenantProvisioning } from '@platform/sdk/accounts';
import { BLOB_STORE, type BlobStore } from '@platform/sdk/storage';
import { BackupService } from './backup-service.ts';
import { backupDataDeclarations } from './data-declarations.ts';
import { backupPermissions, BACKUP_PERMISSIONS } from './permissions.ts';
import { addBackupRoutes } from './routes/backup-routes.ts';
import { addRestoreRoutes } from './routes/restore-routes.ts';
import { addScheduleRoutes } from './routes/schedule-routes.ts';
import { runDueSchedules } from './schedules/schedule-job.ts';
import { ScheduleRecords } from './schedules/schedule-records.ts';

/** DI key of the plugin's {@link BackupService} (tests and the benchmark drive it directly). */
export const BACKUP_SERVICE = 'backups.service';

/**
 * Per-tenant logical backups and restore, over the data declarations of every loaded plugin (and the kernel's):
 * each declared table streamed with COPY TO STDOUT as NDJSON, compressed (gzip; brotli on request), sealed in authenticated AES-256-GCM chunks under a
 * per-backup data key wrapped by the platform key, with a signed SHA-256 manifest, into the blob store (`storage`).
 * Restore replaces the tenant's rows or clones them into another tenant (existing, or created by the clone), after a dry run and a verification of every
 * part, in one transaction, confirmed by typing the tenant's slug, audited. Daily schedules with retention.
 *
 * Routes under `/api/backups/`: `plugins`, `backups` (+ `/:id`, `/:id/verify`, `/:id/restore/dry-run`, `/:id/restore`),
 * `restores` (+ `/:id`), `schedules` (+ `/:id`). All are platform staff's.
 */
export default definePlugin({
  name: 'backups',
  version: '0.1.0',
  kernel: '^0.1.0',
  description: 'Per-tenant logical backups and restore: encrypted, streamed, verified',
  scope: 'platform',
  dependsOn: ['storage'],
  permissions: backupPermissions,
  migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
  data: backupDataDeclarations,
  nav: [{ id: 'backups.backups', label: 'Backups', path: '/backups', icon: 'Backup', section: 'operations', order: 60, permission: BACKUP_PERMISSIONS.read, audience: 'staff' }],

  boot(ctx) {
    const registry = ctx.resolve<DataDeclarationRegistry>(DATA_DECLARATIONS);
    const service = new BackupService({
      db: ctx.db,
      blobs: ctx.resolve<BlobStore>(BLOB_STORE),
      secrets: ctx.secrets,
      tenants: ctx.tenants,
      audit: ctx.audit,
      logger: ctx.logger,
      declarations: () => registry.list(),
      kernelVersion: ctx.kernel.version,
      provisioning: ctx.resolve<TenantProvisioning>(TENANT_PROVISIONING),
    });
    ctx.provide(BACKUP_SERVICE, service);
    const schedules = new ScheduleRecords(ctx.db);
    addBackupRoutes(ctx.routes, service);
    addRestoreRoutes(ctx.routes, service);
    addScheduleRoutes(ctx.routes, service, schedules);
    ctx.jobs.define({ name: 'run-schedules', everySeconds: 60, handler: (job) => runDueSchedules({ service, schedules, tenants: ctx.tenants, logger: ctx.logger }, job.scheduledAt) });
  },

  async shutdown(ctx) {
    await ctx.resolve<BackupService>(BACKUP_SERVICE).settleAll();
  },
});

export type { BackupService } from './backup-service.ts';
export type { BackupManifest, BackupPart } from './format/backup-manifest.ts';
export { backupsToPrune, scheduleDue } from './schedules/retention.ts';

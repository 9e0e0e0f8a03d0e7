import { ListQuerystring, parseListParams, setContentRange, Type, type PlatformReply, type PlatformRequest, type RouteRegistrar } from '@platform/sdk';
import type { BackupService } from '../backup-service.ts';
import { BACKUP_PERMISSIONS } from '../permissions.ts';
import { callerOf } from './caller.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const PluginName = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' });
/** A tenant's id or slug. */
const TenantRef = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9-]+$' });

export const CreateBackupBody = Type.Object(
  {
    tenantId: TenantRef,
    /** Absent or null: a full backup; else the plugins (`kernel` for the kernel's tables) to cover. */
    plugins: Type.Optional(Type.Union([Type.Array(PluginName, { minItems: 1, maxItems: 200, uniqueItems: true }), Type.Null()])),
  },
  { additionalProperties: false },
);

export function addBackupRoutes(routes: RouteRegistrar, service: BackupService): void {
  routes.add({
    method: 'GET',
    url: '/plugins',
    permission: BACKUP_PERMISSIONS.read,
    tenantScoped: false,
    schema: { summary: 'Plugins that declare tenant data (what a partial backup chooses from), with their tables' },
    handler: () => service.declaringPlugins(),
  });

  routes.add({
    method: 'GET',
    url: '/backups',
    permission: BACKUP_PERMISSIONS.read,
    tenantScoped: false,
    schema: { summary: 'Backups, newest first; filter tenantId, status', querystring: ListQuerystring },
    async handler(req: PlatformRequest<{ Querystring: { sort?: string; range?: string; filter?: string } }>, reply: PlatformReply) {
      const q = parseListParams(req.query, { sort: ['createdAt'], filter: { tenantId: 'uuid', status: 'string' } });
      const tenantIds = req.ctx.tenantsNamed('filter.tenantId', (q.filter.tenantId as string | string[] | undefined) ?? null);
      const { rows, total } = await service.records.listBackups(tenantIds, { limit: q.limit, offset: q.offset, ...(typeof q.filter.status === 'string' ? { status: q.filter.status } : {}) });
      setContentRange(reply, 'backups', q.offset, rows.length, total);
      return rows;
    },
  });

  routes.add({
    method: 'POST',
    url: '/backups',
    permission: BACKUP_PERMISSIONS.manage,
    tenantScoped: false,
    schema: { summary: 'Start a backup of one tenant, full or of chosen plugins; runs in the background (poll GET /backups/:id for progress)', body: CreateBackupBody },
    async handler(req: PlatformRequest<{ Body: { tenantId: string; plugins?: string[] | null } }>, reply: PlatformReply) {
      const tenant = await service.tenant(req.body.tenantId, 'tenantId');
      req.ctx.tenantsNamed('tenantId', tenant.id);
      reply.status(202);
      return service.startBackup(tenant, req.body.plugins ?? null, callerOf(req.ctx));
    },
  });

  routes.add({
    method: 'GET',
    url: '/backups/:id',
    permission: BACKUP_PERMISSIONS.read,
    tenantScoped: false,
    schema: { summary: 'One backup with its progress (rowsDone / rowsTotal)', params: IdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      const backup = await service.backup(req.params.id);
      req.ctx.tenantsNamed('id', backup.tenantId);
      return backup;
    },
  });

  routes.add({
    method: 'DELETE',
    url: '/backups/:id',
    permission: BACKUP_PERMISSIONS.manage,
    tenantScoped: false,
    schema: { summary: 'Delete a backup and its stored parts', params: IdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>, reply: PlatformReply) {
      const backup = await service.backup(req.params.id);
      req.ctx.tenantsNamed('id', backup.tenantId);
      await service.deleteBackup(req.params.id, callerOf(req.ctx));
      reply.status(204);
    },
  });

  routes.add({
    method: 'POST',
    url: '/backups/:id/verify',
    permission: BACKUP_PERMISSIONS.read,
    tenantScoped: false,
    schema: { summary: 'Verify every part (SHA-256, chunk authentication, row counts); 422 backup_corrupt names the failing part', params: IdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      const backup = await service.backup(req.params.id);
      req.ctx.tenantsNamed('id', backup.tenantId);
      return service.verify(req.params.id);
    },
  });
}

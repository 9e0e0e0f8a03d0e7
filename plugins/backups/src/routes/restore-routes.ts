import { ProblemError, ListQuerystring, parseListParams, setContentRange, Type, type PlatformReply, type PlatformRequest, type RouteRegistrar } from '@platform/sdk';
import type { BackupService, NewTenantRequest } from '../backup-service.ts';
import { BACKUP_PERMISSIONS } from '../permissions.ts';
import type { RestoreKind } from '../restore/restore-runner.ts';
import { callerOf } from './caller.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const TenantRef = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9-]+$' });
const Mode = Type.Union([Type.Literal('replace'), Type.Literal('clone')]);

/** A clone into a tenant that does not exist yet: created (and provisioned) by the restore. */
const NewTenantBody = Type.Object(
  { slug: Type.String({ minLength: 1, maxLength: 63, pattern: '^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$' }), name: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

const DryRunBody = Type.Object(
  {
    mode: Mode,
    /** The tenant restored into (id or slug): the backup's own for `replace` (default), another one for `clone`. */
    targetTenantId: Type.Optional(TenantRef),
    /** `clone` only, instead of `targetTenantId`: a new tenant to create and clone into. */
    newTenant: Type.Optional(NewTenantBody),
  },
  { additionalProperties: false },
);

const RestoreBody = Type.Object(
  {
    mode: Mode,
    targetTenantId: Type.Optional(TenantRef),
    newTenant: Type.Optional(NewTenantBody),
    /** The slug of the tenant restored into, typed by the operator. */
    confirm: Type.String({ minLength: 1, maxLength: 100 }),
  },
  { additionalProperties: false },
);

export function addRestoreRoutes(routes: RouteRegistrar, service: BackupService): void {
  const newTenantOf = (body: { mode: RestoreKind; targetTenantId?: string; newTenant?: NewTenantRequest }): NewTenantRequest | null => {
    if (!body.newTenant) return null;
    if (body.mode !== 'clone') throw new ProblemError(400, 'validation_failed', 'A new tenant can only be the target of a clone', { field: 'newTenant' });
    if (body.targetTenantId) throw new ProblemError(400, 'validation_failed', 'Give either targetTenantId or newTenant, not both', { field: 'newTenant' });
    return body.newTenant;
  };
  const targetOf = async (req: PlatformRequest<any>, backupTenantId: string, given: string | undefined) => {
    const target = given ? await service.tenant(given, 'targetTenantId') : await service.tenant(backupTenantId, 'targetTenantId');
    req.ctx.tenantsNamed('targetTenantId', target.id);
    return target;
  };

  routes.add({
    method: 'POST',
    url: '/backups/:id/restore/dry-run',
    permission: BACKUP_PERMISSIONS.restore,
    tenantScoped: false,
    schema: { summary: 'Dry run: verify every part, then report per table the rows to delete and insert and the conflicts; writes nothing', params: IdParams, body: DryRunBody },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body: { mode: RestoreKind; targetTenantId?: string; newTenant?: NewTenantRequest } }>) {
      const backup = await service.backup(req.params.id);
      req.ctx.tenantsNamed('id', backup.tenantId);
      const fresh = newTenantOf(req.body);
      if (fresh) return service.dryRun(req.params.id, 'clone', await service.newTenantPlaceholder(fresh));
      return service.dryRun(req.params.id, req.body.mode, await targetOf(req, backup.tenantId, req.body.targetTenantId));
    },
  });

  routes.add({
    method: 'POST',
    url: '/backups/:id/restore',
    permission: BACKUP_PERMISSIONS.restore,
    tenantScoped: false,
    schema: {
      summary: 'Restore (replace: into the backup\'s tenant; clone: into another): confirmed by typing the target\'s slug; verifies every part, then restores in one transaction in the background (poll GET /restores/:id)',
      params: IdParams,
      body: RestoreBody,
    },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body: { mode: RestoreKind; targetTenantId?: string; newTenant?: NewTenantRequest; confirm: string } }>, reply: PlatformReply) {
      const backup = await service.backup(req.params.id);
      req.ctx.tenantsNamed('id', backup.tenantId);
      const fresh = newTenantOf(req.body);
      if (fresh) {
        const started = await service.startCloneIntoNewTenant(req.params.id, fresh, req.body.confirm, callerOf(req.ctx));
        reply.status(202);
        return started;
      }
      const target = await targetOf(req, backup.tenantId, req.body.targetTenantId);
      reply.status(202);
      return service.startRestore(req.params.id, req.body.mode, target, req.body.confirm, callerOf(req.ctx));
    },
  });

  routes.add({
    method: 'GET',
    url: '/restores',
    permission: BACKUP_PERMISSIONS.read,
    tenantScoped: false,
    schema: { summary: 'Restores, newest first; filter tenantId (source or target)', querystring: ListQuerystring },
    async handler(req: PlatformRequest<{ Querystring: { sort?: string; range?: string; filter?: string } }>, reply: PlatformReply) {
      const q = parseListParams(req.query, { sort: ['createdAt'], filter: { tenantId: 'uuid' } });
      const tenantIds = req.ctx.tenantsNamed('filter.tenantId', (q.filter.tenantId as string | string[] | undefined) ?? null);
      const { rows, total } = await service.records.listRestores(tenantIds, { limit: q.limit, offset: q.offset });
      setContentRange(reply, 'restores', q.offset, rows.length, total);
      return rows;
    },
  });

  routes.add({
    method: 'GET',
    url: '/restores/:id',
    permission: BACKUP_PERMISSIONS.read,
    tenantScoped: false,
    schema: { summary: 'One restore with its phase (verifying, restoring) and progress', params: IdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      const restore = await service.restore(req.params.id);
      req.ctx.tenantsNamed('id', restore.tenantId);
      return restore;
    },
  });
}

import { randomUUID } from 'node:crypto';
import { ProblemError, Type, type PlatformReply, type PlatformRequest, type RouteRegistrar } from '@platform/sdk';
import type { BackupService } from '../backup-service.ts';
import { BACKUP_PERMISSIONS } from '../permissions.ts';
import type { ScheduleInput, ScheduleRecords } from '../schedules/schedule-records.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const ScheduleBody = Type.Object(
  {
    /** A tenant's id or slug; absent or null: every active tenant. */
    tenantId: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9-]+$' }), Type.Null()])),
    plugins: Type.Optional(Type.Union([Type.Array(Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' }), { minItems: 1, maxItems: 200, uniqueItems: true }), Type.Null()])),
    hourUtc: Type.Integer({ minimum: 0, maximum: 23 }),
    keepDaily: Type.Integer({ minimum: 0, maximum: 366 }),
    keepWeekly: Type.Integer({ minimum: 0, maximum: 520 }),
    enabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
type ScheduleBodyT = { tenantId?: string | null; plugins?: string[] | null; hourUtc: number; keepDaily: number; keepWeekly: number; enabled?: boolean };

export function addScheduleRoutes(routes: RouteRegistrar, service: BackupService, schedules: ScheduleRecords): void {
  const input = async (req: PlatformRequest<any>, body: ScheduleBodyT): Promise<ScheduleInput> => {
    let tenantId: string | null = null;
    if (body.tenantId) {
      tenantId = (await service.tenant(body.tenantId, 'tenantId')).id;
      req.ctx.tenantsNamed('tenantId', tenantId);
    } else if (req.ctx.nameableTenantIds() !== null) {
      throw new ProblemError(403, 'tenant_forbidden', 'A schedule for every tenant needs access across tenants', { field: 'tenantId' });
    }
    if (body.plugins) {
      const known = new Set(service.declaringPlugins().map((p) => p.plugin));
      const unknown = body.plugins.filter((p) => !known.has(p));
      if (unknown.length > 0) throw new ProblemError(400, 'validation_failed', `No loaded plugin named ${unknown.join(', ')} declares tenant data`, { field: 'plugins' });
    }
    if (body.keepDaily + body.keepWeekly === 0) throw new ProblemError(400, 'validation_failed', 'Keep at least one daily or weekly backup', { field: 'keepDaily' });
    return { tenantId, plugins: body.plugins ?? null, hourUtc: body.hourUtc, keepDaily: body.keepDaily, keepWeekly: body.keepWeekly, enabled: body.enabled ?? true };
  };
  const visible = async (req: PlatformRequest<any>, id: string) => {
    const s = await schedules.get(id);
    if (!s) throw new ProblemError(404, 'not_found', 'Schedule not found');
    if (s.tenantId) req.ctx.tenantsNamed('id', s.tenantId);
    else if (req.ctx.nameableTenantIds() !== null) throw new ProblemError(404, 'not_found', 'Schedule not found');
    return s;
  };

  routes.add({
    method: 'GET',
    url: '/schedules',
    permission: BACKUP_PERMISSIONS.read,
    tenantScoped: false,
    schema: { summary: 'Backup schedules (daily at an hour, with retention: keep N daily, M weekly)' },
    async handler(req: PlatformRequest, reply: PlatformReply) {
      const named = req.ctx.nameableTenantIds();
      const rows = (await schedules.list(named)).filter((s) => named === null || (s.tenantId !== null && named.includes(s.tenantId)));
      reply.header('Content-Range', `schedules 0-${Math.max(rows.length - 1, 0)}/${rows.length}`);
      return rows;
    },
  });

  routes.add({
    method: 'GET',
    url: '/schedules/:id',
    permission: BACKUP_PERMISSIONS.read,
    tenantScoped: false,
    schema: { summary: 'One backup schedule', params: IdParams },
    handler: (req: PlatformRequest<{ Params: { id: string } }>) => visible(req, req.params.id),
  });

  routes.add({
    method: 'POST',
    url: '/schedules',
    permission: BACKUP_PERMISSIONS.manage,
    tenantScoped: false,
    schema: { summary: 'Add a backup schedule for one tenant or all', body: ScheduleBody },
    async handler(req: PlatformRequest<{ Body: ScheduleBodyT }>, reply: PlatformReply) {
      const given = await input(req, req.body);
      // The schedule and its audit entry commit together, or neither does.
      const created = await req.ctx.em.transactional(async (em) => {
        const row = await schedules.create(randomUUID(), given, em);
        await req.ctx.audit({ action: 'backups.schedule_created', targetType: 'backups.schedule', targetId: row.id, after: row }, em);
        return row;
      });
      reply.status(201);
      return created;
    },
  });

  routes.add({
    method: 'PUT',
    url: '/schedules/:id',
    permission: BACKUP_PERMISSIONS.manage,
    tenantScoped: false,
    schema: { summary: 'Change a backup schedule', params: IdParams, body: ScheduleBody },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body: ScheduleBodyT }>) {
      const before = await visible(req, req.params.id);
      const given = await input(req, req.body);
      return req.ctx.em.transactional(async (em) => {
        const after = await schedules.update(req.params.id, given, em);
        if (!after) throw new ProblemError(404, 'not_found', 'Schedule not found');
        await req.ctx.audit({ action: 'backups.schedule_changed', targetType: 'backups.schedule', targetId: after.id, before, after }, em);
        return after;
      });
    },
  });

  routes.add({
    method: 'DELETE',
    url: '/schedules/:id',
    permission: BACKUP_PERMISSIONS.manage,
    tenantScoped: false,
    schema: { summary: 'Remove a backup schedule (its backups stay)', params: IdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>, reply: PlatformReply) {
      const before = await visible(req, req.params.id);
      await req.ctx.em.transactional(async (em) => {
        await schedules.delete(req.params.id, em);
        await req.ctx.audit({ action: 'backups.schedule_deleted', targetType: 'backups.schedule', targetId: before.id, before }, em);
      });
      reply.status(204);
    },
  });
}

import { ProblemError, Type, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import type { LoggingRuntime } from '../logging-runtime.ts';

const tags = ['logging'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * DEBUG windows: DEBUG lines are stored only for a tenant, a service, or a service within a tenant, and
 * only until the window closes. Tenant admins open windows for their own tenant; staff for anything.
 */
export function addDebugWindowRoutes(ctx: PluginContext, rt: LoggingRuntime): void {
  ctx.routes.add({
    method: 'GET',
    url: '/debug-windows',
    permission: 'logging.read',
    tenantScoped: false,
    schema: { tags, summary: 'Open DEBUG windows (those of the caller\'s tenant for tenant users)' },
    async handler(req: PlatformRequest) {
      await rt.debug.load();
      const own = req.ctx.actor?.tenantId ?? req.ctx.tenantId;
      return rt.debug.windows.active().filter((w) => !own || w.tenantId === own);
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/debug-windows',
    permission: 'logging.debug',
    tenantScoped: false,
    schema: {
      tags,
      summary: 'Store DEBUG lines of a tenant and/or service for `minutes`',
      body: Type.Object(
        {
          tenantId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
          service: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
          minutes: Type.Integer({ minimum: 1 }),
          reason: Type.Optional(Type.String({ maxLength: 500 })),
        },
        { additionalProperties: false },
      ),
    },
    async handler(req: PlatformRequest<{ Body: { tenantId?: string | null; service?: string | null; minutes: number; reason?: string } }>, reply: PlatformReply) {
      const b = req.body;
      const bound = req.ctx.actor?.tenantId ?? req.ctx.tenantId;
      let tenantId = b.tenantId ?? null;
      if (tenantId !== null && !UUID.test(tenantId)) throw new ProblemError(400, 'validation_failed', '"tenantId" must be a tenant id (uuid)', { field: 'tenantId' });
      if (bound) {
        if (tenantId && tenantId !== bound) throw new ProblemError(403, 'forbidden', 'You can only switch on DEBUG for your own tenant', { field: 'tenantId' });
        tenantId = bound;
      }
      const service = b.service ?? null;
      if (!tenantId && !service) throw new ProblemError(400, 'validation_failed', 'Give a tenantId, a service, or both', { field: 'tenantId' });
      const max = rt.config.settings.maxDebugWindowMinutes;
      if (b.minutes > max) throw new ProblemError(400, 'validation_failed', `A DEBUG window lasts at most ${max} minutes`, { field: 'minutes' });
      const w = await rt.debug.open({ tenantId, service, minutes: b.minutes, reason: b.reason ?? null, createdBy: req.ctx.actor?.id ?? null }, (opened, tx) =>
        req.ctx.audit({ action: 'logging.debug_window_opened', tenantId, targetType: 'logging.debug_window', targetId: opened.id, after: opened, reason: b.reason ?? null }, tx),
      );
      reply.status(201);
      return w;
    },
  });

  ctx.routes.add({
    method: 'DELETE',
    url: '/debug-windows/:id',
    permission: 'logging.debug',
    tenantScoped: false,
    schema: { tags, summary: 'Close a DEBUG window now', params: Type.Object({ id: Type.String({ format: 'uuid' }) }) },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      const bound = req.ctx.actor?.tenantId ?? req.ctx.tenantId ?? null;
      const w = await rt.debug.close(req.params.id, bound, (closed, tx) =>
        req.ctx.audit({ action: 'logging.debug_window_closed', tenantId: closed.tenantId, targetType: 'logging.debug_window', targetId: closed.id }, tx),
      );
      if (!w) throw new ProblemError(404, 'not_found', 'Open DEBUG window not found');
      return w;
    },
  });
}

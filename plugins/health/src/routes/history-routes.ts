import { parseDateParam, problems, Type, type PlatformRequest, type PluginContext } from '@platform/sdk';
import type { HealthRuntime } from '../health-runtime.ts';
import { hourlyRollups, rawHistory, recentFailures } from '../store/history-store.ts';
import { PLATFORM_TARGET } from '../targets/monitor-target.ts';
import { assertCanReadTarget, assertCanReadTenant } from './tenant-access.ts';

const tags = ['health'];
const RAW_MAX_RANGE_MS = 48 * 3600_000;

function parseInstant(value: string | undefined, field: string, fallback: number): Date {
  return parseDateParam(field, value, { epochMs: false }) ?? new Date(fallback);
}

export function addHistoryRoutes(ctx: PluginContext, runtime: HealthRuntime): void {
  const targetOf = async (monitorId: string, targetKey: string) => {
    await runtime.directory.ensureFresh();
    const entry = runtime.directory.entry(monitorId);
    if (!entry) throw problems.notFound(`Service ${monitorId}`);
    const target = runtime.directory.target(monitorId, targetKey);
    return { entry, tenantId: target?.tenant?.id ?? (entry.monitor.scope === 'tenant' ? targetKey : null) };
  };

  ctx.routes.add({
    method: 'GET',
    url: '/history',
    traffic: 'polling',
    permission: 'health.tenant.read',
    tenantScoped: false,
    schema: {
      tags,
      summary: 'Results of one (monitor, target) over a range: raw checks up to 48 h, hourly rollups beyond',
      querystring: Type.Object({
        monitorId: Type.String(),
        targetKey: Type.Optional(Type.String({ description: '`platform` (default), a tenant id or a push monitor id' })),
        from: Type.Optional(Type.String({ description: 'ISO date-time; default 24 h ago' })),
        to: Type.Optional(Type.String({ description: 'ISO date-time; default now' })),
        resolution: Type.Optional(Type.Union([Type.Literal('raw'), Type.Literal('hour')])),
      }),
    },
    async handler(req: PlatformRequest<{ Querystring: { monitorId: string; targetKey?: string; from?: string; to?: string; resolution?: 'raw' | 'hour' } }>) {
      const q = req.query;
      const targetKey = q.targetKey ?? PLATFORM_TARGET;
      const { tenantId } = await targetOf(q.monitorId, targetKey);
      assertCanReadTarget(req.ctx, { tenantId });
      const now = runtime.options.clock();
      const to = parseInstant(q.to, 'to', now);
      const from = parseInstant(q.from, 'from', to.getTime() - 24 * 3600_000);
      if (from >= to) throw problems.validation('from', 'from must be before to');
      const resolution = q.resolution ?? (to.getTime() - from.getTime() <= RAW_MAX_RANGE_MS ? 'raw' : 'hour');
      const base = { monitorId: q.monitorId, targetKey, from: from.toISOString(), to: to.toISOString(), resolution };
      if (resolution === 'raw') {
        if (to.getTime() - from.getTime() > RAW_MAX_RANGE_MS) throw problems.validation('resolution', 'raw history is limited to 48 hours; use resolution=hour');
        return { ...base, points: await rawHistory(ctx.db, q.monitorId, targetKey, from, to, 5000), failures: await recentFailures(ctx.db, q.monitorId, targetKey, 20) };
      }
      return { ...base, points: await hourlyRollups(ctx.db, q.monitorId, targetKey, from, to), failures: await recentFailures(ctx.db, q.monitorId, targetKey, 20) };
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/uptime',
    traffic: 'polling',
    permission: 'health.tenant.read',
    tenantScoped: false,
    schema: {
      tags,
      summary: 'Uptime % over 24h, 7d, 30d and 90d: one (monitor, target), a tenant\'s monitors, or every platform monitor',
      querystring: Type.Object({ monitorId: Type.Optional(Type.String()), targetKey: Type.Optional(Type.String()), tenantId: Type.Optional(Type.String()) }),
    },
    async handler(req: PlatformRequest<{ Querystring: { monitorId?: string; targetKey?: string; tenantId?: string } }>) {
      const q = req.query;
      await runtime.directory.ensureFresh();
      if (q.tenantId) {
        assertCanReadTenant(req.ctx, q.tenantId);
        const ids = runtime.directory.entries().filter((e) => e.monitor.scope === 'tenant' && !e.listTargets).map((e) => e.monitor.id);
        return runtime.views.uptime(q.monitorId ? ids.filter((i) => i === q.monitorId) : ids, [q.tenantId]);
      }
      if (q.monitorId) {
        const targetKey = q.targetKey ?? PLATFORM_TARGET;
        const { tenantId } = await targetOf(q.monitorId, targetKey);
        assertCanReadTarget(req.ctx, { tenantId });
        return runtime.views.uptime([q.monitorId], [targetKey]);
      }
      req.ctx.require('health.read');
      if (req.ctx.actor?.tenantId) throw problems.notFound('Health target');
      const ids = runtime.directory.entries().filter((e) => e.monitor.scope === 'platform' && !e.listTargets).map((e) => e.monitor.id);
      return runtime.views.uptime(ids, [PLATFORM_TARGET]);
    },
  });
}

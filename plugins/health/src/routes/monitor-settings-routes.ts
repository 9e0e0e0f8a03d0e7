import { ListQuerystring, parseListParams, problems, setContentRange, Type, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import type { HealthRuntime } from '../health-runtime.ts';
import { saveMonitorOverride, type OverrideChanges } from '../store/monitor-overrides.ts';
import { monitorSummary } from '../views/health-views.ts';

const tags = ['health'];
const Nullable = <T extends ReturnType<typeof Type.Integer>>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));

/** What the thresholds editor may change; null resets a field to the monitor's default. */
const MonitorSettingsInput = Type.Object(
  {
    enabled: Type.Optional(Type.Boolean()),
    degradedMs: Nullable(Type.Integer({ minimum: 1, maximum: 600_000 })),
    unhealthyMs: Nullable(Type.Integer({ minimum: 1, maximum: 600_000 })),
    intervalSeconds: Nullable(Type.Integer({ minimum: 1, maximum: 86_400 })),
    timeoutMs: Nullable(Type.Integer({ minimum: 100, maximum: 120_000 })),
    failureThreshold: Nullable(Type.Integer({ minimum: 1, maximum: 20 })),
    recoveryThreshold: Nullable(Type.Integer({ minimum: 1, maximum: 20 })),
    // Echoed back by react-admin's edit form; ignored.
    id: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);

type SettingsBody = OverrideChanges & { degradedMs?: number | null; unhealthyMs?: number | null; id?: string };

const view = (runtime: HealthRuntime, id: string) => {
  const entry = runtime.directory.entry(id);
  if (!entry) throw problems.notFound(`Monitor ${id}`);
  const summary = monitorSummary(entry);
  // Flat copies of the effective values, for the console's edit form (react-admin edits top-level fields).
  const editable = { degradedMs: summary.thresholds.degradedMs, unhealthyMs: summary.thresholds.unhealthyMs };
  return { ...summary, ...editable, defaults: { thresholds: entry.monitor.defaultThresholds ?? null, intervalSeconds: entry.monitor.intervalSeconds ?? runtime.options.tierIntervalSeconds[entry.monitor.tier] }, override: entry.override };
};

/** The thresholds editor: per-monitor thresholds, interval, timeout, N/M and on/off. */
export function addMonitorSettingsRoutes(ctx: PluginContext, runtime: HealthRuntime): void {
  ctx.routes.add({
    method: 'GET',
    url: '/monitors',
    permission: 'health.read',
    tenantScoped: false,
    schema: { tags, summary: 'Monitors with their effective thresholds and scheduling (react-admin list)', querystring: ListQuerystring },
    async handler(req: PlatformRequest<{ Querystring: { range?: string; sort?: string; filter?: string } }>, reply: PlatformReply) {
      await runtime.directory.ensureFresh();
      const all = runtime.directory.entries().map((e) => view(runtime, e.monitor.id));
      const { offset, limit } = parseListParams(req.query, { defaultPage: 100, maxPage: 200 });
      const page = all.slice(offset, offset + limit);
      setContentRange(reply, 'monitors', offset, page.length, all.length);
      return page;
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/monitors/:id',
    permission: 'health.read',
    tenantScoped: false,
    schema: { tags, summary: 'One monitor with its effective thresholds and scheduling', params: Type.Object({ id: Type.String() }) },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      await runtime.directory.ensureFresh();
      return view(runtime, req.params.id);
    },
  });

  ctx.routes.add({
    method: ['PUT', 'PATCH'],
    url: '/monitors/:id',
    permission: 'health.manage',
    tenantScoped: false,
    schema: { tags, summary: 'Edit a monitor\'s thresholds, interval, timeout, failure/recovery counts, or switch it off', params: Type.Object({ id: Type.String() }), body: MonitorSettingsInput },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body: SettingsBody }>) {
      await runtime.directory.ensureFresh();
      const before = view(runtime, req.params.id);
      const b = req.body;
      const changes: OverrideChanges = {};
      for (const k of ['enabled', 'degradedMs', 'unhealthyMs', 'intervalSeconds', 'timeoutMs', 'failureThreshold', 'recoveryThreshold'] as const) if (k in b) (changes as any)[k] = (b as any)[k];
      const degraded = 'degradedMs' in changes ? changes.degradedMs : before.override?.degradedMs;
      const unhealthy = 'unhealthyMs' in changes ? changes.unhealthyMs : before.override?.unhealthyMs;
      if (degraded != null && unhealthy != null && unhealthy < degraded) throw problems.validation('unhealthyMs', 'unhealthyMs must be at least degradedMs');
      // The override and its audit entry commit together (the entry records the override as stored, before and after).
      await ctx.db.system().transactional(async (tx) => {
        const saved = await saveMonitorOverride(ctx.db, req.params.id, changes, tx);
        await req.ctx.audit({ action: 'health.monitor_updated', targetType: 'health.monitor', targetId: req.params.id, before: { override: before.override ?? null }, after: { override: saved } }, tx);
      });
      await runtime.directory.refresh();
      return view(runtime, req.params.id);
    },
  });
}

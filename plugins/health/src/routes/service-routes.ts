import { ListQuerystring, parseListParams, problems, setContentRange, Type, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import type { HealthRuntime } from '../health-runtime.ts';
import { monitorSummary } from '../views/health-views.ts';
import { targetView } from '../views/target-view.ts';
import { loadStates } from '../store/monitor-state-store.ts';
import { targetKeyOf } from '../targets/monitor-target.ts';

const tags = ['health'];
const IdParams = Type.Object({ id: Type.String({ pattern: '^[a-z][a-z0-9-]*$' }) });

export function addServiceRoutes(ctx: PluginContext, runtime: HealthRuntime): void {
  ctx.routes.add({
    method: 'GET',
    url: '/services',
    traffic: 'polling',
    permission: 'health.read',
    tenantScoped: false,
    schema: { tags, summary: 'Every monitor with its current status (react-admin list)', querystring: ListQuerystring },
    async handler(req: PlatformRequest<{ Querystring: { range?: string; sort?: string; filter?: string } }>, reply: PlatformReply) {
      const overview = await runtime.views.overview();
      const byId = new Map(overview.services.map((s) => [s.monitorId, s]));
      const tallies = new Map(overview.tenantMonitors.map((t) => [t.id, t]));
      const all = runtime.directory.entries().map((e) => ({
        ...monitorSummary(e),
        status: byId.get(e.monitor.id)?.status ?? null,
        target: byId.get(e.monitor.id) ?? null,
        tally: tallies.get(e.monitor.id)?.tally ?? null,
      }));
      const { offset, limit } = parseListParams(req.query, { defaultPage: 100, maxPage: 200 });
      const page = all.slice(offset, offset + limit);
      setContentRange(reply, 'services', offset, page.length, all.length);
      return page;
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/services/:id',
    traffic: 'polling',
    permission: 'health.read',
    tenantScoped: false,
    schema: { tags, summary: 'One service: status, thresholds, uptime, 24 h sparkline, recent failures', params: IdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      const service = await runtime.views.service(req.params.id);
      if (!service) throw problems.notFound(`Service ${req.params.id}`);
      return service;
    },
  });

  ctx.routes.add({
    method: 'POST',
    url: '/services/:id/run',
    permission: 'health.manage',
    tenantScoped: false,
    schema: { tags, summary: 'Check one service now (every tenant for a per-tenant monitor) and return its targets', params: IdParams, body: Type.Optional(Type.Object({ targetKey: Type.Optional(Type.String()) }, { additionalProperties: false })) },
    async handler(req: PlatformRequest<{ Params: { id: string }; Body?: { targetKey?: string } }>) {
      await runtime.directory.refresh();
      const entry = runtime.directory.entry(req.params.id);
      if (!entry) throw problems.notFound(`Service ${req.params.id}`);
      const only = req.body?.targetKey;
      const checked = await runtime.runNow((t) => t.monitorId === req.params.id && (!only || t.targetKey === only));
      const now = runtime.options.clock();
      const live = await runtime.views.liveness();
      const targets = runtime.directory.all().filter((t) => t.monitorId === req.params.id && (!only || t.targetKey === only));
      const states = new Map((await loadStates(ctx.db, { monitorIds: [req.params.id] })).map((s) => [targetKeyOf(s.monitor_id, s.target_key), s]));
      await req.ctx.audit({ action: 'health.checked', targetType: 'health.service', targetId: req.params.id, after: { checked } });
      return { id: req.params.id, checked, targets: targets.map((t) => targetView(t, states.get(t.key), now, live.alive)) };
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/services/:id/targets',
    traffic: 'polling',
    permission: 'health.read',
    tenantScoped: false,
    schema: { tags, summary: 'The targets of one service (the platform, or each tenant) with their status', params: IdParams },
    async handler(req: PlatformRequest<{ Params: { id: string } }>) {
      await runtime.directory.ensureFresh();
      if (!runtime.directory.entry(req.params.id)) throw problems.notFound(`Service ${req.params.id}`);
      const now = runtime.options.clock();
      const live = await runtime.views.liveness();
      const states = new Map((await loadStates(ctx.db, { monitorIds: [req.params.id] })).map((s) => [targetKeyOf(s.monitor_id, s.target_key), s]));
      return runtime.directory
        .all()
        .filter((t) => t.monitorId === req.params.id)
        .map((t) => targetView(t, states.get(t.key), now, live.alive));
    },
  });

}

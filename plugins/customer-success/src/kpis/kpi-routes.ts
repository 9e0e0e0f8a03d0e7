import { ProblemError, Type, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { kpiPeriodOf } from '@platform/sdk/customer-health';
import { CUSTOMER_SUCCESS_PERMISSIONS } from '../customer-success-permissions.ts';
import { changePct, monthsEnding } from './kpi-math.ts';
import { kpiDefinitions, type KpiSnapshotter } from './kpi-snapshotter.ts';
import type { KpiStore } from './kpi-store.ts';

const tags = ['customer-success'];
const Months = Type.Integer({ minimum: 1, maximum: 24, default: 12 });
const Month = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])$' });
const KpiId = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,63}$' });

/**
 * `/api/customer-success/kpis...` (platform routes: KPIs span every tenant, so staff only; a tenant-bound caller gets
 * 403 `platform_only`): `GET kpis` (every KPI with its trend over `months`, default 12), `GET kpis/:kpiId` (a month's
 * total, breakdown and per-tenant values for the drill-down), `GET kpis/tenant/:tenantId` (one tenant's values of
 * every KPI, for its 360 page), `POST kpis/snapshot` (measure and store now, backfilling `months` months).
 */
export function addKpiRoutes(ctx: PluginContext, store: KpiStore, snapshotter: KpiSnapshotter): void {
  const read = { permission: CUSTOMER_SUCCESS_PERMISSIONS.read, scope: 'platform' as const, tenantScoped: false };
  const currentMonth = () => kpiPeriodOf(snapshotter.clock()).month;

  ctx.routes.add({
    ...read,
    method: 'GET',
    url: '/kpis',
    schema: { tags, summary: 'Every KPI with its monthly trend (default 12 months, the current one last) and the change against the month before', querystring: Type.Object({ months: Type.Optional(Months) }, { additionalProperties: false }) },
    async handler(req: PlatformRequest<{ Querystring: { months?: number } }>) {
      const months = monthsEnding(currentMonth(), req.query.months ?? 12);
      const rows = await store.totals(months[0], months[months.length - 1]);
      return kpiDefinitions(ctx).map((kpi) => {
        const mine = new Map(rows.filter((r) => r.kpiId === kpi.id).map((r) => [r.month, r]));
        const trend = months.map((month) => ({ month, total: mine.get(month)?.total ?? null }));
        const latest = mine.get(months[months.length - 1]) ?? null;
        return {
          id: kpi.id,
          label: kpi.label,
          description: kpi.description ?? null,
          unit: kpi.unit,
          total: latest?.total ?? null,
          breakdown: latest?.breakdown ?? {},
          error: latest?.error ?? null,
          computedAt: latest?.computedAt ?? null,
          changePct: changePct(trend[trend.length - 2]?.total, trend[trend.length - 1]?.total),
          trend,
        };
      });
    },
  });

  ctx.routes.add({
    ...read,
    method: 'GET',
    url: '/kpis/tenant/:tenantId',
    schema: { tags, summary: "One tenant's value of every KPI per month (default 12 months)", params: Type.Object({ tenantId: Type.String({ format: 'uuid' }) }), querystring: Type.Object({ months: Type.Optional(Months) }, { additionalProperties: false }) },
    async handler(req: PlatformRequest<{ Params: { tenantId: string }; Querystring: { months?: number } }>) {
      const tenant = await ctx.tenants.get(req.params.tenantId);
      if (!tenant || tenant.status === 'deleted') throw new ProblemError(404, 'not_found', `tenant ${req.params.tenantId} not found`, { field: 'tenantId' });
      const months = monthsEnding(currentMonth(), req.query.months ?? 12);
      const values = await store.forTenant(tenant.id, months[0], months[months.length - 1]);
      return {
        tenantId: tenant.id,
        kpis: kpiDefinitions(ctx).map((kpi) => {
          const mine = new Map(values.filter((v) => v.kpiId === kpi.id).map((v) => [v.month, v.value]));
          return { id: kpi.id, label: kpi.label, unit: kpi.unit, trend: months.map((month) => ({ month, value: mine.get(month) ?? null })) };
        }),
      };
    },
  });

  ctx.routes.add({
    ...read,
    method: 'GET',
    url: '/kpis/:kpiId',
    schema: {
      tags,
      summary: "A KPI's month (default the current one): total, breakdown, trend, and every tenant's value, largest first, for the drill-down",
      params: Type.Object({ kpiId: KpiId }),
      querystring: Type.Object({ month: Type.Optional(Month), months: Type.Optional(Months), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) }, { additionalProperties: false }),
    },
    async handler(req: PlatformRequest<{ Params: { kpiId: string }; Querystring: { month?: string; months?: number; limit?: number } }>) {
      const kpi = kpiDefinitions(ctx).find((k) => k.id === req.params.kpiId);
      if (!kpi) throw new ProblemError(404, 'not_found', `no KPI ${req.params.kpiId}`, { field: 'kpiId' });
      const month = req.query.month ?? currentMonth();
      const months = monthsEnding(month, req.query.months ?? 12);
      const [snapshot, totals, tenants] = await Promise.all([store.one(kpi.id, month), store.totals(months[0], month), ctx.tenants.list()]);
      const names = new Map(tenants.map((t) => [t.id, t]));
      const byMonth = new Map(totals.filter((r) => r.kpiId === kpi.id).map((r) => [r.month, r.total]));
      const rows = Object.entries(snapshot?.byTenant ?? {})
        .filter(([id]) => names.has(id) && names.get(id)!.status !== 'deleted')
        .map(([id, value]) => ({ tenantId: id, tenantName: names.get(id)!.name, tenantSlug: names.get(id)!.slug, value }))
        .sort((a, b) => b.value - a.value || a.tenantName.localeCompare(b.tenantName));
      return {
        id: kpi.id,
        label: kpi.label,
        description: kpi.description ?? null,
        unit: kpi.unit,
        month,
        total: snapshot?.total ?? null,
        breakdown: snapshot?.breakdown ?? {},
        error: snapshot?.error ?? null,
        computedAt: snapshot?.computedAt ?? null,
        trend: months.map((m) => ({ month: m, total: byMonth.get(m) ?? null })),
        tenantCount: rows.length,
        tenants: rows.slice(0, req.query.limit ?? 100),
      };
    },
  });

  ctx.routes.add({
    permission: CUSTOMER_SUCCESS_PERMISSIONS.recompute,
    scope: 'platform',
    tenantScoped: false,
    method: 'POST',
    url: '/kpis/snapshot',
    schema: { tags, summary: 'Measure every KPI now and store the snapshots of the current month and the `months - 1` before it (backfill)', body: Type.Object({ months: Type.Optional(Months) }, { additionalProperties: false }) },
    async handler(req: PlatformRequest<{ Body: { months?: number } | undefined }>) {
      const result = await snapshotter.snapshotRecent(req.body?.months ?? 1);
      await req.ctx.audit({ action: 'customer_success.kpis_snapshotted', targetType: 'customer_success', after: result });
      return result;
    },
  });
}

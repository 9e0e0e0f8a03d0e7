import { Type, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { CUSTOMER_SUCCESS_PERMISSIONS } from '../customer-success-permissions.ts';
import type { KpiStore } from '../kpis/kpi-store.ts';
import { RECOMMENDATION_KINDS, type RecommendationKind } from './recommendation-heuristics.ts';
import { recommend } from './recommender.ts';

const tags = ['customer-success'];
const SEVERITY_ORDER = { warning: 0, info: 1 } as const;

/**
 * `GET /api/customer-success/recommendations` (platform route, staff): every active tenant's recommendations with
 * their reasons and evidence; filter by `kind` and `tenantId` (the 360 page). Warnings first, then by tenant name.
 */
export function addRecommendationRoutes(ctx: PluginContext, kpis: KpiStore, clock: () => Date): void {
  ctx.routes.add({
    permission: CUSTOMER_SUCCESS_PERMISSIONS.read,
    scope: 'platform',
    tenantScoped: false,
    method: 'GET',
    url: '/recommendations',
    schema: {
      tags,
      summary: 'Recommendations per tenant from transparent heuristics (unused entitlements, near limits, usage and error anomalies), each with its reasons',
      querystring: Type.Object(
        {
          kind: Type.Optional(Type.Union(RECOMMENDATION_KINDS.map((k) => Type.Literal(k)))),
          tenantId: Type.Optional(Type.String({ format: 'uuid' })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
        },
        { additionalProperties: false },
      ),
    },
    async handler(req: PlatformRequest<{ Querystring: { kind?: RecommendationKind; tenantId?: string; limit?: number } }>) {
      const tenants = new Map((await ctx.tenants.list()).map((t) => [t.id, t]));
      const all = (await recommend(ctx, kpis, clock(), req.query.tenantId ? [req.query.tenantId] : undefined))
        .filter((r) => !req.query.kind || r.kind === req.query.kind)
        .map((r) => ({ ...r, tenantName: tenants.get(r.tenantId)?.name ?? r.tenantId, tenantSlug: tenants.get(r.tenantId)?.slug ?? null }))
        .sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.tenantName.localeCompare(b.tenantName) || a.kind.localeCompare(b.kind));
      return all.slice(0, req.query.limit ?? 200);
    },
  });
}

import { ProblemError, Type, csvCell, type PlatformReply, type PlatformRequest, type PluginContext, type RequestContext } from '@platform/sdk';
import { CUSTOMER_SUCCESS_PERMISSIONS } from '../customer-success-permissions.ts';
import type { ScoreComputer } from './score-computer.ts';
import { CSV_HEADER, SCORE_SORTS, atRisk, bigChanges, csvRecord, filterScores, withTrends, type ScoreFilter, type ScoreListRow } from './score-list.ts';
import { HEALTH_BUCKETS } from './health-scoring.ts';
import type { ScoreStore } from './score-store.ts';

const tags = ['customer-success'];
const UUID = Type.String({ format: 'uuid' });
const ScoreQuery = Type.Object(
  {
    bucket: Type.Optional(Type.Union([Type.Union(HEALTH_BUCKETS.map((b) => Type.Literal(b))), Type.Array(Type.Union(HEALTH_BUCKETS.map((b) => Type.Literal(b))), { maxItems: 5 })])),
    plan: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\u0000]*$' })),
    tag: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\u0000]*$' })),
    renewsBefore: Type.Optional(Type.String({ format: 'date-time' })),
    sort: Type.Optional(Type.Union(SCORE_SORTS.map((s) => Type.Literal(s)))),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
type ScoreQueryT = ScoreFilter & { bucket?: any; limit?: number; offset?: number };

/** The entity manager staff read scores with: across tenants (these are platform routes). */
const readerOf = (req: RequestContext) => req.acrossTenants();

/**
 * `/api/customer-success/score...` (platform routes; a tenant-bound caller gets 403 `platform_only`):
 * `GET score` (filters bucket, plan, tag, renewsBefore; sort), `GET score/at-risk`, `GET score/changes?days=7|30`,
 * `GET score/export.csv`, `GET score/:tenantId` (breakdown, trend, history), `POST score/recompute`.
 */
export function addScoreRoutes(ctx: PluginContext, store: ScoreStore, computer: ScoreComputer): void {
  const read = { permission: CUSTOMER_SUCCESS_PERMISSIONS.read, scope: 'platform' as const, tenantScoped: false };

  async function latestRows(req: RequestContext): Promise<ScoreListRow[]> {
    const tenants = new Map((await ctx.tenants.list()).map((t) => [t.id, t]));
    const rows = await store.latest(readerOf(req));
    return rows
      .filter((r) => tenants.has(r.tenantId) && tenants.get(r.tenantId)!.status !== 'deleted')
      .map((r) => withTrends({ ...r, tenantName: tenants.get(r.tenantId)!.name, tenantSlug: tenants.get(r.tenantId)!.slug }));
  }
  const filterOf = (q: ScoreQueryT): ScoreFilter => ({ ...q, bucket: q.bucket === undefined ? undefined : Array.isArray(q.bucket) ? q.bucket : [q.bucket] });

  ctx.routes.add({
    ...read,
    method: 'GET',
    url: '/score',
    schema: { tags, summary: "Every tenant's latest health score with 7- and 30-day trends; filter bucket, plan, tag, renewsBefore; sort", querystring: ScoreQuery },
    async handler(req: PlatformRequest<{ Querystring: ScoreQueryT }>, reply: PlatformReply) {
      const all = filterScores(await latestRows(req.ctx), filterOf(req.query));
      const offset = req.query.offset ?? 0;
      const page = all.slice(offset, offset + (req.query.limit ?? 100));
      reply.header('x-total-count', String(all.length));
      return page;
    },
  });

  ctx.routes.add({
    ...read,
    method: 'GET',
    url: '/score/at-risk',
    schema: { tags, summary: 'Tenants in the at-risk and critical buckets, soonest renewal first' },
    handler: async (req: PlatformRequest) => atRisk(await latestRows(req.ctx)),
  });

  ctx.routes.add({
    ...read,
    method: 'GET',
    url: '/score/changes',
    schema: {
      tags,
      summary: 'Tenants whose score moved by 20 points or more against 7 (default) or 30 days ago',
      querystring: Type.Object({ days: Type.Optional(Type.Union([Type.Literal(7), Type.Literal(30)], { default: 7 })) }, { additionalProperties: false }),
    },
    handler: async (req: PlatformRequest<{ Querystring: { days?: 7 | 30 } }>) => bigChanges(await latestRows(req.ctx), req.query.days ?? 7),
  });

  ctx.routes.add({
    ...read,
    method: 'GET',
    url: '/score/export.csv',
    schema: { tags, summary: 'The filtered score list as CSV (same filters and sort as GET score, every row)', querystring: Type.Omit(ScoreQuery, ['limit', 'offset']) },
    async handler(req: PlatformRequest<{ Querystring: ScoreQueryT }>, reply: PlatformReply) {
      const rows = filterScores(await latestRows(req.ctx), filterOf(req.query));
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', 'attachment; filename="customer-health.csv"');
      return [CSV_HEADER.join(','), ...rows.map((r) => csvRecord(r).map(csvCell).join(','))].join('\n') + '\n';
    },
  });

  ctx.routes.add({
    ...read,
    method: 'GET',
    url: '/score/:tenantId',
    schema: { tags, summary: "One tenant's latest breakdown with reasons, its trends and up to 90 days of history", params: Type.Object({ tenantId: UUID }) },
    async handler(req: PlatformRequest<{ Params: { tenantId: string } }>) {
      const tenant = await ctx.tenants.get(req.params.tenantId);
      if (!tenant || tenant.status === 'deleted') throw new ProblemError(404, 'not_found', `tenant ${req.params.tenantId} not found`, { field: 'tenantId' });
      const [latest] = await store.latest(readerOf(req.ctx), [tenant.id]);
      if (!latest) throw new ProblemError(404, 'not_scored', `tenant ${tenant.slug} has no health score yet`, { field: 'tenantId' });
      const history = await store.history(readerOf(req.ctx), tenant.id, 90);
      return { ...withTrends({ ...latest, tenantName: tenant.name, tenantSlug: tenant.slug }), history: history.map((h) => ({ day: h.day, total: h.total, bucket: h.bucket })) };
    },
  });

  ctx.routes.add({
    permission: CUSTOMER_SUCCESS_PERMISSIONS.recompute,
    scope: 'platform',
    tenantScoped: false,
    method: 'POST',
    url: '/score/recompute',
    schema: {
      tags,
      summary: "Recompute now and store today's snapshot: one tenant (tenantId) or every tenant",
      body: Type.Object({ tenantId: Type.Optional(UUID) }, { additionalProperties: false }),
    },
    async handler(req: PlatformRequest<{ Body: { tenantId?: string } | undefined }>) {
      const tenantId = req.body?.tenantId;
      if (tenantId !== undefined) {
        const tenant = await ctx.tenants.get(tenantId);
        if (!tenant || tenant.status === 'deleted') throw new ProblemError(404, 'not_found', `tenant ${tenantId} not found`, { field: 'tenantId' });
        const snapshot = await computer.recompute(tenant);
        await req.ctx.audit({ action: 'customer_success.score_recomputed', tenantId: tenant.id, targetType: 'tenant', targetId: tenant.id, after: { total: snapshot.total, bucket: snapshot.bucket } });
        return { tenants: 1, snapshot };
      }
      const result = await computer.recomputeAll();
      await req.ctx.audit({ action: 'customer_success.scores_recomputed', targetType: 'customer_success', after: result });
      return result;
    },
  });
}

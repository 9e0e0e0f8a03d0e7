import { Type } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProblemError } from '@platform/sdk';
import type { PluginRouteCollector } from '../http/route-registrar.ts';
import type { RatePolicyInput, RatePolicyRecord } from '../rate-limits/policy-store.ts';
import { throttledMinutes, throttledTenants } from '../rate-limits/throttled-report.ts';
import type { KernelServices } from './kernel-services.ts';

const tags = ['rate-limits'];
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const TenantParams = Type.Object({ tenantId: Type.String({ format: 'uuid' }) });
const optional = Type.Optional(Type.Unknown());
/** Checked field by field in the policy store (each problem names its field); what react-admin sends back is let through. */
const PolicyBody = Type.Object(
  { appliesTo: optional, planKey: optional, tenantId: optional, requestsPerSecond: optional, burst: optional, concurrentStreams: optional, note: optional },
  { additionalProperties: true },
);
const DEFAULT_SINCE_MINUTES = 24 * 60;
const MAX_SINCE_MINUTES = 60 * 24 * 31;
const SinceQuery = Type.Object({ sinceMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SINCE_MINUTES })) }, { additionalProperties: true });

/** `sinceMinutes` inside a react-admin `filter={...}` (the console's window picker). */
function sinceFromFilter(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  let filter: unknown;
  try {
    filter = JSON.parse(raw);
  } catch {
    throw new ProblemError(400, 'validation_failed', 'filter must be a JSON object', { field: 'filter' });
  }
  const since = (filter as { sinceMinutes?: unknown } | null)?.sinceMinutes;
  if (since === undefined || since === null || since === '') return undefined;
  const n = Number(since);
  if (!Number.isInteger(n) || n < 1 || n > MAX_SINCE_MINUTES) throw new ProblemError(400, 'validation_failed', `filter.sinceMinutes must be a whole number from 1 to ${MAX_SINCE_MINUTES}`, { field: 'filter.sinceMinutes' });
  return n;
}

/**
 * `/api/rate-limits`: per-plan policies and per-tenant overrides of the API rate limit (staff only, audited),
 * the effective policy of a tenant, and the throttled requests per tenant (per minute, persisted).
 */
export function rateLimitRoutes(r: PluginRouteCollector, s: KernelServices): void {
  const rl = s.rateLimits;
  const changed = async () => {
    // A changed policy starts with full buckets (tokens leased ahead under the old one are not held against it).
    await rl.refillBuckets();
    await rl.reload();
    void s.broadcast.publish('kernel.rate-limits', { from: s.instanceId }).catch(() => undefined);
  };
  const auditTenant = (p: RatePolicyRecord) => p.tenantId;

  r.add({
    method: 'GET', url: '/rate-limits', permission: 'rate_limits.read', tenantScoped: false,
    schema: { tags, summary: 'Rate-limit policies: one per plan (by plan key) and per-tenant overrides' },
    async handler(_req: FastifyRequest, reply: FastifyReply) {
      const list = await rl.store.list(s.orm.em.fork());
      reply.header('Content-Range', `rate-limits 0-${Math.max(list.length - 1, 0)}/${list.length}`);
      return list;
    },
  });

  r.add({
    method: 'GET', url: '/rate-limits/throttled', permission: 'rate_limits.read', tenantScoped: false,
    schema: { tags, summary: 'Throttled requests per tenant over the last `sinceMinutes` (default a day), most first', querystring: SinceQuery },
    async handler(req: FastifyRequest<{ Querystring: { sinceMinutes?: number; filter?: string } }>, reply: FastifyReply) {
      await rl.throttled.flush().catch(() => undefined);
      const since = req.query.sinceMinutes ?? sinceFromFilter(req.query.filter) ?? DEFAULT_SINCE_MINUTES;
      const rows = await throttledTenants(s.orm.em.fork(), since, req.ctx.tenantId ? [req.ctx.tenantId] : null);
      reply.header('Content-Range', `rate-limits/throttled 0-${Math.max(rows.length - 1, 0)}/${rows.length}`);
      return rows;
    },
  });

  r.add({
    method: 'GET', url: '/rate-limits/throttled/:tenantId', permission: 'rate_limits.read', tenantScoped: false,
    schema: { tags, summary: 'One tenant’s throttled requests per minute, newest first', params: TenantParams, querystring: SinceQuery },
    async handler(req: FastifyRequest<{ Params: { tenantId: string }; Querystring: { sinceMinutes?: number } }>) {
      await rl.throttled.flush().catch(() => undefined);
      return throttledMinutes(s.orm.em.fork(), req.params.tenantId, req.query.sinceMinutes ?? DEFAULT_SINCE_MINUTES);
    },
  });

  r.add({
    method: 'GET', url: '/rate-limits/effective/:tenantId', permission: 'rate_limits.read', tenantScoped: false,
    schema: { tags, summary: 'The policy in force for a tenant (its override, else its plan’s) and its open streams', params: TenantParams },
    async handler(req: FastifyRequest<{ Params: { tenantId: string } }>) {
      const policy = (await rl.policies.forTenant(req.params.tenantId)) ?? null;
      return { tenantId: req.params.tenantId, policy, openStreams: await rl.streams.count(req.params.tenantId) };
    },
  });

  r.add({
    method: 'GET', url: '/rate-limits/:id', permission: 'rate_limits.read', tenantScoped: false,
    schema: { tags, summary: 'One rate-limit policy', params: IdParams },
    handler: (req: FastifyRequest<{ Params: { id: string } }>) => rl.store.get(s.orm.em.fork(), req.params.id),
  });

  r.add({
    method: 'POST', url: '/rate-limits', permission: 'rate_limits.write', tenantScoped: false,
    schema: { tags, summary: 'Create a plan policy (`appliesTo: plan`, `planKey`) or a tenant override (`appliesTo: tenant`, `tenantId`)', body: PolicyBody },
    async handler(req: FastifyRequest<{ Body: RatePolicyInput }>, reply: FastifyReply) {
      const created = await s.orm.em.fork().transactional(async (em) => {
        const row = await rl.store.create(em, req.body ?? {});
        await req.ctx.audit({ action: 'rate_limit.created', tenantId: auditTenant(row), targetType: 'rate_limit_policy', targetId: row.id, after: row }, em);
        return row;
      });
      await changed();
      reply.status(201);
      return created;
    },
  });

  r.add({
    method: ['PUT', 'PATCH'], url: '/rate-limits/:id', permission: 'rate_limits.write', tenantScoped: false,
    schema: { tags, summary: 'Change a policy’s limits or note', params: IdParams, body: PolicyBody },
    async handler(req: FastifyRequest<{ Params: { id: string }; Body: RatePolicyInput }>) {
      const after = await s.orm.em.fork().transactional(async (em) => {
        const { before, after } = await rl.store.update(em, req.params.id, req.body ?? {});
        await req.ctx.audit({ action: 'rate_limit.updated', tenantId: auditTenant(after), targetType: 'rate_limit_policy', targetId: after.id, before, after }, em);
        return after;
      });
      await changed();
      return after;
    },
  });

  r.add({
    method: 'DELETE', url: '/rate-limits/:id', permission: 'rate_limits.write', tenantScoped: false,
    schema: { tags, summary: 'Delete a policy (a tenant override: the plan’s policy applies again)', params: IdParams },
    async handler(req: FastifyRequest<{ Params: { id: string } }>) {
      const before = await s.orm.em.fork().transactional(async (em) => {
        const row = await rl.store.remove(em, req.params.id);
        await req.ctx.audit({ action: 'rate_limit.deleted', tenantId: auditTenant(row), targetType: 'rate_limit_policy', targetId: row.id, before: row }, em);
        return row;
      });
      await changed();
      return before;
    },
  });
}

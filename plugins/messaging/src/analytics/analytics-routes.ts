import type { PlatformRequest, PluginContext } from '@platform/sdk';
import type { CreditLedger } from '../credits/credit-ledger.ts';
import { readerOf } from '../tenant-reads.ts';
import { ANALYTICS_PERMISSIONS } from './analytics-permissions.ts';
import { MessagingAnalytics, type AnalyticsScope } from './analytics-store.ts';
import { filtersOf, refuseUnknown, windowOf } from './analytics-window.ts';

const WINDOW_QUERY = {
  type: 'object',
  properties: {
    from: { type: 'string', description: 'First day (YYYY-MM-DD, UTC); default 29 days before `to`' },
    to: { type: 'string', description: 'Last day, included (YYYY-MM-DD, UTC); default today' },
  },
} as const;
const FILTER_QUERY = {
  type: 'object',
  properties: {
    ...WINDOW_QUERY.properties,
    channel: { type: 'string', description: 'sms or email' },
    provider: { type: 'string', description: 'A provider configuration id' },
    tenant: { type: 'string', description: 'A tenant id' },
  },
} as const;

function queryOf(req: PlatformRequest): Record<string, unknown> {
  return (req.query ?? {}) as Record<string, unknown>;
}

/** The platform scope of a query: window, channel, provider, and the tenants the caller may read (`tenant` narrows). */
function platformScope(req: PlatformRequest, clock: () => number): AnalyticsScope {
  const query = queryOf(req);
  refuseUnknown(query, Object.keys(FILTER_QUERY.properties));
  const window = windowOf(query, clock());
  const f = filtersOf(query);
  return { window, channel: f.channel, provider: f.provider, tenants: req.ctx.tenantsNamed('tenant', f.tenant ?? undefined) };
}

/**
 * Delivery analytics, read with SQL aggregates from the messages table (one query per chart, time-bounded):
 * platform-wide daily counts per day / provider configuration / tenant, delivery rate and cost per provider;
 * a tenant's own usage with its remaining credits. The failed-message log is the messages list with
 * `filter={"status":["failed","undelivered","bounced"]}` (its `error` is the reason).
 */
export function addAnalyticsRoutes(ctx: PluginContext, ledger: CreditLedger, clock: () => number): void {
  const analytics = new MessagingAnalytics(ctx.db);

  ctx.routes.add({
    method: 'GET',
    url: '/analytics/daily',
    permission: ANALYTICS_PERMISSIONS.read,
    tenantScoped: false,
    schema: {
      summary: 'Messages queued, sent (awaiting a report), delivered and failed: per UTC day, per provider configuration and per tenant (top 100); filter from/to, channel, provider, tenant',
      querystring: FILTER_QUERY,
    },
    async handler(req: PlatformRequest) {
      const scope = platformScope(req, clock);
      const em = readerOf(req.ctx);
      // One after the other: the reads share the request's connection.
      const days = await analytics.perDay(em, scope);
      const providers = await analytics.perProvider(em, scope);
      const tenantCounts = await analytics.perTenant(em, scope);
      const tenants = await ctx.tenants.list();
      const tenantById = new Map(tenants.map((t) => [t.id, t]));
      return {
        from: scope.window.from,
        to: scope.window.to,
        days,
        providers,
        tenants: tenantCounts.map((c) => ({ ...c, slug: c.tenantId ? tenantById.get(c.tenantId)?.slug ?? null : null, name: c.tenantId ? tenantById.get(c.tenantId)?.name ?? null : null })),
      };
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/analytics/providers',
    permission: ANALYTICS_PERMISSIONS.read,
    tenantScoped: false,
    schema: {
      summary: 'Per provider configuration: messages by outcome, delivery rate (delivered / handed over) and the cost providers reported, in integer minor units per currency; filter from/to, channel, provider, tenant',
      querystring: FILTER_QUERY,
    },
    async handler(req: PlatformRequest) {
      const scope = platformScope(req, clock);
      return { from: scope.window.from, to: scope.window.to, providers: await analytics.providerPerformance(readerOf(req.ctx), scope) };
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/my/usage',
    permission: ANALYTICS_PERMISSIONS.tenantUsage,
    tenantScoped: true,
    schema: { summary: "The current tenant's messages per UTC day, its remaining SMS credits and its messages per delivery status; from/to", querystring: WINDOW_QUERY },
    async handler(req: PlatformRequest) {
      const query = queryOf(req);
      refuseUnknown(query, Object.keys(WINDOW_QUERY.properties));
      const tenantId = req.ctx.requireTenant();
      const scope: AnalyticsScope = { window: windowOf(query, clock()), channel: null, provider: null, tenants: [tenantId] };
      // The request's own entity manager: row-level security keeps the reads to this tenant as well.
      const em = req.ctx.em;
      const days = await analytics.perDay(em, scope);
      const statuses = await analytics.statusCounts(em, scope);
      const account = await ledger.account(em, tenantId);
      return {
        tenantId,
        from: scope.window.from,
        to: scope.window.to,
        credits: { balance: account.balance, threshold: account.threshold, low: account.low },
        days,
        statuses,
      };
    },
  });
}

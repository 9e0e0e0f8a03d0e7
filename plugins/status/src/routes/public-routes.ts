import { ProblemError, type PlatformReply, type PlatformRequest, type PluginContext, type RouteHandler } from '@platform/sdk';
import { type DailyUptime } from '@platform/sdk/monitors';
import type { StatusOptions } from '../status-options.ts';
import { ClusterRateLimiter } from '../public/ip-rate-limiter.ts';
import type { StatusSnapshot } from '../public/status-snapshot.ts';
import { healthDocument, statusDocument } from '../public/public-responses.ts';
import { renderStatusPage } from '../public/status-page-html.ts';

const tags = ['status'];

export interface PublicStatusSources {
  snapshot(): Promise<StatusSnapshot>;
  pageTitle(): Promise<string>;
  uptime(componentIds: string[]): Promise<Map<string, DailyUptime[]>>;
}

/**
 * The public routes: no auth, 60 requests per minute per client IP each (429 with Retry-After beyond),
 * cacheable by browsers and CDNs. They show only public fields (see StatusSnapshot).
 *
 * The limit is cluster-wide (counted in PostgreSQL, see ClusterRateLimiter). The client IP is `req.ip`:
 * the kernel's Fastify runs with `trustProxy: true`, so behind a load balancer it is the client address
 * from X-Forwarded-For, not the balancer's.
 */
export function addPublicRoutes(ctx: PluginContext, options: StatusOptions, sources: PublicStatusSources): void {
  const limited = (name: string, handler: RouteHandler): RouteHandler => {
    const limiter = new ClusterRateLimiter(ctx.db, name, options.rateLimitPerMinute, 60_000, options.clock, (err) =>
      ctx.logger.warn({ err }, `status: shared rate limit unavailable for ${name}, counting on this instance`),
    );
    return async (req: PlatformRequest, reply: PlatformReply) => {
      const decision = await limiter.take(req.ip);
      reply.header('x-ratelimit-limit', decision.limit).header('x-ratelimit-remaining', decision.remaining).header('x-ratelimit-reset', decision.resetSeconds);
      if (!decision.allowed) {
        reply.header('retry-after', decision.resetSeconds);
        throw new ProblemError(429, 'rate_limited', `Too many requests to ${name}: ${decision.limit} per minute per client`);
      }
      reply.header('cache-control', `public, max-age=${options.cacheSeconds}, stale-while-revalidate=${options.cacheSeconds}`);
      return handler(req, reply);
    };
  };

  ctx.routes.add({
    method: 'GET',
    url: '/',
    public: true,
    tenantScoped: false,
    schema: { tags, summary: 'Public status: maintenance mode and windows (next 7 days), known issues, flags at 100 % rollout, version, system status' },
    handler: limited('/api/status', async () => statusDocument(await sources.snapshot())),
  });

  ctx.routes.add({
    method: 'GET',
    url: '/health',
    public: true,
    tenantScoped: false,
    schema: { tags, summary: 'Public health: overall status and components; 503 on a partial or major outage' },
    handler: limited('/api/status/health', async (_req, reply) => {
      const doc = healthDocument(await sources.snapshot());
      reply.status(doc.statusCode);
      return doc.body;
    }),
  });

  ctx.routes.add({
    method: 'GET',
    url: '/page',
    // The public address people are given: outside `/api` and outside the console's client-side routes.
    alias: '/status',
    public: true,
    tenantScoped: false,
    schema: { tags, summary: 'The public status page (HTML): components with a 90-day uptime bar, incidents, maintenance' },
    handler: limited('/api/status/page', async (_req, reply) => {
      const snapshot = await sources.snapshot();
      const uptime = await sources.uptime(snapshot.components.map((c) => c.id));
      reply.type('text/html; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'").header('x-content-type-options', 'nosniff');
      return renderStatusPage(await sources.pageTitle(), snapshot, uptime);
    }),
  });
}

import { Type, type PlatformReply, type PlatformRequest, type RouteRegistrar } from '@platform/sdk';
import { etagMatches, evaluationEtag } from '../service/evaluation-etag.ts';
import type { FlagServices } from '../service/flag-services.ts';
import { unleashClientFeatures } from '../unleash/unleash-export.ts';

const tags = ['feature-flags', 'unleash'];

const RegisterBodySchema = Type.Object(
  {
    appName: Type.String({ minLength: 1, maxLength: 200 }),
    instanceId: Type.Optional(Type.String({ maxLength: 200 })),
    sdkVersion: Type.Optional(Type.String({ maxLength: 100 })),
    strategies: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 })),
    started: Type.Optional(Type.String({ maxLength: 64 })),
    interval: Type.Optional(Type.Number()),
  },
  { additionalProperties: true },
);

const ToggleCountsSchema = Type.Object(
  {
    yes: Type.Integer({ minimum: 0 }),
    no: Type.Integer({ minimum: 0 }),
    variants: Type.Optional(Type.Record(Type.String(), Type.Integer({ minimum: 0 }))),
  },
  { additionalProperties: true },
);

const MetricsBodySchema = Type.Object(
  {
    appName: Type.String({ minLength: 1, maxLength: 200 }),
    instanceId: Type.Optional(Type.String({ maxLength: 200 })),
    bucket: Type.Object(
      {
        start: Type.Optional(Type.String({ maxLength: 64 })),
        stop: Type.Optional(Type.String({ maxLength: 64 })),
        toggles: Type.Record(Type.String({ maxLength: 200 }), ToggleCountsSchema),
      },
      { additionalProperties: true },
    ),
  },
  { additionalProperties: true },
);

interface MetricsBody {
  appName: string;
  bucket: { toggles: Record<string, { yes: number; no: number }> };
}

/**
 * Unleash's Client API, so that Unleash SDKs in any language can use this platform as their server:
 * point the SDK's `url` at `/api/feature-flags/unleash` and use an API key holding `flags.evaluate`
 * (sent bare, `Authorization: pk_…`, as the SDKs send it). A tenant-bound key gets the features as its
 * tenant sees them (tenant targeting, overrides and kill switches applied); the SDK's answers then equal
 * `POST /api/feature-flags/evaluate` for the same context.
 */
export function unleashClientRoutes(routes: RouteRegistrar, s: FlagServices): void {
  routes.add({
    method: 'GET',
    url: '/unleash/client/features',
    permission: 'flags.evaluate',
    tenantScoped: false,
    schema: { tags, summary: "Unleash Client API: every flag Unleash can express, in Unleash's format (ETag / If-None-Match)" },
    async handler(req: PlatformRequest, reply: PlatformReply) {
      const tenantId = req.ctx.tenantId ?? undefined;
      const plan = tenantId ? (await s.evaluation.withPlan({ tenantId })).plan : undefined;
      const snapshot = s.cache.snapshot;
      const answer = unleashClientFeatures(snapshot.definitions.values(), (key) => snapshot.overrides.get(key), { tenantId, plan, now: Date.now() });
      const body = JSON.stringify(answer);
      const etag = evaluationEtag(body);
      reply.header('ETag', etag).header('Cache-Control', 'private, no-cache').header('Vary', 'Authorization, X-Tenant-Id');
      if (etagMatches(req.headers['if-none-match'], etag)) return reply.status(304).send();
      return reply.type('application/json; charset=utf-8').send(body);
    },
  });

  routes.add({
    method: 'POST',
    url: '/unleash/client/register',
    permission: 'flags.evaluate',
    tenantScoped: false,
    schema: { tags, summary: 'Unleash Client API: an SDK instance announces itself', body: RegisterBodySchema },
    async handler(req: PlatformRequest<{ Body: { appName: string; instanceId?: string; sdkVersion?: string } }>, reply: PlatformReply) {
      req.log.info({ appName: req.body.appName, instanceId: req.body.instanceId, sdkVersion: req.body.sdkVersion }, 'unleash sdk registered');
      return reply.status(202).send();
    },
  });

  routes.add({
    method: 'POST',
    url: '/unleash/client/metrics',
    permission: 'flags.evaluate',
    tenantScoped: false,
    schema: { tags, summary: "Unleash Client API: an SDK's evaluation counts, counted as use of each flag (stale report)", body: MetricsBodySchema },
    async handler(req: PlatformRequest<{ Body: MetricsBody }>, reply: PlatformReply) {
      const known = s.cache.snapshot.definitions;
      for (const [key, counts] of Object.entries(req.body.bucket.toggles)) {
        if (known.has(key) && counts.yes + counts.no > 0) s.usage.mark(key);
      }
      return reply.status(202).send();
    },
  });
}

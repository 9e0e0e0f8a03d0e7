import { ProblemError, Type, problems, type PlatformReply, type PlatformRequest, type RouteRegistrar } from '@platform/sdk';
import type { EvaluationContext } from '../engine/index.ts';
import { EvaluateAsBodySchema, EvaluateBodySchema } from '../model/flag-schemas.ts';
import type { SerializedAnswer } from '../service/evaluation-answer.ts';
import { etagMatches } from '../service/evaluation-etag.ts';
import { evaluateInSnapshot } from '../service/flag-evaluator.ts';
import type { FlagServices } from '../service/flag-services.ts';
import { andThen, isPromise, type MaybePromise } from '../service/maybe-promise.ts';
import { evaluationContextOf, type ClientContext } from './evaluation-context.ts';
import { isPlatformStaff } from './request-scope.ts';

const tags = ['feature-flags'];

interface EvaluateBody {
  flag?: string;
  flags?: string[];
  context?: ClientContext;
}

/** Sends the tagged answer, or 304 when the client already holds it. */
function sendEvaluation(req: PlatformRequest, reply: PlatformReply, { body, etag }: SerializedAnswer): void {
  reply.header('ETag', etag).header('Cache-Control', 'private, no-cache').header('Vary', 'Authorization, Cookie, X-Tenant-Id');
  if (etagMatches(req.headers['if-none-match'], etag)) reply.status(304).send();
  else reply.type('application/json; charset=utf-8').send(body);
}

/**
 * Evaluates and sends, synchronously when the context needs no lookup (nearly always): no promise is made,
 * so none is tracked by the request's async context either. A promise when a tenant or a plan is looked up.
 */
function respond(s: FlagServices, req: PlatformRequest, reply: PlatformReply, body: EvaluateBody, context: MaybePromise<EvaluationContext>): Promise<void> | undefined {
  const resolved = andThen(context, (c) => s.evaluation.withPlan(c));
  if (isPromise(resolved))
    return resolved.then((c) => {
      sendEvaluation(req, reply, s.answers.answer(body, c));
    });
  sendEvaluation(req, reply, s.answers.answer(body, resolved));
  return undefined;
}

const commaList = (value: unknown): string[] | undefined =>
  typeof value === 'string' && value !== '' ? value.split(',').map((key) => key.trim()).filter(Boolean) : undefined;

/**
 * Evaluation for clients and SDKs: one flag (`flag`) or many (`flags`, default every live flag), for the
 * caller's own tenant and user, with an ETag (`If-None-Match` → 304). Unknown keys come back with reason
 * ERROR and errorCode FLAG_NOT_FOUND, as OpenFeature expects.
 */
export function evaluateRoutes(routes: RouteRegistrar, s: FlagServices): void {
  routes.add({
    method: 'POST',
    url: '/evaluate',
    permission: 'flags.evaluate',
    tenantScoped: false,
    readOnly: true,
    schema: { tags, summary: 'Evaluate one flag or many for the authenticated context (ETag / If-None-Match)', body: EvaluateBodySchema },
    handler(req: PlatformRequest<{ Body: EvaluateBody }>, reply: PlatformReply) {
      const body = req.body ?? {};
      return respond(s, req, reply, body, evaluationContextOf(req, body.context, s.tenants));
    },
  });

  routes.add({
    method: 'GET',
    url: '/evaluate',
    permission: 'flags.evaluate',
    tenantScoped: false,
    schema: {
      tags,
      summary: 'Evaluate flags (GET form, cacheable): ?flag=key or ?flags=a,b plus context fields',
      querystring: Type.Object({
        flag: Type.Optional(Type.String()),
        flags: Type.Optional(Type.String()),
        tenantId: Type.Optional(Type.String()),
        userId: Type.Optional(Type.String()),
        sessionId: Type.Optional(Type.String()),
        environment: Type.Optional(Type.String()),
        appName: Type.Optional(Type.String()),
      }),
    },
    handler(req: PlatformRequest<{ Querystring: Record<string, string | undefined> }>, reply: PlatformReply) {
      const q = req.query;
      const body: EvaluateBody = { flag: q.flag, flags: commaList(q.flags) };
      const context = evaluationContextOf(req, { tenantId: q.tenantId, userId: q.userId, sessionId: q.sessionId, environment: q.environment, appName: q.appName }, s.tenants, 'query');
      return respond(s, req, reply, body, context);
    },
  });

  routes.add({
    method: 'POST',
    url: '/evaluate-as',
    permission: 'flags.read',
    tenantScoped: false,
    readOnly: true,
    schema: { tags, summary: 'The console\'s "evaluate as" tester: evaluate for a tenant, user and plan (tenant users: their own tenant)', body: EvaluateAsBodySchema },
    async handler(req: PlatformRequest<{ Body: { flag?: string; flags?: string[]; tenantId?: string; userId?: string; plan?: string; properties?: Record<string, any>; at?: string } }>) {
      const b = req.body;
      const context: EvaluationContext = {};
      if (!isPlatformStaff(req)) {
        // Tenant users test within their own tenant only.
        const own = req.ctx.requireTenant();
        if (b.tenantId && b.tenantId !== own && b.tenantId !== req.ctx.tenant?.slug)
          throw new ProblemError(403, 'tenant_mismatch', 'You can only evaluate as users of your own tenant', { field: 'tenantId' });
        context.tenantId = own;
      } else if (b.tenantId) {
        const tenant = await s.tenants.get(b.tenantId);
        if (!tenant) throw problems.validation('tenantId', `Unknown tenant "${b.tenantId}"`);
        context.tenantId = tenant.id;
      }
      if (b.userId) context.userId = b.userId;
      if (b.plan) context.plan = b.plan;
      if (b.properties) context.properties = b.properties;
      const resolved = await s.evaluation.withPlan(context);
      const now = b.at ? Date.parse(b.at) : Date.now();
      // The tester does not count as use of the flag (the stale report must not see it as evaluated).
      const snapshot = s.cache.snapshot;
      const keys = b.flag !== undefined ? [b.flag] : b.flags ?? snapshot.liveKeys;
      const results = Object.fromEntries(keys.map((key) => [key, evaluateInSnapshot(snapshot, key, resolved, now)]));
      return { context: resolved, at: new Date(now).toISOString(), version: snapshot.version, results };
    },
  });
}

import { openEventStream, Type, type PlatformReply, type PlatformRequest, type RouteRegistrar } from '@platform/sdk';
import type { FlagServices } from '../service/flag-services.ts';
import { evaluationContextOf } from './evaluation-context.ts';

const tags = ['feature-flags'];

/** Comment lines keep proxies from closing an idle stream; each beat also re-evaluates (schedules, expiries). */
const HEARTBEAT_MS = 15_000;
/** A stream ends after this long and the client reconnects (`retry`), so connections get rebalanced. */
const MAX_STREAM_MS = 5 * 60_000;

/**
 * Server-sent events for SDKs: `event: flags` with the caller's evaluations on connect and again
 * whenever they change (a flag edit on any instance, an override, a kill, a schedule boundary).
 * `id` is the configuration version. Same context rules as `/evaluate`.
 */
export function streamRoute(routes: RouteRegistrar, s: FlagServices): void {
  routes.add({
    method: 'GET',
    url: '/stream',
    traffic: 'stream',
    permission: 'flags.evaluate',
    tenantScoped: false,
    schema: {
      tags,
      summary: 'Server-sent events: the caller\'s flag evaluations, sent again on every change',
      querystring: Type.Object({
        flags: Type.Optional(Type.String({ description: 'Comma-separated keys; default every live flag' })),
        tenantId: Type.Optional(Type.String()),
        userId: Type.Optional(Type.String()),
        sessionId: Type.Optional(Type.String()),
        environment: Type.Optional(Type.String()),
        appName: Type.Optional(Type.String()),
      }),
    },
    async handler(req: PlatformRequest<{ Querystring: Record<string, string | undefined> }>, reply: PlatformReply) {
      const q = req.query;
      const keys = q.flags ? q.flags.split(',').map((key) => key.trim()).filter(Boolean) : undefined;
      const base = await evaluationContextOf(req, { tenantId: q.tenantId, userId: q.userId, sessionId: q.sessionId, environment: q.environment, appName: q.appName }, s.tenants, 'query');

      const stream = openEventStream(req, reply, { retryMs: 1000, heartbeatMs: HEARTBEAT_MS, onHeartbeat: () => send(), maxLifetimeMs: MAX_STREAM_MS });
      let last = '';
      let sending: Promise<void> = Promise.resolve();
      const send = () => {
        sending = sending.then(async () => {
          if (stream.closed) return;
          const context = await s.evaluation.withPlan(base);
          const flags = s.evaluation.evaluateResolved(keys, context);
          const data = JSON.stringify(flags);
          if (data === last) return;
          last = data;
          stream.send('flags', { version: s.cache.snapshot.version, flags }, s.cache.snapshot.version);
        }).catch((err) => req.log.warn({ err }, 'flag stream update failed'));
      };
      stream.onClose(s.cache.onChange(() => send()));
      send();
    },
  });
}

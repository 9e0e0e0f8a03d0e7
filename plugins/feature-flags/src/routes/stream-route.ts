import { Type, type PlatformReply, type PlatformRequest, type RouteRegistrar } from '@platform/sdk';
import type { FlagServices } from '../service/flag-services.ts';
import { evaluationContextOf } from './evaluation-context.ts';

const tags = ['feature-flags'];

/** Comment lines keep proxies from closing an idle stream; each beat also re-evaluates (schedules, expiries). */
const HEARTBEAT_MS = 15_000;
/** A stream ends after this long and the client reconnects (`retry`), so connections get rebalanced. */
const MAX_STREAM_MS = 5 * 60_000;

/** Open streams, ended when the kernel starts shutting down (so the graceful drain does not wait on them). */
const openStreams = new Set<() => void>();
export function endOpenStreams(): void {
  for (const close of [...openStreams]) close();
}

/**
 * Server-sent events for SDKs: `event: flags` with the caller's evaluations on connect and again
 * whenever they change (a flag edit on any instance, an override, a kill, a schedule boundary).
 * `id` is the configuration version. Same context rules as `/evaluate`.
 */
export function streamRoute(routes: RouteRegistrar, s: FlagServices): void {
  routes.add({
    method: 'GET',
    url: '/stream',
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

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': String(req.id),
      });
      res.write('retry: 1000\n\n');

      let last = '';
      let closed = false;
      let sending: Promise<void> = Promise.resolve();
      const send = () => {
        sending = sending.then(async () => {
          if (closed) return;
          const context = await s.evaluation.withPlan(base);
          const flags = s.evaluation.evaluateResolved(keys, context);
          const data = JSON.stringify(flags);
          if (data === last || closed) return;
          last = data;
          res.write(`id: ${s.cache.snapshot.version}\nevent: flags\ndata: ${JSON.stringify({ version: s.cache.snapshot.version, flags })}\n\n`);
        }).catch((err) => req.log.warn({ err }, 'flag stream update failed'));
      };

      const unsubscribe = s.cache.onChange(() => send());
      const heartbeat = setInterval(() => {
        if (!closed) res.write(': ping\n\n');
        send();
      }, HEARTBEAT_MS);
      const lifetime = setTimeout(() => close(), MAX_STREAM_MS);
      heartbeat.unref();
      lifetime.unref();
      const close = () => {
        if (closed) return;
        closed = true;
        openStreams.delete(close);
        unsubscribe();
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        if (!res.writableEnded) res.end();
      };
      openStreams.add(close);
      req.raw.on('close', close);
      res.on('close', close);
      send();
    },
  });
}

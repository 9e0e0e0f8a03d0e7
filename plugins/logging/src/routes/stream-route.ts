import type { LogEntry, PlatformReply, PlatformRequest, PluginContext } from '@platform/sdk';
import type { LoggingRuntime } from '../logging-runtime.ts';
import { parseLogQuery } from '../query/log-query.ts';
import { readScopeOf } from '../query/read-scope.ts';
import { tailFilterOf } from '../tail/tail-filter.ts';
import { LogSearchQuerystring } from './log-routes.ts';

const HEARTBEAT_MS = 15_000;

/**
 * `GET /api/logging/stream`: server-sent events with the lines matching the same filters as the search
 * (applied on the server), from every instance. `event: logs` carries `{ lines, skipped }`; tenant users
 * and staff with a tenant selected get that tenant's lines only.
 */
export function addStreamRoute(ctx: PluginContext, rt: LoggingRuntime): void {
  ctx.routes.add({
    method: 'GET',
    url: '/stream',
    permission: 'logging.read',
    tenantScoped: false,
    schema: { tags: ['logging'], summary: 'Live tail (server-sent events) with server-side filters, across instances', querystring: LogSearchQuerystring },
    async handler(req: PlatformRequest<{ Querystring: Record<string, string | undefined> }>, reply: PlatformReply) {
      const q = parseLogQuery(req.query);
      const tenantId = readScopeOf(req.ctx, q.tenantId);
      const filter = tailFilterOf({ tenantId, levels: q.levels, service: q.service, action: q.action, userId: q.userId, requestId: q.requestId, text: q.text });

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': String(req.id),
      });
      res.write(`retry: 2000\nevent: ready\ndata: ${JSON.stringify({ tenantId, instance: rt.instanceId })}\n\n`);

      let closed = false;
      const heartbeat = setInterval(() => res.write(': ping\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        if (!res.writableEnded) res.end();
      };
      const unsubscribe = rt.hub.subscribe({
        filter,
        send(lines: LogEntry[], skipped: number) {
          if (!closed) res.write(`event: logs\ndata: ${JSON.stringify({ lines, skipped })}\n\n`);
        },
        close,
      });
      req.raw.on('close', close);
      res.on('close', close);
    },
  });
}

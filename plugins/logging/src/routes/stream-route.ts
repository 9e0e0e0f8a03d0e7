import { openEventStream, type LogEntry, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
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
    traffic: 'stream',
    permission: 'logging.read',
    tenantScoped: false,
    schema: { tags: ['logging'], summary: 'Live tail (server-sent events) with server-side filters, across instances', querystring: LogSearchQuerystring },
    async handler(req: PlatformRequest<{ Querystring: Record<string, string | undefined> }>, reply: PlatformReply) {
      const q = parseLogQuery(req.query);
      const tenantId = readScopeOf(req.ctx, q.tenantId);
      const filter = tailFilterOf({ tenantId, levels: q.levels, service: q.service, action: q.action, userId: q.userId, requestId: q.requestId, text: q.text });

      const stream = openEventStream(req, reply, { retryMs: 2000, heartbeatMs: HEARTBEAT_MS });
      stream.send('ready', { tenantId, instance: rt.instanceId });
      stream.onClose(
        rt.hub.subscribe({
          filter,
          send: (lines: LogEntry[], skipped: number) => stream.send('logs', { lines, skipped }),
          close: () => stream.close(),
        }),
      );
    },
  });
}

import { Readable } from 'node:stream';
import { ProblemError, Type, type PlatformReply, type PlatformRequest, type PluginContext } from '@platform/sdk';
import type { LoggingRuntime } from '../logging-runtime.ts';
import { parseLogQuery, type LogQuery } from '../query/log-query.ts';
import { buildTraceQuery } from '../query/log-query-sql.ts';
import { rowToEntry, type LogRow } from '../query/log-row.ts';
import { searchLogs } from '../query/log-search.ts';
import { csvHeader, csvLine, ndjsonLine, type ExportFormat } from '../query/log-export-format.ts';
import { readScopeOf } from '../query/read-scope.ts';

const tags = ['logging'];
const MAX_EXPORT = 100_000;
const EXPORT_PAGE = 1000;
const DAY = 86_400_000;

export const LogSearchQuerystring = Type.Object({
  from: Type.Optional(Type.String({ description: 'ISO 8601 or epoch ms; default 24 hours before `to`' })),
  to: Type.Optional(Type.String({ description: 'ISO 8601 or epoch ms; default now' })),
  level: Type.Optional(Type.String({ description: 'Comma-separated: debug, info, warn, error' })),
  tenantId: Type.Optional(Type.String({ description: 'Staff reading all tenants only' })),
  userId: Type.Optional(Type.String()),
  service: Type.Optional(Type.String()),
  action: Type.Optional(Type.String()),
  requestId: Type.Optional(Type.String()),
  q: Type.Optional(Type.String({ description: 'Words in the message (full text), at most 200 characters' })),
  limit: Type.Optional(Type.String({ description: 'Lines per page, 1 to 500 (default 100)' })),
  cursor: Type.Optional(Type.String({ description: '`nextCursor` of the previous page' })),
});

type SearchRequest = PlatformRequest<{ Querystring: Record<string, string | undefined> }>;

/** Search, export and request trace over `platform_logs`. */
export function addLogRoutes(ctx: PluginContext, rt: LoggingRuntime): void {
  const page = (q: LogQuery, tenantId: string | null) => searchLogs(ctx.db, q, tenantId);

  ctx.routes.add({
    method: 'GET',
    url: '/logs',
    permission: 'logging.read',
    tenantScoped: false,
    schema: { tags, summary: 'Search log lines, newest first, one page at a time (`nextCursor`)', querystring: LogSearchQuerystring },
    async handler(req: SearchRequest) {
      const q = parseLogQuery(req.query);
      return page(q, readScopeOf(req.ctx, q.tenantId));
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/logs/export',
    permission: 'logging.read',
    tenantScoped: false,
    schema: {
      tags,
      summary: `Export the lines of a search as CSV or NDJSON (format=csv|ndjson, up to ${MAX_EXPORT.toLocaleString('en')} lines, newest first)`,
      querystring: Type.Composite([LogSearchQuerystring, Type.Object({ format: Type.Optional(Type.String()), max: Type.Optional(Type.String()) })]),
    },
    async handler(req: SearchRequest, reply: PlatformReply) {
      const format = (req.query.format ?? 'ndjson') as ExportFormat;
      if (format !== 'csv' && format !== 'ndjson') throw new ProblemError(400, 'validation_failed', '"format" must be csv or ndjson', { field: 'format' });
      const max = req.query.max === undefined ? MAX_EXPORT : Number(req.query.max);
      if (!Number.isInteger(max) || max < 1 || max > MAX_EXPORT) throw new ProblemError(400, 'validation_failed', `"max" must be a whole number from 1 to ${MAX_EXPORT}`, { field: 'max' });
      const { limit: _limit, cursor: _cursor, ...filters } = req.query;
      const q = parseLogQuery(filters);
      const tenantId = readScopeOf(req.ctx, q.tenantId);
      async function* lines(): AsyncGenerator<string> {
        if (format === 'csv') yield csvHeader();
        let sent = 0;
        let cursor = q.cursor;
        while (sent < max) {
          const p = await page({ ...q, cursor, limit: Math.min(EXPORT_PAGE, max - sent) }, tenantId);
          let chunk = '';
          for (const e of p.items) chunk += format === 'csv' ? csvLine(e) : ndjsonLine(e);
          if (chunk) yield chunk;
          sent += p.items.length;
          if (!p.nextCursor) return;
          const last = p.items[p.items.length - 1];
          cursor = { timestamp: last.timestamp, id: last.id };
        }
      }
      const stamp = new Date().toISOString().slice(0, 19).replace(/:/g, '');
      reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="logs-${stamp}.${format}"`);
      return reply.send(Readable.from(lines()));
    },
  });

  ctx.routes.add({
    method: 'GET',
    url: '/logs/trace/:requestId',
    permission: 'logging.read',
    tenantScoped: false,
    schema: {
      tags,
      summary: 'Every stored line of one request, oldest first (the request trace)',
      params: Type.Object({ requestId: Type.String({ minLength: 1, maxLength: 200 }) }),
    },
    async handler(req: PlatformRequest<{ Params: { requestId: string } }>) {
      const tenantId = readScopeOf(req.ctx, null);
      const since = new Date(Date.now() - (rt.config.retention.error + 1) * DAY);
      const sql = buildTraceQuery(req.params.requestId, tenantId, since, 2000);
      const items = (await ctx.db.sql<LogRow>(sql.text, sql.params)).map(rowToEntry);
      const first = items[0];
      const last = items[items.length - 1];
      return {
        requestId: req.params.requestId,
        items,
        startedAt: first?.timestamp ?? null,
        durationMs: first && last ? new Date(last.timestamp).getTime() - new Date(first.timestamp).getTime() : null,
        services: [...new Set(items.map((e) => e.service))],
        levels: { error: items.filter((e) => e.level === 'error').length, warn: items.filter((e) => e.level === 'warn').length },
      };
    },
  });
}

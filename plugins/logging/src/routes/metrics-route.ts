import type { PlatformReply, PlatformRequest, PluginContext } from '@platform/sdk';
import type { LoggingRuntime } from '../logging-runtime.ts';
import { prometheusText, type LoggingMetricsReport } from '../metrics/prometheus-text.ts';

/** `GET /api/logging/metrics` (JSON, or `?format=prometheus`): storage counters, drops, new groups, group rates. */
export function addMetricsRoute(ctx: PluginContext, rt: LoggingRuntime): void {
  ctx.routes.add({
    method: 'GET',
    url: '/metrics',
    permission: 'logging.read',
    tenantScoped: false,
    scope: 'platform', // every tenant's counters
    schema: { tags: ['logging'], summary: 'Logging metrics for alerts: lines stored and dropped, error groups created and regressed, per-group rates (staff)' },
    async handler(req: PlatformRequest<{ Querystring: { format?: string } }>, reply: PlatformReply) {
      req.ctx.acrossTenants();
      const report: LoggingMetricsReport = {
        instance: rt.instanceId,
        counters: rt.metrics.snapshot(),
        pipeline: ctx.logging.stats(),
        groupRates: (await rt.groups.recentRates()).map((r) => ({ ...r, perMinute: r.lastFiveMinutes / 5 })),
        openGroups: (await ctx.db.sql<{ status: string; n: number }>('SELECT status, count(*)::int AS n FROM logging_error_groups GROUP BY status')).reduce<Record<string, number>>(
          (acc, r) => ({ ...acc, [r.status]: r.n }),
          {},
        ),
      };
      if (req.query.format === 'prometheus') {
        reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8');
        return prometheusText(report);
      }
      return report;
    },
  });
}

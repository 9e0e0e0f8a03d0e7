import { defaultAggregation, type MetricsReader } from '@platform/sdk/metrics';
import { ProblemError, Type, type PlatformRequest, type PluginContext } from '@platform/sdk';
import { bucketSeries } from '../query/series-buckets.ts';
import { parseAggregation, parseDimensionFilter, parseGroupBy, parseTime } from './query-params.ts';

const MAX_POINTS = 2_000;
const MINUTE_TABLE_RANGE_MS = 48 * 3_600_000;

/** The metric catalog (metric picker) and chart data. */
export function addQueryRoutes(ctx: PluginContext, reader: MetricsReader, clock: () => number): void {
  ctx.routes.add({
    method: 'GET',
    url: '/catalog',
    traffic: 'polling',
    permission: 'metrics.read',
    tenantScoped: false,
    schema: { summary: 'Metrics recorded in the last 7 days, with their kind and dimension keys' },
    handler: async () => reader.catalog(),
  });

  ctx.routes.add({
    method: 'GET',
    url: '/series',
    traffic: 'polling',
    permission: 'metrics.read',
    tenantScoped: false,
    schema: {
      summary: 'One metric over a time range, grouped and aggregated per step (chart data)',
      querystring: Type.Object({
        metric: Type.String({ pattern: '^[a-z][a-z0-9_]{0,99}$' }),
        aggregation: Type.Optional(Type.String()),
        from: Type.Optional(Type.String()),
        to: Type.Optional(Type.String()),
        stepMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_080 })),
        filter: Type.Optional(Type.String()),
        groupBy: Type.Optional(Type.String()),
        tenantId: Type.Optional(Type.String({ format: 'uuid' })),
      }),
    },
    async handler(req: PlatformRequest<{ Querystring: Record<string, string | undefined> & { stepMinutes?: number } }>) {
      const q = req.query;
      const now = clock();
      const to = parseTime(q.to, 'to', now);
      const from = parseTime(q.from, 'from', to - 3_600_000);
      if (from >= to) throw new ProblemError(400, 'validation_failed', '"from" must be before "to"', { field: 'from' });
      const hourly = to - from > MINUTE_TABLE_RANGE_MS;
      const stepMs = (q.stepMinutes ?? (hourly ? 60 : Math.max(1, Math.ceil((to - from) / 60_000 / 120)))) * 60_000;
      if ((to - from) / stepMs > MAX_POINTS) throw new ProblemError(400, 'validation_failed', `at most ${MAX_POINTS} points per series: widen "stepMinutes"`, { field: 'stepMinutes' });
      const filter = parseDimensionFilter(q.filter);
      const groupBy = parseGroupBy(q.groupBy);
      const tenantId = q.tenantId ?? req.ctx.tenantId ?? undefined;
      const alignedFrom = Math.floor(from / stepMs) * stepMs;
      const series = await reader.series({ metric: q.metric!, from: alignedFrom, to, filter, tenantId, resolution: hourly ? 'hour' : 'minute' });
      const kind = series[0]?.kind ?? 'counter';
      const aggregation = parseAggregation(q.aggregation, defaultAggregation(kind));
      return {
        metric: q.metric,
        kind: series[0]?.kind ?? null,
        aggregation,
        stepMinutes: stepMs / 60_000,
        series: bucketSeries(series, { groupBy, aggregation, from: alignedFrom, to, stepMs }),
      };
    },
  });
}

import type { Database, EntityManager } from '@platform/sdk';
import type { MinuteAggregate } from '../recording/metric-buffer.ts';
import { canonicalDimensions } from '../recording/sample-guard.ts';
import type { ErrorSample } from '../requests/error-sample-buffer.ts';

interface Row {
  at: string;
  metric_name: string;
  kind: string;
  tenant_id: string | null;
  dimensions: Record<string, string>;
  count: number;
  sum: number;
  min: number | null;
  max: number | null;
  last: number | null;
  buckets: number[] | null;
}

const HOUR = 3_600_000;

/** Minute aggregates folded into hours (one row per series and hour, so one upsert never hits a row twice). */
export function foldIntoHours(aggregates: readonly MinuteAggregate[]): MinuteAggregate[] {
  const hours = new Map<string, MinuteAggregate>();
  for (const a of [...aggregates].sort((x, y) => x.minute - y.minute)) {
    const hour = Math.floor(a.minute / HOUR) * HOUR;
    const key = `${hour}|${a.metric}|${a.tenantId ?? ''}|${canonicalDimensions(a.dimensions)}`;
    const cur = hours.get(key);
    if (!cur) {
      hours.set(key, { ...a, minute: hour, buckets: a.buckets ? [...a.buckets] : null });
      continue;
    }
    cur.count += a.count;
    cur.sum += a.sum;
    cur.min = a.min === null ? cur.min : cur.min === null ? a.min : Math.min(cur.min, a.min);
    cur.max = a.max === null ? cur.max : cur.max === null ? a.max : Math.max(cur.max, a.max);
    cur.last = a.last ?? cur.last;
    if (cur.buckets && a.buckets) cur.buckets = cur.buckets.map((c, i) => c + (a.buckets![i] ?? 0));
  }
  return [...hours.values()];
}

function toRows(aggregates: readonly MinuteAggregate[]): Row[] {
  return aggregates
    .map((a) => ({
      at: new Date(a.minute).toISOString(),
      metric_name: a.metric,
      kind: a.kind,
      tenant_id: a.tenantId,
      dimensions: a.dimensions,
      count: a.count,
      sum: a.sum,
      min: a.min,
      max: a.max,
      last: a.last,
      buckets: a.buckets,
    }))
    .sort((x, y) => (x.at + x.metric_name + canonicalDimensions(x.dimensions) + (x.tenant_id ?? '')).localeCompare(y.at + y.metric_name + canonicalDimensions(y.dimensions) + (y.tenant_id ?? '')));
}

const upsert = (table: string, slot: string) => `
  INSERT INTO ${table} (${slot}, metric_name, kind, tenant_id, dimensions, count, sum, min, max, last, buckets)
  SELECT x.at, x.metric_name, x.kind, x.tenant_id, x.dimensions, x.count, x.sum, x.min, x.max, x.last, x.buckets
  FROM jsonb_to_recordset($1::jsonb) AS x(at timestamptz, metric_name text, kind text, tenant_id uuid, dimensions jsonb, count bigint,
    sum double precision, min double precision, max double precision, last double precision, buckets bigint[])
  ON CONFLICT ON CONSTRAINT ${table}_series DO UPDATE SET
    count = ${table}.count + excluded.count,
    sum = ${table}.sum + excluded.sum,
    min = LEAST(${table}.min, excluded.min),
    max = GREATEST(${table}.max, excluded.max),
    last = COALESCE(excluded.last, ${table}.last),
    buckets = metrics_add_buckets(${table}.buckets, excluded.buckets)`;

/** Adds a batch of minute aggregates to the minute table and to the hourly rollup, in one transaction. */
export async function writeMetricBatch(db: Database, aggregates: readonly MinuteAggregate[], errors: readonly ErrorSample[]): Promise<void> {
  if (aggregates.length === 0 && errors.length === 0) return;
  await db.system().transactional(async (em: EntityManager) => {
    if (aggregates.length) {
      await db.sql(upsert('system_metrics_minute', 'minute'), [JSON.stringify(toRows(aggregates))], em);
      await db.sql(upsert('system_metrics_hourly', 'hour'), [JSON.stringify(toRows(foldIntoHours(aggregates)))], em);
    }
    if (errors.length) {
      await db.sql(
        `INSERT INTO metrics_error_samples (at, route, method, status_code, tenant_id, request_id, duration_ms)
         SELECT x.at, x.route, x.method, x.status_code, x.tenant_id, x.request_id, x.duration_ms
         FROM jsonb_to_recordset($1::jsonb) AS x(at timestamptz, route text, method text, status_code int, tenant_id uuid, request_id text, duration_ms double precision)`,
        [JSON.stringify(errors.map((e) => ({ at: new Date(e.at).toISOString(), route: e.route, method: e.method, status_code: e.statusCode, tenant_id: e.tenantId, request_id: e.requestId, duration_ms: e.durationMs })))],
        em,
      );
    }
  });
}

import type { Database } from '@platform/sdk';
import type { MetricInfo, MetricKind, MetricSeries, MetricSeriesQuery, MetricsReader, MetricWindowQuery, MetricWindowRollup } from '@platform/sdk/metrics';
import { readWindowRollups } from './window-rollup-reader.ts';
import { toPoint, type PointRow } from './point-row.ts';

interface SeriesRow extends PointRow {
  metric_name: string;
  kind: MetricKind;
  tenant_id: string | null;
  dimensions: Record<string, string>;
}

/** Groups ordered rows into series (one per metric, tenant and dimension set). */
export function groupRows(rows: SeriesRow[]): MetricSeries[] {
  const series = new Map<string, MetricSeries>();
  for (const r of rows) {
    const key = `${r.metric_name}|${r.tenant_id ?? ''}|${JSON.stringify(r.dimensions)}`;
    let s = series.get(key);
    if (!s) {
      s = { metric: r.metric_name, kind: r.kind, tenantId: r.tenant_id, dimensions: r.dimensions, points: [] };
      series.set(key, s);
    }
    s.points.push(toPoint(r));
  }
  return [...series.values()];
}

/** Reads the minute and hourly tables. */
export class SqlMetricsReader implements MetricsReader {
  constructor(private readonly db: Database) {}

  async series(q: MetricSeriesQuery): Promise<MetricSeries[]> {
    return this.read([q.metric], q, q.filter ?? {});
  }

  async seriesOfMany(metrics: string[], q: Omit<MetricSeriesQuery, 'metric' | 'filter'>): Promise<MetricSeries[]> {
    if (metrics.length === 0) return [];
    return this.read(metrics, q, {});
  }

  windowRollups(windows: readonly MetricWindowQuery[], at: number): Promise<MetricWindowRollup[]> {
    return readWindowRollups(this.db, windows, at);
  }

  async catalog(): Promise<MetricInfo[]> {
    const rows = await this.db.sql<{ metric_name: string; kind: MetricKind; keys: string[] | null }>(
      `SELECT metric_name, kind, array_agg(DISTINCT k) FILTER (WHERE k IS NOT NULL) AS keys
       FROM system_metrics_hourly LEFT JOIN LATERAL jsonb_object_keys(dimensions) AS k ON true
       WHERE hour >= now() - interval '7 days'
       GROUP BY metric_name, kind ORDER BY metric_name`,
    );
    return rows.map((r) => ({ name: r.metric_name, kind: r.kind, dimensions: r.keys ?? [] }));
  }

  private async read(metrics: string[], q: Omit<MetricSeriesQuery, 'metric'>, filter: Record<string, string | undefined>): Promise<MetricSeries[]> {
    const hourly = q.resolution === 'hour';
    const table = hourly ? 'system_metrics_hourly' : 'system_metrics_minute';
    const slot = hourly ? 'hour' : 'minute';
    const params: unknown[] = [metrics, new Date(q.from), new Date(q.to)];
    let where = `metric_name = ANY($1::text[]) AND ${slot} >= $2 AND ${slot} < $3`;
    const cleanFilter = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
    if (Object.keys(cleanFilter).length) {
      params.push(JSON.stringify(cleanFilter));
      where += ` AND dimensions @> $${params.length}::jsonb`;
    }
    if (q.tenantId !== undefined) {
      if (q.tenantId === null) where += ' AND tenant_id IS NULL';
      else {
        params.push(q.tenantId);
        where += ` AND tenant_id = $${params.length}`;
      }
    }
    const rows = await this.db.sql<SeriesRow>(
      `SELECT ${slot} AS at, metric_name, kind, tenant_id, dimensions, count, sum, min, max, last, buckets
       FROM ${table} WHERE ${where} ORDER BY ${slot}`,
      params,
    );
    return groupRows(rows);
  }
}

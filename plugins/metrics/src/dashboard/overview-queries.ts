import { histogramQuantile } from '@platform/sdk/metrics';
import { type Database } from '@platform/sdk';
import { API_REQUESTS_TOTAL, API_REQUEST_DURATION_MS, MONITORING_REQUESTS_TOTAL } from '../requests/request-metric-names.ts';
import { findSpikeStart } from './spike-detection.ts';

export interface SparkPoint {
  at: string;
  requests: number;
  errors: number;
  errorRatePct: number | null;
  p95Ms: number | null;
}

export interface ErrorRoute {
  route: string;
  errors: number;
  requests: number;
  /** This route's share of all errors, in %. */
  sharePct: number;
}

export interface RequestOverview {
  from: string;
  to: string;
  totals: { requests: number; errors: number; errorRatePct: number | null; p95Ms: number | null };
  /** The console's and monitors' polling and live streams over the same window: reported apart, in no SLO. */
  monitoring: { requests: number; errors: number };
  sparkline: SparkPoint[];
  whyRed: {
    topErrorRoutes: ErrorRoute[];
    spikeStartedAt: string | null;
    sampleError: { at: string; route: string; method: string; statusCode: number; requestId: string; tenantId: string | null } | null;
  };
}

const MINUTE = 60_000;

function tenantClause(params: unknown[], tenantId: string | null | undefined): string {
  if (!tenantId) return '';
  params.push(tenantId);
  return ` AND tenant_id = $${params.length}`;
}

/**
 * The system health dashboard's request view over the last `hours`: a sparkline (request volume, error
 * rate, p95) in `binMinutes` bins from the minute table, and the "why is it red" panel: the routes with
 * the most 5xx in the last hour, when the current spike began, and a sample error.
 */
export async function requestOverview(db: Database, now: number, opts: { hours: number; binMinutes: number; tenantId?: string | null }): Promise<RequestOverview> {
  const binMs = opts.binMinutes * MINUTE;
  const to = Math.floor(now / MINUTE) * MINUTE + MINUTE;
  const from = Math.floor((now - opts.hours * 3_600_000) / binMs) * binMs;

  const p1: unknown[] = [new Date(from), new Date(to), `${opts.binMinutes} minutes`];
  const t1 = tenantClause(p1, opts.tenantId);
  const counts = await db.sql<{ bin: Date; requests: number; errors: number | null }>(
    `SELECT date_bin($3::interval, minute, TIMESTAMPTZ '2000-01-01') AS bin, sum(sum) AS requests,
            sum(sum) FILTER (WHERE dimensions->>'status_class' = '5xx') AS errors
     FROM system_metrics_minute WHERE metric_name = '${API_REQUESTS_TOTAL}' AND minute >= $1 AND minute < $2${t1}
     GROUP BY 1 ORDER BY 1`,
    p1,
  );
  const latency = await db.sql<{ bin: Date; buckets: (string | number)[] | null }>(
    `SELECT date_bin($3::interval, minute, TIMESTAMPTZ '2000-01-01') AS bin, metrics_sum_buckets(buckets) AS buckets
     FROM system_metrics_minute WHERE metric_name = '${API_REQUEST_DURATION_MS}' AND minute >= $1 AND minute < $2${t1}
     GROUP BY 1 ORDER BY 1`,
    p1,
  );
  const p95ByBin = new Map(latency.map((r) => [new Date(r.bin).getTime(), r.buckets ? histogramQuantile(r.buckets.map(Number), 0.95) : null]));
  const countByBin = new Map(counts.map((r) => [new Date(r.bin).getTime(), r]));
  const sparkline: SparkPoint[] = [];
  for (let at = from; at < to; at += binMs) {
    const c = countByBin.get(at);
    const requests = Number(c?.requests ?? 0);
    const errors = Number(c?.errors ?? 0);
    sparkline.push({ at: new Date(at).toISOString(), requests, errors, errorRatePct: requests > 0 ? (100 * errors) / requests : null, p95Ms: p95ByBin.get(at) ?? null });
  }

  const allBuckets = latency.reduce<number[]>((acc, r) => (r.buckets ? r.buckets.map((b, i) => Number(b) + (acc[i] ?? 0)) : acc), []);
  const requests = sparkline.reduce((s, p) => s + p.requests, 0);
  const errors = sparkline.reduce((s, p) => s + p.errors, 0);

  const p5: unknown[] = [new Date(from), new Date(to)];
  const t5 = tenantClause(p5, opts.tenantId);
  const [polled] = await db.sql<{ requests: number | null; errors: number | null }>(
    `SELECT sum(sum) AS requests, sum(sum) FILTER (WHERE dimensions->>'status_class' = '5xx') AS errors
     FROM system_metrics_minute WHERE metric_name = '${MONITORING_REQUESTS_TOTAL}' AND minute >= $1 AND minute < $2${t5}`,
    p5,
  );

  const p2: unknown[] = [new Date(now - 3_600_000)];
  const t2 = tenantClause(p2, opts.tenantId);
  const routes = await db.sql<{ route: string; requests: number; errors: number | null }>(
    `SELECT dimensions->>'route' AS route, sum(sum) AS requests, sum(sum) FILTER (WHERE dimensions->>'status_class' = '5xx') AS errors
     FROM system_metrics_minute WHERE metric_name = '${API_REQUESTS_TOTAL}' AND minute >= $1${t2}
     GROUP BY 1 HAVING sum(sum) FILTER (WHERE dimensions->>'status_class' = '5xx') > 0
     ORDER BY errors DESC LIMIT 5`,
    p2,
  );
  const hourErrors = routes.reduce((s, r) => s + Number(r.errors ?? 0), 0);
  const topErrorRoutes = routes.map((r) => ({ route: r.route, errors: Number(r.errors ?? 0), requests: Number(r.requests), sharePct: hourErrors ? (100 * Number(r.errors ?? 0)) / hourErrors : 0 }));

  const p3: unknown[] = [new Date(now - 3 * 3_600_000)];
  const t3 = tenantClause(p3, opts.tenantId);
  const minutes = await db.sql<{ minute: Date; total: number; errors: number | null }>(
    `SELECT minute, sum(sum) AS total, sum(sum) FILTER (WHERE dimensions->>'status_class' = '5xx') AS errors
     FROM system_metrics_minute WHERE metric_name = '${API_REQUESTS_TOTAL}' AND minute >= $1${t3} GROUP BY 1`,
    p3,
  );
  const spike = findSpikeStart(minutes.map((m) => ({ at: new Date(m.minute).getTime(), total: Number(m.total), errors: Number(m.errors ?? 0) })));

  const p4: unknown[] = [new Date(now - 24 * 3_600_000)];
  const t4 = tenantClause(p4, opts.tenantId);
  const top = topErrorRoutes[0]?.route ?? null;
  if (top) p4.push(top);
  const [sample] = await db.sql<{ at: Date; route: string; method: string; status_code: number; request_id: string; tenant_id: string | null }>(
    `SELECT at, route, method, status_code, request_id, tenant_id FROM metrics_error_samples
     WHERE at >= $1${t4} ORDER BY ${top ? `(route = $${p4.length}) DESC, ` : ''}at DESC LIMIT 1`,
    p4,
  );

  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    totals: { requests, errors, errorRatePct: requests > 0 ? (100 * errors) / requests : null, p95Ms: allBuckets.length ? histogramQuantile(allBuckets, 0.95) : null },
    monitoring: { requests: Number(polled?.requests ?? 0), errors: Number(polled?.errors ?? 0) },
    sparkline,
    whyRed: {
      topErrorRoutes,
      spikeStartedAt: spike === null ? null : new Date(spike).toISOString(),
      sampleError: sample
        ? { at: new Date(sample.at).toISOString(), route: sample.route, method: sample.method, statusCode: sample.status_code, requestId: sample.request_id, tenantId: sample.tenant_id }
        : null,
    },
  };
}

import { countAtMost } from '@platform/sdk/metrics';
import { type Database } from '@platform/sdk';
import { API_REQUESTS_TOTAL, API_REQUEST_DURATION_MS } from '../requests/request-metric-names.ts';
import { computeSlo, type SloComputation } from './slo-math.ts';
import type { Slo } from './slo-entity.ts';

export interface SloStatus extends SloComputation {
  id: string;
  name: string;
  kind: Slo['kind'];
  thresholdMs: number | null;
  windowDays: number;
  route: string | null;
  windowStart: string;
}

interface Scope {
  tenantId?: string | null;
}

/** Good and total requests of an objective over its window, from the hourly rollup. */
async function goodAndTotal(db: Database, slo: Pick<Slo, 'kind' | 'thresholdMs' | 'route'>, from: Date, scope: Scope): Promise<{ good: number; total: number }> {
  const params: unknown[] = [from];
  let where = 'hour >= $1';
  if (slo.route) {
    params.push(slo.route);
    where += ` AND dimensions->>'route' = $${params.length}`;
  }
  if (scope.tenantId) {
    params.push(scope.tenantId);
    where += ` AND tenant_id = $${params.length}`;
  }
  if (slo.kind === 'availability') {
    const [row] = await db.sql<{ total: number | null; bad: number | null }>(
      `SELECT sum(sum) AS total, sum(sum) FILTER (WHERE dimensions->>'status_class' = '5xx') AS bad
       FROM system_metrics_hourly WHERE metric_name = '${API_REQUESTS_TOTAL}' AND ${where}`,
      params,
    );
    const total = Number(row?.total ?? 0);
    return { total, good: total - Number(row?.bad ?? 0) };
  }
  const [row] = await db.sql<{ total: string | null; buckets: (string | number)[] | null }>(
    `SELECT sum(count) AS total, metrics_sum_buckets(buckets) AS buckets
     FROM system_metrics_hourly WHERE metric_name = '${API_REQUEST_DURATION_MS}' AND ${where}`,
    params,
  );
  const total = Number(row?.total ?? 0);
  const buckets = (row?.buckets ?? []).map(Number);
  return { total, good: Math.min(total, countAtMost(buckets, slo.thresholdMs ?? 0)) };
}

/** Every enabled objective's SLI and error budget over its window (7 days by default). */
export async function sloStatuses(db: Database, slos: Slo[], now: number, scope: Scope = {}): Promise<SloStatus[]> {
  const out: SloStatus[] = [];
  for (const slo of slos) {
    const from = new Date(Math.floor((now - slo.windowDays * 86_400_000) / 3_600_000) * 3_600_000);
    const { good, total } = await goodAndTotal(db, slo, from, scope);
    out.push({
      id: slo.id,
      name: slo.name,
      kind: slo.kind,
      thresholdMs: slo.thresholdMs,
      windowDays: slo.windowDays,
      route: slo.route,
      windowStart: from.toISOString(),
      ...computeSlo(good, total, slo.targetPct),
    });
  }
  return out;
}

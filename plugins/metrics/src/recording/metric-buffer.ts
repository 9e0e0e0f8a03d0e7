import { HISTOGRAM_BUCKETS, type MetricKind } from '@platform/sdk/metrics';
import { canonicalDimensions } from './sample-guard.ts';

/** One series' aggregate for one minute, as buffered between flushes. */
export interface MinuteAggregate {
  minute: number;
  metric: string;
  kind: MetricKind;
  tenantId: string | null;
  dimensions: Record<string, string>;
  count: number;
  sum: number;
  min: number | null;
  max: number | null;
  last: number | null;
  buckets: number[] | null;
}

export function bucketIndex(value: number, bounds: readonly number[] = HISTOGRAM_BUCKETS): number {
  for (let i = 0; i < bounds.length; i++) if (value <= bounds[i]) return i;
  return bounds.length;
}

export type AddOutcome = 'added' | 'kind_mismatch' | 'full';

/**
 * Per-minute aggregates of every series recorded since the last drain. A metric name keeps the kind
 * it was first recorded with; a sample of another kind is refused.
 */
export class MetricBuffer {
  private series = new Map<string, MinuteAggregate>();
  private readonly kinds = new Map<string, MetricKind>();

  constructor(private readonly maxSeries: number) {}

  get size(): number {
    return this.series.size;
  }

  kindOf(metric: string): MetricKind | undefined {
    return this.kinds.get(metric);
  }

  add(kind: MetricKind, metric: string, value: number, dimensions: Record<string, string>, tenantId: string | null, at: number): AddOutcome {
    const known = this.kinds.get(metric);
    if (known && known !== kind) return 'kind_mismatch';
    const minute = Math.floor(at / 60_000) * 60_000;
    const key = `${minute}|${metric}|${tenantId ?? ''}|${canonicalDimensions(dimensions)}`;
    let agg = this.series.get(key);
    if (!agg) {
      if (this.series.size >= this.maxSeries) return 'full';
      if (!known) this.kinds.set(metric, kind);
      agg = { minute, metric, kind, tenantId, dimensions, count: 0, sum: 0, min: null, max: null, last: null, buckets: kind === 'histogram' ? new Array(HISTOGRAM_BUCKETS.length + 1).fill(0) : null };
      this.series.set(key, agg);
    }
    agg.count += 1;
    agg.sum += value;
    if (kind !== 'counter') {
      agg.min = agg.min === null ? value : Math.min(agg.min, value);
      agg.max = agg.max === null ? value : Math.max(agg.max, value);
    }
    if (kind === 'gauge') agg.last = value;
    if (agg.buckets) agg.buckets[bucketIndex(value)] += 1;
    return 'added';
  }

  drain(): MinuteAggregate[] {
    const out = [...this.series.values()];
    this.series = new Map();
    return out;
  }

  /** Puts aggregates back (a failed write), merging with what arrived meanwhile. */
  restore(aggregates: MinuteAggregate[]): void {
    for (const a of aggregates) {
      const key = `${a.minute}|${a.metric}|${a.tenantId ?? ''}|${canonicalDimensions(a.dimensions)}`;
      const cur = this.series.get(key);
      if (!cur) {
        this.series.set(key, a);
        continue;
      }
      cur.count += a.count;
      cur.sum += a.sum;
      cur.min = a.min === null ? cur.min : cur.min === null ? a.min : Math.min(cur.min, a.min);
      cur.max = a.max === null ? cur.max : cur.max === null ? a.max : Math.max(cur.max, a.max);
      cur.last = cur.last ?? a.last;
      if (cur.buckets && a.buckets) cur.buckets = cur.buckets.map((c, i) => c + (a.buckets![i] ?? 0));
    }
  }
}

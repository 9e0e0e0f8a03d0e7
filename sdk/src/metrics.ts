import type { RegisterContext } from './context.ts';

/**
 * Metrics: the contract between the `metrics` plugin (storage, Prometheus, SLOs) and every plugin that
 * records or reads a metric.
 *
 * Recording is fire-and-forget and in memory (the metrics plugin flushes per-minute aggregates to
 * PostgreSQL every second by default), so it is cheap enough for a request path:
 *
 * ```ts
 * const metrics = metricsRecorder(ctx);            // in boot(); a no-op when the metrics plugin is absent
 * metrics.increment('webhook_events_total', { provider: 'stripe', status: 'ok' });
 * metrics.observe('build_duration_ms', 5300, { status: 'success' }, { tenantId });
 * metrics.gauge('queue_depth', 47, { queue: 'builds' });
 * ```
 *
 * Cardinality guard: only the dimension keys in {@link METRIC_DIMENSION_KEYS} are accepted (the database
 * refuses any other key too); a sample with another key is dropped and logged. The tenant is not a
 * dimension but its own column (`opts.tenantId`), so per-tenant views never multiply the label space.
 */

/** In-process event the metrics plugin emits after it wrote samples to PostgreSQL (the alert evaluator's fast path). */
export const METRIC_SAMPLES_WRITTEN = 'metrics.samples_written';

export interface MetricSamplesWritten {
  /** The metrics that got new samples. */
  metrics: string[];
}

declare module './events.ts' {
  interface PlatformEvents {
    'metrics.samples_written': MetricSamplesWritten;
  }
}

/** DI key of the {@link MetricsService} (recorder + reader) the metrics plugin provides. */
export const METRICS_SERVICE = 'metrics';

/** The dimension keys a metric may carry. The metrics plugin's database trigger enforces the same list. */
export const METRIC_DIMENSION_KEYS = [
  'route',
  'method',
  'status_class',
  'status_code',
  'provider',
  'queue',
  'plan',
  'status',
  'type',
  'monitor',
  'component',
  'channel',
  'severity',
  'job',
] as const;

export type MetricDimensionKey = (typeof METRIC_DIMENSION_KEYS)[number];
export type MetricDimensions = Partial<Record<MetricDimensionKey, string>>;

/** `snake_case`, starting with a letter, at most 100 characters. */
export const METRIC_NAME_PATTERN = /^[a-z][a-z0-9_]{0,99}$/;
/** Longest accepted dimension value; longer values are cut. */
export const MAX_DIMENSION_VALUE_LENGTH = 200;

/** counter: values add up. histogram: each observation lands in a bucket. gauge: the latest value (and its min/max/avg). */
export type MetricKind = 'counter' | 'histogram' | 'gauge';

/** Upper bounds (inclusive) of the histogram buckets, in the metric's unit (milliseconds for latencies). A last, open bucket follows. */
export const HISTOGRAM_BUCKETS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000] as const;

export interface MetricSampleOptions {
  /** The tenant the sample belongs to; omit for platform-level samples. */
  tenantId?: string | null;
}

export interface MetricsRecorder {
  /** Adds `by` (default 1) to a counter. */
  increment(name: string, dimensions?: MetricDimensions, by?: number, opts?: MetricSampleOptions): void;
  /** Records one observation in a histogram (latency, size...). */
  observe(name: string, value: number, dimensions?: MetricDimensions, opts?: MetricSampleOptions): void;
  /** Sets a gauge (queue depth, health as 1/0.5/0...). */
  gauge(name: string, value: number, dimensions?: MetricDimensions, opts?: MetricSampleOptions): void;
}

// ---------------------------------------------------------------------------------------------
// Reading (alerts, dashboards)
// ---------------------------------------------------------------------------------------------

/** One minute (or hour) of one series. Counters use `sum`; histograms `count`, `sum`, `buckets`; gauges `last` too. */
export interface MetricPoint {
  /** Start of the minute or hour, epoch milliseconds. */
  at: number;
  count: number;
  sum: number;
  min: number | null;
  max: number | null;
  last: number | null;
  /** Histogram only: counts per {@link HISTOGRAM_BUCKETS} bound, plus the open bucket last. */
  buckets: number[] | null;
}

export interface MetricSeries {
  metric: string;
  kind: MetricKind;
  tenantId: string | null;
  dimensions: Record<string, string>;
  /** Oldest first. */
  points: MetricPoint[];
}

export interface MetricSeriesQuery {
  metric: string;
  /** Inclusive, epoch ms. */
  from: number;
  /** Exclusive, epoch ms. */
  to: number;
  /** Dimension values every returned series must have. */
  filter?: MetricDimensions;
  /** Only this tenant's samples; `undefined` means every tenant and the platform. */
  tenantId?: string | null;
  /** Default `minute` (kept a short time; see the metrics plugin's retention), `hour` for long ranges. */
  resolution?: 'minute' | 'hour';
}

export interface MetricInfo {
  name: string;
  kind: MetricKind;
  /** Dimension keys seen on this metric recently. */
  dimensions: string[];
}

/** A metric's trailing window of `minutes` minute slots, the last one being the (partial) minute of the read's `at`. */
export interface MetricWindowQuery {
  metric: string;
  minutes: number;
}

/** Every series of a metric over one window, each rolled up into a single point (see {@link rollupPoints}). */
export interface MetricWindowRollup extends MetricWindowQuery {
  series: MetricSeries[];
}

export interface MetricsReader {
  series(query: MetricSeriesQuery): Promise<MetricSeries[]>;
  /** Several metrics over one range in one round trip. */
  seriesOfMany(metrics: string[], query: Omit<MetricSeriesQuery, 'metric' | 'filter'>): Promise<MetricSeries[]>;
  /**
   * Several metric windows ending at `at`, rolled up per series in the database (one row per series
   * and window instead of one per minute), in one round trip: the alert evaluator's read. Aggregating a
   * rolled-up series gives what aggregating its minute points would (see {@link rollupPoints}).
   */
  windowRollups(windows: readonly MetricWindowQuery[], at: number): Promise<MetricWindowRollup[]>;
  catalog(): Promise<MetricInfo[]>;
}

/** What the metrics plugin provides under {@link METRICS_SERVICE}. */
export interface MetricsService extends MetricsRecorder, MetricsReader {}

const noop = () => undefined;

/** A recorder that drops everything (the metrics plugin is not installed). */
export const NOOP_METRICS: MetricsRecorder = { increment: noop, observe: noop, gauge: noop };

/**
 * The metrics recorder for a plugin: the metrics plugin's service when it is installed, else a no-op.
 * Resolved lazily, so it may be called in `register()` or `boot()` whatever the plugin order.
 */
export function metricsRecorder(ctx: Pick<RegisterContext, 'resolve'>): MetricsRecorder {
  let target: MetricsRecorder | null = null;
  const current = (): MetricsRecorder => {
    if (target) return target;
    try {
      target = ctx.resolve<MetricsService>(METRICS_SERVICE) ?? NOOP_METRICS;
    } catch {
      return NOOP_METRICS;
    }
    return target;
  };
  return {
    increment: (name, dimensions, by, opts) => current().increment(name, dimensions, by, opts),
    observe: (name, value, dimensions, opts) => current().observe(name, value, dimensions, opts),
    gauge: (name, value, dimensions, opts) => current().gauge(name, value, dimensions, opts),
  };
}

// ---------------------------------------------------------------------------------------------
// Aggregation (shared by the metrics API, SLOs and the alert evaluator)
// ---------------------------------------------------------------------------------------------

/**
 * How a window of points becomes one number.
 * - `sum`, `count`, `rate` (sum per minute): counters and histograms; no points means 0.
 * - `avg`, `min`, `max`, `last`: gauges and histograms; no points means no data.
 * - `p50`...`p99`: histograms, estimated from the buckets.
 * - `error_rate`: a request counter with a `status_class` dimension: % of the sum in `5xx` series.
 */
export type MetricAggregation = 'sum' | 'count' | 'rate' | 'avg' | 'min' | 'max' | 'last' | 'p50' | 'p90' | 'p95' | 'p99' | 'error_rate';

export const METRIC_AGGREGATIONS: readonly MetricAggregation[] = ['sum', 'count', 'rate', 'avg', 'min', 'max', 'last', 'p50', 'p90', 'p95', 'p99', 'error_rate'];

/** The aggregation that reads naturally for a kind. */
export function defaultAggregation(kind: MetricKind): MetricAggregation {
  return kind === 'counter' ? 'sum' : kind === 'histogram' ? 'p95' : 'last';
}

/** Adds bucket counts element by element. */
export function addBuckets(a: readonly number[] | null, b: readonly number[] | null): number[] | null {
  if (!a) return b ? [...b] : null;
  if (!b) return [...a];
  const out = new Array(Math.max(a.length, b.length)).fill(0);
  for (let i = 0; i < out.length; i++) out[i] = (a[i] ?? 0) + (b[i] ?? 0);
  return out;
}

/**
 * The value at quantile `q` (0..1) of a bucketed histogram, interpolating linearly inside the bucket
 * (as Prometheus' `histogram_quantile` does). Values in the open bucket report the last bound.
 */
export function histogramQuantile(buckets: readonly number[], q: number, bounds: readonly number[] = HISTOGRAM_BUCKETS): number | null {
  const total = buckets.reduce((s, c) => s + c, 0);
  if (total <= 0) return null;
  const rank = q * total;
  let cumulative = 0;
  for (let i = 0; i < buckets.length; i++) {
    const before = cumulative;
    cumulative += buckets[i];
    if (cumulative >= rank && buckets[i] > 0) {
      if (i >= bounds.length) return bounds[bounds.length - 1];
      const lower = i === 0 ? 0 : bounds[i - 1];
      const upper = bounds[i];
      return lower + ((upper - lower) * (rank - before)) / buckets[i];
    }
  }
  return bounds[bounds.length - 1];
}

/** How many observations were at most `threshold`, interpolating inside the bucket that holds it. */
export function countAtMost(buckets: readonly number[], threshold: number, bounds: readonly number[] = HISTOGRAM_BUCKETS): number {
  let count = 0;
  for (let i = 0; i < buckets.length; i++) {
    const lower = i === 0 ? 0 : bounds[i - 1];
    const upper = i < bounds.length ? bounds[i] : Infinity;
    if (upper <= threshold) count += buckets[i];
    else {
      if (threshold > lower && Number.isFinite(upper)) count += (buckets[i] * (threshold - lower)) / (upper - lower);
      break;
    }
  }
  return count;
}

/** Merges the points of several series into one point per time slot. */
export function mergePoints(seriesPoints: readonly (readonly MetricPoint[])[]): MetricPoint[] {
  const slots = new Map<number, MetricPoint & { lastCount: number; lastSum: number }>();
  for (const points of seriesPoints) {
    for (const p of points) {
      const s = slots.get(p.at);
      if (!s) {
        slots.set(p.at, { ...p, buckets: p.buckets ? [...p.buckets] : null, lastCount: p.last === null ? 0 : 1, lastSum: p.last ?? 0 });
        continue;
      }
      s.count += p.count;
      s.sum += p.sum;
      s.min = p.min === null ? s.min : s.min === null ? p.min : Math.min(s.min, p.min);
      s.max = p.max === null ? s.max : s.max === null ? p.max : Math.max(s.max, p.max);
      s.buckets = addBuckets(s.buckets, p.buckets);
      if (p.last !== null) {
        s.lastCount++;
        s.lastSum += p.last;
      }
    }
  }
  // The `last` of merged gauges is the mean of the series' last values.
  return [...slots.values()]
    .sort((a, b) => a.at - b.at)
    .map(({ lastCount, lastSum, ...p }) => ({ ...p, last: lastCount ? lastSum / lastCount : null }));
}

/**
 * One number for a window of series (already narrowed to one group). `windowMinutes` is used by `rate`.
 * Returns null for "no data".
 */
export function aggregateSeries(series: readonly Pick<MetricSeries, 'kind' | 'dimensions' | 'points'>[], aggregation: MetricAggregation, windowMinutes: number): number | null {
  // Straight loops over the points (no merging): the alert evaluator calls this for every group of every rule.
  const kind = series[0]?.kind ?? 'counter';
  switch (aggregation) {
    case 'error_rate': {
      let errors = 0;
      let total = 0;
      for (const s of series) {
        let sum = 0;
        for (const p of s.points) sum += s.kind === 'counter' ? p.sum : p.count;
        total += sum;
        if (s.dimensions.status_class === '5xx') errors += sum;
      }
      return total > 0 ? (100 * errors) / total : null;
    }
    case 'sum':
    case 'count':
    case 'rate':
    case 'avg': {
      let sum = 0;
      let count = 0;
      for (const s of series) for (const p of s.points) {
        sum += p.sum;
        count += p.count;
      }
      if (aggregation === 'sum') return sum;
      if (aggregation === 'count') return count;
      if (aggregation === 'rate') return (kind === 'histogram' ? count : sum) / Math.max(1, windowMinutes);
      return count > 0 ? sum / count : null;
    }
    case 'min':
    case 'max': {
      let best: number | null = null;
      for (const s of series) for (const p of s.points) {
        const v = aggregation === 'min' ? p.min : p.max;
        if (v !== null && (best === null || (aggregation === 'min' ? v < best : v > best))) best = v;
      }
      return best;
    }
    case 'last': {
      // The mean of the series' last values in the latest slot that has any.
      let latest = -Infinity;
      for (const s of series) for (const p of s.points) if (p.last !== null && p.at > latest) latest = p.at;
      if (latest === -Infinity) return null;
      let sum = 0;
      let n = 0;
      for (const s of series) for (const p of s.points) if (p.at === latest && p.last !== null) {
        sum += p.last;
        n++;
      }
      return sum / n;
    }
    default: {
      const q = Number(aggregation.slice(1)) / 100;
      let buckets: number[] | null = null;
      for (const s of series) for (const p of s.points) buckets = addBuckets(buckets, p.buckets);
      return buckets ? histogramQuantile(buckets, q) : null;
    }
  }
}

/** First minute slot (epoch ms) of a window of `minutes` slots ending with the (partial) minute of `at`. */
export function metricWindowStart(at: number, minutes: number): number {
  return Math.floor(at / 60_000) * 60_000 - (Math.max(1, minutes) - 1) * 60_000;
}

/**
 * A window of one series' points as one point, so that {@link aggregateSeries} over rolled-up series
 * equals it over the points: counts, sums and buckets add up, min and max are kept, and `last` is the
 * newest non-null `last`, at its own slot (`at`; the newest slot when no point has one). Null for no points.
 */
export function rollupPoints(points: readonly MetricPoint[]): MetricPoint | null {
  if (points.length === 0) return null;
  const out: MetricPoint = { at: -Infinity, count: 0, sum: 0, min: null, max: null, last: null, buckets: null };
  let lastAt = -Infinity;
  for (const p of points) {
    out.count += p.count;
    out.sum += p.sum;
    if (p.min !== null && (out.min === null || p.min < out.min)) out.min = p.min;
    if (p.max !== null && (out.max === null || p.max > out.max)) out.max = p.max;
    if (p.buckets) out.buckets = addBuckets(out.buckets, p.buckets);
    if (p.at > out.at) out.at = p.at;
    if (p.last !== null && p.at > lastAt) {
      lastAt = p.at;
      out.last = p.last;
    }
  }
  if (out.last !== null) out.at = lastAt;
  return out;
}

/** {@link MetricsReader.windowRollups} computed from series already in memory (tests, small readers). */
export function rollupWindows(series: readonly MetricSeries[], windows: readonly MetricWindowQuery[], at: number): MetricWindowRollup[] {
  return windows.map((w) => {
    const from = metricWindowStart(at, w.minutes);
    const rolled: MetricSeries[] = [];
    for (const s of series) {
      if (s.metric !== w.metric) continue;
      const point = rollupPoints(s.points.filter((p) => p.at >= from && p.at <= at));
      if (point) rolled.push({ ...s, points: [point] });
    }
    return { metric: w.metric, minutes: w.minutes, series: rolled };
  });
}

/** Whether "no points" means zero (counts and rates) rather than "no data". */
export function aggregationDefaultsToZero(aggregation: MetricAggregation): boolean {
  return aggregation === 'sum' || aggregation === 'count' || aggregation === 'rate';
}

/** The pseudo dimension that groups by tenant (series of the platform itself get `platform`). */
export const TENANT_GROUP_KEY = 'tenant';

/** Splits series into groups with the same values of `groupBy` (dimension keys, or `tenant`); labels name the group. */
export function groupSeries<S extends Pick<MetricSeries, 'tenantId' | 'dimensions'>>(series: readonly S[], groupBy: readonly string[]): { labels: Record<string, string>; series: S[] }[] {
  const groups = new Map<string, { labels: Record<string, string>; series: S[] }>();
  for (const s of series) {
    let id = '';
    for (const key of groupBy) {
      const value = key === TENANT_GROUP_KEY ? s.tenantId ?? 'platform' : s.dimensions[key];
      id += value === undefined ? '\u0001' : value + '\u0000';
    }
    let g = groups.get(id);
    if (!g) {
      const labels: Record<string, string> = {};
      for (const key of groupBy) {
        const value = key === TENANT_GROUP_KEY ? s.tenantId ?? 'platform' : s.dimensions[key];
        if (value !== undefined) labels[key] = value;
      }
      g = { labels, series: [] };
      groups.set(id, g);
    }
    g.series.push(s);
  }
  return [...groups.values()];
}

import client from 'prom-client';
import { HISTOGRAM_BUCKETS, METRIC_DIMENSION_KEYS, type MetricKind } from '@platform/sdk/metrics';

type AnyMetric = client.Counter<string> | client.Histogram<string> | client.Gauge<string>;

/**
 * This instance's Prometheus registry: every recorded sample is mirrored into a prom-client counter,
 * histogram or gauge with the same name and dimensions as labels (the tenant is not a label, to keep
 * Prometheus' cardinality low). Scrape every instance, as usual with Prometheus; cluster-wide numbers
 * live in PostgreSQL.
 */
export class PrometheusMirror {
  readonly registry = new client.Registry();
  private readonly metrics = new Map<string, AnyMetric>();

  constructor(opts: { processMetrics: boolean }) {
    if (opts.processMetrics) client.collectDefaultMetrics({ register: this.registry });
  }

  record(kind: MetricKind, name: string, value: number, labels: Record<string, string>): void {
    const metric = this.metricFor(kind, name);
    if (metric instanceof client.Counter) metric.inc(labels, value);
    else if (metric instanceof client.Histogram) metric.observe(labels, value);
    else metric.set(labels, value);
  }

  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  private metricFor(kind: MetricKind, name: string): AnyMetric {
    const existing = this.metrics.get(name);
    if (existing) return existing;
    const common = { name, help: `${name} (${kind})`, labelNames: [...METRIC_DIMENSION_KEYS] as string[], registers: [this.registry] };
    const metric: AnyMetric =
      kind === 'counter'
        ? new client.Counter(common)
        : kind === 'histogram'
          ? new client.Histogram({ ...common, buckets: [...HISTOGRAM_BUCKETS] })
          : new client.Gauge(common);
    this.metrics.set(name, metric);
    return metric;
  }
}

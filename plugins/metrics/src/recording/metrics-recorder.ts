import type { Logger } from '@platform/sdk';
import type { MetricDimensions, MetricKind, MetricSampleOptions, MetricsRecorder } from '@platform/sdk/metrics';
import { guardSample } from './sample-guard.ts';
import type { MetricBuffer } from './metric-buffer.ts';
import type { PrometheusMirror } from '../prometheus/prometheus-mirror.ts';

/**
 * The SDK's `metrics.increment / observe / gauge`: guards the sample, aggregates it per minute in the
 * buffer (flushed to PostgreSQL) and mirrors it into this instance's Prometheus registry. Never throws;
 * refused samples are logged once per reason and counted.
 */
export class BufferedMetricsRecorder implements MetricsRecorder {
  dropped = 0;
  private readonly warned = new Set<string>();

  constructor(
    private readonly deps: { buffer: MetricBuffer; prometheus: PrometheusMirror; clock: () => number; logger: () => Logger | null },
  ) {}

  increment(name: string, dimensions?: MetricDimensions, by = 1, opts?: MetricSampleOptions): void {
    this.record('counter', name, by, dimensions, opts);
  }

  observe(name: string, value: number, dimensions?: MetricDimensions, opts?: MetricSampleOptions): void {
    this.record('histogram', name, value, dimensions, opts);
  }

  gauge(name: string, value: number, dimensions?: MetricDimensions, opts?: MetricSampleOptions): void {
    this.record('gauge', name, value, dimensions, opts);
  }

  private record(kind: MetricKind, name: string, value: number, dimensions: MetricDimensions | undefined, opts: MetricSampleOptions | undefined): void {
    try {
      const guarded = guardSample(name, value, dimensions);
      if (!guarded.ok) return this.refuse(guarded.reason);
      if (kind === 'counter' && value < 0) return this.refuse(`counter ${name} cannot decrease`);
      const outcome = this.deps.buffer.add(kind, name, value, guarded.dimensions, opts?.tenantId ?? null, this.deps.clock());
      if (outcome === 'kind_mismatch') return this.refuse(`metric ${name} is a ${this.deps.buffer.kindOf(name)}, not a ${kind}`);
      if (outcome === 'full') return this.refuse('too many series buffered; samples are dropped until the next flush');
      this.deps.prometheus.record(kind, name, value, guarded.dimensions);
    } catch (err) {
      this.refuse(`metric ${name}: ${(err as Error).message}`);
    }
  }

  private refuse(reason: string): void {
    this.dropped++;
    if (this.warned.has(reason) || this.warned.size > 100) return;
    this.warned.add(reason);
    this.deps.logger()?.warn({ reason }, 'metric sample refused');
  }
}

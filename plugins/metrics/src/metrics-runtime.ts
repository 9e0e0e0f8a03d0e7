import { METRIC_SAMPLES_WRITTEN, type MetricsReader, type MetricsService } from '@platform/sdk/metrics';
import { type Logger, type PluginContext } from '@platform/sdk';
import type { MetricsOptions } from './metrics-options.ts';
import { MetricBuffer } from './recording/metric-buffer.ts';
import { BufferedMetricsRecorder } from './recording/metrics-recorder.ts';
import { PrometheusMirror } from './prometheus/prometheus-mirror.ts';
import { ErrorSampleBuffer } from './requests/error-sample-buffer.ts';
import { MetricFlusher } from './store/metric-flusher.ts';
import { SqlMetricsReader } from './store/metric-reader.ts';

/** The metrics plugin's moving parts on this instance: buffer, recorder, Prometheus mirror, flusher, reader. */
export class MetricsRuntime {
  readonly buffer: MetricBuffer;
  readonly errors: ErrorSampleBuffer;
  readonly prometheus: PrometheusMirror;
  readonly recorder: BufferedMetricsRecorder;
  private logger: Logger | null = null;
  private flusher: MetricFlusher | null = null;
  private sqlReader: MetricsReader | null = null;

  constructor(readonly options: MetricsOptions) {
    this.buffer = new MetricBuffer(options.maxBufferedSeries);
    this.errors = new ErrorSampleBuffer(options.clock);
    this.prometheus = new PrometheusMirror({ processMetrics: options.processMetrics });
    this.recorder = new BufferedMetricsRecorder({ buffer: this.buffer, prometheus: this.prometheus, clock: options.clock, logger: () => this.logger });
  }

  /** The SDK service: recording works from `register()` on; reading once booted. */
  service(): MetricsService {
    const reader = () => {
      if (!this.sqlReader) throw new Error('the metrics plugin has not booted');
      return this.sqlReader;
    };
    return {
      increment: (...a) => this.recorder.increment(...a),
      observe: (...a) => this.recorder.observe(...a),
      gauge: (...a) => this.recorder.gauge(...a),
      series: (q) => reader().series(q),
      seriesOfMany: (m, q) => reader().seriesOfMany(m, q),
      windowRollups: (w, at) => reader().windowRollups(w, at),
      catalog: () => reader().catalog(),
    };
  }

  boot(ctx: PluginContext): void {
    this.logger = ctx.logger;
    this.sqlReader = new SqlMetricsReader(ctx.db);
    this.flusher = new MetricFlusher({
      db: ctx.db,
      buffer: this.buffer,
      errors: this.errors,
      logger: ctx.logger,
      flushMs: this.options.flushMs,
      onWritten: (metrics) => ctx.events.emit(METRIC_SAMPLES_WRITTEN, { metrics }),
    });
    if (this.options.autoFlush) this.flusher.start();
  }

  get reader(): MetricsReader {
    if (!this.sqlReader) throw new Error('the metrics plugin has not booted');
    return this.sqlReader;
  }

  /** Writes everything buffered so far. */
  flush(): Promise<void> {
    return this.flusher?.flush() ?? Promise.resolve();
  }

  async stop(): Promise<void> {
    await this.flusher?.stop();
  }
}

/** How the metrics plugin runs. The defaults suit production; tests drive flushing and time themselves. */
export interface MetricsOptions {
  /** Flush buffered samples on a timer (default true). Tests call `runtime().flush()` instead. */
  autoFlush: boolean;
  /**
   * How often buffered per-minute aggregates are written (default 1 s: one transaction of two multi-row
   * upserts per instance per second, only when something was recorded). It bounds how late an alert
   * rule's fast path sees a sample, so it is most of the breach-to-notification latency.
   */
  flushMs: number;
  /** Minute rows are kept this long (alert evaluation, 24 h charts). */
  minuteRetentionHours: number;
  /** Hourly rows are kept this long (SLOs, trends). */
  hourlyRetentionDays: number;
  errorSampleRetentionDays: number;
  /** Distinct series buffered between two flushes; beyond it samples are dropped (and counted). */
  maxBufferedSeries: number;
  /** Distinct normalized paths of unmatched requests (404 probes...) tracked before they fold into one. */
  maxUnmatchedRoutes: number;
  /** Export Node process metrics (CPU, memory, event loop) on the Prometheus endpoint. */
  processMetrics: boolean;
  clock: () => number;
}

export function resolveMetricsOptions(given: Partial<MetricsOptions> = {}): MetricsOptions {
  const defined = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined));
  return {
    autoFlush: true,
    flushMs: 1_000,
    minuteRetentionHours: 48,
    hourlyRetentionDays: 400,
    errorSampleRetentionDays: 7,
    maxBufferedSeries: 50_000,
    maxUnmatchedRoutes: 200,
    processMetrics: true,
    clock: Date.now,
    ...defined,
  };
}

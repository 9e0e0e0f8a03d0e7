/** The value at percentile `p` (0..100) of `values`, nearest-rank; null when empty. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

export interface SchedulerMetricsSnapshot {
  checksStarted: number;
  checksCompleted: number;
  claimsLost: number;
  /** Planned times skipped because the target's previous check had not finished. */
  skippedBusy: number;
  lagSamples: number;
  lagMs: { p50: number | null; p95: number | null; p99: number | null; max: number | null };
  running: number;
  queued: number;
}

/** Scheduling lag (start of a check minus its planned time) and counters, kept in memory on this instance. */
export class SchedulerMetrics {
  checksStarted = 0;
  checksCompleted = 0;
  claimsLost = 0;
  skippedBusy = 0;
  private lags: number[] = [];
  private cursor = 0;

  constructor(private readonly capacity = 50_000) {}

  recordLag(ms: number): void {
    if (this.lags.length < this.capacity) this.lags.push(ms);
    else this.lags[this.cursor++ % this.capacity] = ms;
  }

  reset(): void {
    this.lags = [];
    this.cursor = 0;
    this.checksStarted = this.checksCompleted = this.claimsLost = this.skippedBusy = 0;
  }

  snapshot(queue: { running: number; queued: number }): SchedulerMetricsSnapshot {
    const lags = this.lags;
    return {
      checksStarted: this.checksStarted,
      checksCompleted: this.checksCompleted,
      claimsLost: this.claimsLost,
      skippedBusy: this.skippedBusy,
      lagSamples: lags.length,
      lagMs: { p50: percentile(lags, 50), p95: percentile(lags, 95), p99: percentile(lags, 99), max: lags.length ? Math.max(...lags) : null },
      running: queue.running,
      queued: queue.queued,
    };
  }
}

import type { Database, Logger } from '@platform/sdk';
import type { MetricBuffer } from '../recording/metric-buffer.ts';
import type { ErrorSampleBuffer } from '../requests/error-sample-buffer.ts';
import { writeMetricBatch } from './metric-writer.ts';

/**
 * Writes the buffer every `flushMs` (and on demand, and at shutdown). Writes are serialized; a batch
 * that fails goes back into the buffer once, to be merged with the next one. A written batch is announced
 * (`onWritten`), so the alert evaluator can look at the rules of those metrics at once.
 */
export class MetricFlusher {
  private timer: NodeJS.Timeout | null = null;
  private chain: Promise<void> = Promise.resolve();
  failures = 0;

  constructor(
    private readonly deps: {
      db: Database;
      buffer: MetricBuffer;
      errors: ErrorSampleBuffer;
      logger: Logger;
      flushMs: number;
      /** Told, before `flush()` resolves, which metrics got samples in a batch that was written. */
      onWritten?: (metrics: string[]) => void;
    },
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.flush(), this.deps.flushMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  flush(): Promise<void> {
    this.chain = this.chain.then(async () => {
      const batch = this.deps.buffer.drain();
      const errors = this.deps.errors.drain();
      try {
        await writeMetricBatch(this.deps.db, batch, errors);
      } catch (err) {
        this.failures++;
        if (this.failures <= 1) this.deps.buffer.restore(batch);
        this.deps.logger.error({ err, series: batch.length }, 'could not write metrics');
        return;
      }
      this.failures = 0;
      if (batch.length && this.deps.onWritten) this.deps.onWritten([...new Set(batch.map((a) => a.metric))]);
    });
    return this.chain;
  }
}

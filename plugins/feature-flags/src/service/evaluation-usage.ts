import type { Database, Logger } from '@platform/sdk';
import { recordFlagsEvaluated } from '../store/flag-usage-store.ts';

/**
 * Which flags this instance evaluated since the last flush. Marking is a Set insert on the hot path;
 * the set is written to `feature_flag_usage` about once a minute (and at shutdown), which is precise
 * enough for a report about flags not evaluated for 30 days.
 */
export class EvaluationUsage {
  private touched = new Set<string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly db: Database, private readonly logger: Pick<Logger, 'warn'>) {}

  mark(key: string): void {
    this.touched.add(key);
  }

  async flush(at = new Date()): Promise<void> {
    if (this.touched.size === 0) return;
    const keys = [...this.touched];
    this.touched = new Set();
    try {
      await recordFlagsEvaluated(this.db, keys, at);
    } catch (err) {
      for (const key of keys) this.touched.add(key);
      this.logger.warn({ err }, 'could not record flag evaluations');
    }
  }

  start(everyMs = 60_000): void {
    this.timer = setInterval(() => void this.flush(), everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }
}

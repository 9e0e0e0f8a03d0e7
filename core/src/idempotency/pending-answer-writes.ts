/**
 * Answers that could not be stored when they were sent (the database had just gone away), kept in memory and
 * stored again until it is back, oldest first. Each write is an upsert of its own attempt's row, so running
 * one twice is harmless. Bounded: past `maxEntries` the oldest is dropped (its key then answers 409 once its
 * pending window is over, never a second execution).
 */
export class PendingAnswerWrites {
  private readonly queue: Array<() => Promise<void>> = [];
  private timer: NodeJS.Timeout | null = null;
  private delayMs: number;
  private stopped = false;

  constructor(private readonly opts: { firstRetryMs?: number; maxRetryMs?: number; maxEntries?: number; onDropped?: (count: number) => void } = {}) {
    this.delayMs = opts.firstRetryMs ?? 500;
  }

  get size(): number {
    return this.queue.length;
  }

  add(write: () => Promise<void>): void {
    if (this.stopped) return;
    this.queue.push(write);
    const max = this.opts.maxEntries ?? 10_000;
    if (this.queue.length > max) {
      this.queue.splice(0, this.queue.length - max);
      this.opts.onDropped?.(1);
    }
    this.schedule();
  }

  /** A last try of what waits (on a graceful close, before the database goes), then no more. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush(false);
    this.stopped = true;
  }

  private schedule(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
    this.timer.unref();
  }

  private async flush(again = true): Promise<void> {
    this.timer = null;
    while (this.queue.length && !this.stopped) {
      try {
        await this.queue[0]();
      } catch {
        this.delayMs = Math.min(this.delayMs * 2, this.opts.maxRetryMs ?? 5_000);
        if (again) this.schedule();
        return;
      }
      this.queue.shift();
    }
    this.delayMs = this.opts.firstRetryMs ?? 500;
  }
}

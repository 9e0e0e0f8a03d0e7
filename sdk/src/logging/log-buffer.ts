import { levelRank, type LogLevel } from './log-entry.ts';

/** A FIFO of one level's lines with their arrival numbers; amortised O(1) at both ends. */
class LevelQueue<T> {
  private items: T[] = [];
  private seqs: number[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }
  push(item: T, seq: number): void {
    this.items.push(item);
    this.seqs.push(seq);
  }
  peekSeq(): number {
    return this.size ? this.seqs[this.head] : Infinity;
  }
  shift(): T {
    const item = this.items[this.head];
    this.items[this.head] = undefined as T;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.seqs = this.seqs.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

export type LevelCounts = Record<LogLevel, number>;

const zero = (): LevelCounts => ({ debug: 0, info: 0, warn: 0, error: 0 });

/**
 * A bounded buffer of log lines that never blocks and never grows past `capacity`.
 *
 * On overflow the least severe line loses: the oldest line of the lowest level present is evicted to make
 * room for a more severe one, and an incoming line no more severe than everything buffered is itself
 * dropped. So DEBUG goes first, then INFO, then WARN; ERROR lines are dropped only when the buffer holds
 * nothing but errors. Every drop is counted per level. `take()` returns lines in arrival order.
 */
export class LogBuffer<T extends { level: LogLevel }> {
  private readonly queues: Record<LogLevel, LevelQueue<T>> = { debug: new LevelQueue(), info: new LevelQueue(), warn: new LevelQueue(), error: new LevelQueue() };
  private readonly order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  private seq = 0;
  private count = 0;
  readonly dropped: LevelCounts = zero();

  constructor(readonly capacity: number) {
    if (!(capacity > 0)) throw new Error('LogBuffer capacity must be positive');
  }

  get size(): number {
    return this.count;
  }

  /** Adds a line; false when the line itself was dropped. */
  push(entry: T): boolean {
    if (this.count >= this.capacity) {
      const lowest = this.order.find((l) => this.queues[l].size > 0)!;
      if (levelRank(entry.level) <= levelRank(lowest)) {
        this.dropped[entry.level]++;
        return false;
      }
      this.queues[lowest].shift();
      this.dropped[lowest]++;
      this.count--;
    }
    this.queues[entry.level].push(entry, this.seq++);
    this.count++;
    return true;
  }

  /** Removes and returns up to `max` lines, oldest first across levels. */
  take(max: number): T[] {
    const out: T[] = [];
    while (out.length < max && this.count > 0) {
      let best: LevelQueue<T> = this.queues.debug;
      let bestSeq = Infinity;
      for (const l of this.order) {
        const s = this.queues[l].peekSeq();
        if (s < bestSeq) {
          bestSeq = s;
          best = this.queues[l];
        }
      }
      out.push(best.shift());
      this.count--;
    }
    return out;
  }

  droppedTotal(): number {
    return this.dropped.debug + this.dropped.info + this.dropped.warn + this.dropped.error;
  }
}

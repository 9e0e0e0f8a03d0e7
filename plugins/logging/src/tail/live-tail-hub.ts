import type { LogEntry } from '@platform/sdk';
import { matchesTail, type TailFilter } from './tail-filter.ts';

export interface TailSubscriber {
  filter: TailFilter;
  send(lines: LogEntry[], skipped: number): void;
  close(): void;
}

/** This instance's live-tail subscribers (open event streams); each gets only what its filter matches. */
export class LiveTailHub {
  private readonly subscribers = new Set<TailSubscriber>();
  private readonly listeners: (() => void)[] = [];

  get size(): number {
    return this.subscribers.size;
  }

  filters(): TailFilter[] {
    return [...this.subscribers].map((s) => s.filter);
  }

  /** Called whenever subscribers come or go. */
  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  subscribe(s: TailSubscriber): () => void {
    this.subscribers.add(s);
    this.changed();
    return () => {
      if (this.subscribers.delete(s)) this.changed();
    };
  }

  deliver(lines: LogEntry[], skipped: number): void {
    for (const s of this.subscribers) {
      const mine = lines.filter((l) => matchesTail(l, s.filter));
      if (mine.length || (skipped && s.filter.tenantId === null)) s.send(mine, s.filter.tenantId === null ? skipped : 0);
    }
  }

  /** Ends every stream (shutdown). */
  closeAll(): void {
    for (const s of [...this.subscribers]) s.close();
    this.subscribers.clear();
    this.changed();
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}

import { levelRank, type LogEntry, type LogLevel, type LogScopeKey } from './log-entry.ts';
import { LogBuffer } from './log-buffer.ts';
import { Redactor, type RedactionRules } from './redaction.ts';
import type { LogPipelineStats, LogSink } from './log-sink.ts';

export interface LogPipelineOptions {
  /** Lines held at most; beyond it the overflow policy of `LogBuffer` applies. Default 20 000. */
  capacity?: number;
  /** Lines per batch; a full batch is written at once. Default 1000. */
  batchSize?: number;
  /** A partial batch waits at most this long. Default 500 ms. */
  flushIntervalMs?: number;
  /** Batches written at the same time (each holds a database connection in a storing sink). Default 3. */
  concurrency?: number;
  /** Redaction rules on top of the built-in secret keys. */
  redaction?: RedactionRules;
  /** Told when a sink fails a batch. Default: one line on stderr per sink per 10 s. Never goes through the pipeline. */
  onSinkError?(sink: string, err: unknown, lost: number): void;
}

/** What a `PlatformLogger` writes into. */
export interface LogWriter {
  /** Whether any sink wants a line of this level in this scope (checked before the line is built). */
  wants(level: LogLevel, scope: LogScopeKey): boolean;
  push(entry: LogEntry): void;
  readonly redactor: Redactor;
}

function stderrReporter(): (sink: string, err: unknown, lost: number) => void {
  const last = new Map<string, { at: number; suppressed: number }>();
  return (sink, err, lost) => {
    const now = Date.now();
    const seen = last.get(sink);
    if (seen && now - seen.at < 10_000) {
      seen.suppressed += lost;
      return;
    }
    const earlier = seen?.suppressed ? ` (+${seen.suppressed} lines lost since the last report)` : '';
    last.set(sink, { at: now, suppressed: 0 });
    process.stderr.write(`[logging] sink "${sink}" lost ${lost} lines${earlier}: ${(err as Error)?.message ?? String(err)}\n`);
  };
}

/**
 * The buffer between loggers and sinks. `push` is O(1) and never waits: lines are written in batches by
 * size (a full batch goes out on the next tick) and by time (`flushIntervalMs`), off the caller's path.
 */
export class LogPipeline implements LogWriter {
  private sinks: LogSink[] = [];
  private readonly buffer: LogBuffer<LogEntry>;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly timer: NodeJS.Timeout;
  private readonly onSinkError: (sink: string, err: unknown, lost: number) => void;
  private readonly baseRules: RedactionRules;
  private readonly ownerRules = new Map<string, RedactionRules>();
  private readonly levelListeners: ((lowest: LogLevel | null) => void)[] = [];
  private minRank = Infinity;
  private workers = 0;
  private flushAll = false;
  private kickScheduled = false;
  private idleWaiters: (() => void)[] = [];
  private closed = false;
  private accepted = 0;
  private batches = 0;
  private readonly written: Record<string, number> = {};
  private readonly failed: Record<string, number> = {};
  redactor: Redactor;

  constructor(opts: LogPipelineOptions = {}) {
    this.buffer = new LogBuffer(opts.capacity ?? 20_000);
    this.batchSize = opts.batchSize ?? 1000;
    this.concurrency = Math.max(1, opts.concurrency ?? 3);
    this.onSinkError = opts.onSinkError ?? stderrReporter();
    this.baseRules = opts.redaction ?? {};
    this.redactor = new Redactor(this.baseRules);
    this.timer = setInterval(() => this.kick(true), opts.flushIntervalMs ?? 500);
    this.timer.unref();
  }

  addSink(sink: LogSink): () => void {
    this.sinks = [...this.sinks, sink];
    this.written[sink.name] ??= 0;
    this.failed[sink.name] ??= 0;
    this.levelsChanged();
    return () => {
      this.sinks = this.sinks.filter((s) => s !== sink);
      this.levelsChanged();
    };
  }

  /** The lowest level any sink keeps, or null without sinks. */
  lowestLevel(): LogLevel | null {
    let lowest: LogLevel | null = null;
    for (const s of this.sinks) if (lowest === null || levelRank(s.minLevel) < levelRank(lowest)) lowest = s.minLevel;
    return lowest;
  }

  /** Called with the lowest level whenever sinks come and go (the kernel keeps pino's level in step). */
  onLevelsChange(listener: (lowest: LogLevel | null) => void): void {
    this.levelListeners.push(listener);
  }

  /** Redaction rules of one owner (a plugin), on top of the base rules; replaces that owner's earlier rules. */
  setRedaction(owner: string, rules: RedactionRules): void {
    this.ownerRules.set(owner, rules);
    let r = new Redactor(this.baseRules);
    for (const extra of this.ownerRules.values()) r = r.extend(extra);
    this.redactor = r;
  }

  wants(level: LogLevel, scope: LogScopeKey): boolean {
    const rank = levelRank(level);
    if (rank < this.minRank) return false;
    for (const s of this.sinks) if (rank >= levelRank(s.minLevel) && (!s.accepts || s.accepts(level, scope))) return true;
    return false;
  }

  push(entry: LogEntry): void {
    if (this.closed) {
      void this.writeBatch([entry]);
      return;
    }
    this.accepted++;
    this.buffer.push(entry);
    if (this.buffer.size >= this.batchSize && !this.kickScheduled && this.workers < this.concurrency) {
      this.kickScheduled = true;
      setImmediate(() => {
        this.kickScheduled = false;
        this.kick(false);
      });
    }
  }

  /** Resolves once everything buffered (including lines added meanwhile) has been handed to the sinks. */
  async flush(): Promise<void> {
    while (this.buffer.size > 0 || this.workers > 0) {
      this.kick(true);
      if (this.workers === 0) break;
      await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    }
  }

  /** Flushes, stops the timer and closes every sink. Lines logged afterwards are written one by one. */
  async close(): Promise<void> {
    if (this.closed) return;
    clearInterval(this.timer);
    await this.flush();
    this.closed = true;
    for (const s of this.sinks) {
      try {
        await s.close?.();
      } catch (err) {
        this.onSinkError(s.name, err, 0);
      }
    }
  }

  stats(): LogPipelineStats {
    return {
      accepted: this.accepted,
      dropped: { ...this.buffer.dropped },
      buffered: this.buffer.size,
      capacity: this.buffer.capacity,
      batches: this.batches,
      written: { ...this.written },
      failed: { ...this.failed },
    };
  }

  private levelsChanged(): void {
    const lowest = this.lowestLevel();
    this.minRank = lowest === null ? Infinity : levelRank(lowest);
    for (const l of this.levelListeners) l(lowest);
  }

  private hasWork(): boolean {
    return this.buffer.size > 0 && (this.flushAll || this.buffer.size >= this.batchSize);
  }

  private kick(all: boolean): void {
    if (all && this.buffer.size > 0) this.flushAll = true;
    while (this.workers < this.concurrency && this.hasWork()) {
      this.workers++;
      void this.work();
    }
  }

  private async work(): Promise<void> {
    try {
      while (this.hasWork()) await this.writeBatch(this.buffer.take(this.batchSize));
    } finally {
      this.workers--;
      if (this.buffer.size === 0) this.flushAll = false;
      if (this.workers === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const w of waiters) w();
      }
    }
  }

  private admits(sink: LogSink, e: LogEntry): boolean {
    return levelRank(e.level) >= levelRank(sink.minLevel) && (!sink.accepts || sink.accepts(e.level, e));
  }

  private async writeBatch(batch: LogEntry[]): Promise<void> {
    if (!batch.length) return;
    this.batches++;
    await Promise.all(
      this.sinks.map(async (sink) => {
        const mine = batch.filter((e) => this.admits(sink, e));
        if (!mine.length) return;
        try {
          await sink.write(mine);
          this.written[sink.name] = (this.written[sink.name] ?? 0) + mine.length;
        } catch (err) {
          this.failed[sink.name] = (this.failed[sink.name] ?? 0) + mine.length;
          this.onSinkError(sink.name, err, mine.length);
        }
      }),
    );
  }
}

import type { LogEntry, LogLevel, LogScopeKey } from './log-entry.ts';
import type { LevelCounts } from './log-buffer.ts';
import type { RedactionRules } from './redaction.ts';

/**
 * Where log lines end up: stdout (the kernel's default), PostgreSQL (the logging plugin), a live tail.
 * The logger batches lines and hands each sink the ones it admits.
 */
export interface LogSink {
  readonly name: string;
  /** The lowest level this sink ever keeps. Lines below every sink's level are never even built. */
  readonly minLevel: LogLevel;
  /**
   * Finer admission for lines at or above `minLevel`, asked before a line is built and again before it is
   * written (keep it O(1)): e.g. DEBUG only for tenants or services with debug switched on.
   */
  accepts?(level: LogLevel, scope: LogScopeKey): boolean;
  /** A batch, in arrival order. A throw counts the batch as lost for this sink (it is not retried). */
  write(entries: LogEntry[]): Promise<void> | void;
  close?(): Promise<void> | void;
}

export interface LogPipelineStats {
  /** Lines taken into the buffer. */
  accepted: number;
  /** Lines dropped on buffer overflow, per level (DEBUG first). */
  dropped: LevelCounts;
  buffered: number;
  capacity: number;
  batches: number;
  /** Lines written, per sink. */
  written: Record<string, number>;
  /** Lines a sink failed to write, per sink. */
  failed: Record<string, number>;
}

/** `ctx.logging`: the pipeline behind every `PlatformLogger` of this process. */
export interface LoggingControl {
  /** Adds a sink; returns a function that removes it (after which it receives nothing more). */
  addSink(sink: LogSink): () => void;
  /** PII rules (keys anywhere, paths into `data`) applied to every line from now on; replaces this plugin's earlier rules. */
  setRedaction(rules: RedactionRules): void;
  stats(): LogPipelineStats;
  /** Writes everything buffered so far to the sinks. */
  flush(): Promise<void>;
}

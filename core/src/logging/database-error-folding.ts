import type { LogEntry, LogLevel, LogScopeKey, LogWriter } from '@platform/sdk';

/** Told about each line's error; true when it is a database connection error. */
export interface DatabaseErrorSink {
  reportFailure(err: unknown): boolean;
  /** False once an outage is confirmed. */
  readonly available: boolean;
  /** The ping confirming (or not) a reported failure, while it runs. */
  confirming(): Promise<boolean> | null;
}

/**
 * A `LogWriter` in front of the pipeline that folds lines about database connection errors into the
 * `DatabaseAvailability` tracker once it has confirmed an outage: during an outage every job tick, relay pass, flusher and listener would
 * otherwise log a stack per attempt (hundreds of lines per instance per outage). The tracker writes one
 * line when the database goes away and one when it is back; the folded lines go out at DEBUG, so they
 * are still there for whoever asks for them. Until `foldInto` is called nothing is folded.
 */
/** Lines that keep their level and stack whatever their error: an unhandled rejection is a bug to see. */
const NEVER_FOLDED = new Set(['process.unhandled_rejection']);

export class DatabaseErrorFolding implements LogWriter {
  private sink: DatabaseErrorSink | null = null;

  constructor(private readonly next: LogWriter) {}

  foldInto(sink: DatabaseErrorSink | null): void {
    this.sink = sink;
  }

  get redactor() {
    return this.next.redactor;
  }

  wants(level: LogLevel, scope: LogScopeKey): boolean {
    return this.next.wants(level, scope);
  }

  push(entry: LogEntry): void {
    const sink = this.sink;
    if (!entry.error || entry.level === 'debug' || NEVER_FOLDED.has(entry.action) || !sink?.reportFailure(entry.error)) return this.next.push(entry);
    // Folded only during a confirmed outage: a connection error while the database answers pings (one
    // terminated connection) is worth its line. While the confirming ping runs (milliseconds), the line waits.
    const pending = sink.available ? sink.confirming() : null;
    if (!pending) return this.settle(entry, sink);
    void pending.then(() => this.settle(entry, sink));
  }

  private settle(entry: LogEntry, sink: DatabaseErrorSink): void {
    if (sink.available) return this.next.push(entry);
    if (this.next.wants('debug', { tenantId: entry.tenantId, service: entry.service })) this.next.push({ ...entry, level: 'debug' });
  }
}

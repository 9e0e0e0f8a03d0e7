import type { Database, LogEntry, LogLevel, LogScopeKey, LogSink } from '@platform/sdk';
import { INSERT_LOGS_SQL, toRecordset, toStoredLine, type StoredLine } from './log-rows.ts';
import { isWithinRetention, type RetentionDays } from './partition-plan.ts';
import type { PartitionMaintenance } from './partition-maintenance.ts';
import type { DebugWindows } from '../debug/debug-windows.ts';
import type { ErrorAggregator } from '../errors/error-aggregator.ts';
import type { LoggingMetrics } from '../metrics/logging-metrics.ts';

/** SQLSTATE classes of a row PostgreSQL refuses (bad data, constraint): retrying the rest of the batch helps. */
const isRowError = (err: unknown) => /^(22|23)/.test(String((err as { code?: unknown })?.code ?? ''));

export interface PostgresLogSinkDeps {
  db: Database;
  partitions: PartitionMaintenance;
  debug: DebugWindows;
  errors: ErrorAggregator;
  metrics: LoggingMetrics;
  retention(): RetentionDays;
  /** Told when grouping errors fails (the lines themselves are stored). */
  onAggregationError(err: unknown): void;
}

/**
 * Stores lines in `platform_logs`: one multi-row `INSERT ... SELECT FROM jsonb_to_recordset($1)` per batch into the day/level
 * partitions, then folds the error lines into their groups. DEBUG only while a debug window is open for
 * the line's tenant or service; `incoming request` lines are skipped (the `request completed` line of the
 * same request carries everything they do, plus status and duration).
 */
export class PostgresLogSink implements LogSink {
  readonly name = 'postgres';
  readonly minLevel: LogLevel = 'debug';

  constructor(private readonly deps: PostgresLogSinkDeps) {}

  accepts(level: LogLevel, scope: LogScopeKey): boolean {
    return level !== 'debug' || this.deps.debug.isOn(scope);
  }

  async write(entries: LogEntry[]): Promise<void> {
    const now = new Date();
    const retention = this.deps.retention();
    const lines: StoredLine[] = [];
    for (const e of entries) {
      if (e.action === 'http.request') continue;
      if (!isWithinRetention(e.level, new Date(e.timestamp), now, retention)) {
        this.deps.metrics.linesExpired++;
        continue;
      }
      lines.push(toStoredLine(e));
    }
    if (!lines.length) return;
    await this.deps.partitions.ensureDaysFor(lines.map((l) => new Date(l.entry.timestamp)));
    const stored = await this.insert(lines);
    this.deps.metrics.linesStored += stored.length;
    const errors = stored.filter((l) => l.fingerprint !== null);
    if (errors.length) {
      try {
        await this.deps.errors.record(errors);
      } catch (err) {
        this.deps.metrics.aggregationFailures++;
        this.deps.metrics.lastAggregationError = (err as Error)?.message ?? String(err);
        this.deps.onAggregationError(err);
      }
    }
  }

  /** Inserts the batch; a row PostgreSQL refuses is isolated by halving, and only it is lost. */
  private async insert(lines: StoredLine[]): Promise<StoredLine[]> {
    try {
      this.deps.metrics.insertBatches++;
      await this.deps.db.sql(INSERT_LOGS_SQL, [toRecordset(lines)]);
      return lines;
    } catch (err) {
      if (!isRowError(err)) throw err;
      if (lines.length === 1) {
        this.deps.metrics.linesRejected++;
        return [];
      }
      const mid = lines.length >> 1;
      return [...(await this.insert(lines.slice(0, mid))), ...(await this.insert(lines.slice(mid)))];
    }
  }
}

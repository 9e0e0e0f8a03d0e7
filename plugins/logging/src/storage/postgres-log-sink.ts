import type { Database, LogEntry, LogLevel, LogScopeKey, LogSink } from '@platform/sdk';
import { INSERT_LOGS_SQL, toRecordset, toStoredLine, type StoredLine } from './log-rows.ts';
import { firstKeptIsoDays, isoDayOf, type RetentionDays } from './partition-plan.ts';
import { isKeptRequestLine } from './request-line-policy.ts';
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
 * the line's tenant or service; Fastify's request lines as `isKeptRequestLine` says.
 */
export class PostgresLogSink implements LogSink {
  readonly name = 'postgres';
  readonly minLevel: LogLevel = 'debug';

  constructor(private readonly deps: PostgresLogSinkDeps) {}

  accepts(level: LogLevel, scope: LogScopeKey): boolean {
    return level !== 'debug' || this.deps.debug.isOn(scope);
  }

  async write(entries: LogEntry[]): Promise<void> {
    const firstKept = firstKeptIsoDays(new Date(), this.deps.retention());
    const lines: StoredLine[] = [];
    const days = new Set<string>();
    for (const e of entries) {
      if (!isKeptRequestLine(e)) continue;
      const day = isoDayOf(e.timestamp);
      if (day < firstKept[e.level]) {
        this.deps.metrics.linesExpired++;
        continue;
      }
      days.add(day);
      lines.push(toStoredLine(e));
    }
    if (!lines.length) return;
    await this.deps.partitions.ensureDaysFor([...days].map((d) => new Date(`${d}T00:00:00.000Z`)));
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

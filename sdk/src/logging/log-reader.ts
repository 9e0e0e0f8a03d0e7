import type { LogErrorInfo, LogLevel } from './log-entry.ts';

/**
 * Reading stored logs from another plugin (a support snapshot's "last errors"). The `logging` plugin provides a
 * {@link LogReader} under {@link LOG_READER}; resolve it with `ctx.resolve<LogReader>(LOG_READER)` (it is absent
 * when the logging plugin is not installed).
 */
export const LOG_READER = 'logging.reader';

/** One stored error line, with the request it happened in. */
export interface RecentLogError {
  id: string;
  /** ISO */
  timestamp: string;
  level: LogLevel;
  service: string;
  action: string;
  message: string;
  requestId: string | null;
  userId: string | null;
  error: Pick<LogErrorInfo, 'type' | 'message' | 'code'> | null;
  /** The error group the line belongs to, when grouped. */
  fingerprint: string | null;
}

export interface LogReader {
  /** The tenant's newest error lines (default 20, at most 100) of the last `sinceHours` (default 24, at most 720). */
  recentErrors(tenantId: string, opts?: { limit?: number; sinceHours?: number }): Promise<RecentLogError[]>;
}

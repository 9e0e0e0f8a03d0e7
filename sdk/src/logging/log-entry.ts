/** Severity of a log line, lowest first. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function levelRank(level: LogLevel): number {
  return RANK[level];
}

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(RANK, value);
}

/**
 * A level name as operators write it (`LOG_LEVEL`, pino names): `trace` counts as debug, `fatal` as error,
 * `silent` (or anything unknown) as null, meaning nothing at all.
 */
export function parseLevelName(name: string | null | undefined): LogLevel | null {
  const n = (name ?? '').trim().toLowerCase();
  if (n === 'trace') return 'debug';
  if (n === 'fatal') return 'error';
  return isLogLevel(n) ? n : null;
}

/** The error part of an entry (set for errors, and for any line that carried an `err`). */
export interface LogErrorInfo {
  /** The error's class name, e.g. `TypeError`, `ProblemError`. */
  type: string;
  message: string;
  stack: string | null;
  /** `err.code` when present (`ECONNREFUSED`, `23505`, a problem code). */
  code: string | null;
}

/** One structured log line: the shape every sink receives. */
export interface LogEntry {
  id: string;
  /** ISO 8601, UTC, with microseconds; strictly increasing within a process. */
  timestamp: string;
  level: LogLevel;
  tenantId: string | null;
  tenantSlug: string | null;
  userId: string | null;
  /** The HTTP request this line was written during, or null (jobs, relays, boot). */
  requestId: string | null;
  /** Who wrote it: a plugin name, `kernel`, `http`. */
  service: string;
  /** What it was doing, e.g. `flag.evaluate`, `http.response`; `log` when not given. */
  action: string;
  message: string;
  /** Everything else the caller passed, redacted and copied at the time of the call. */
  data: Record<string, unknown>;
  error: LogErrorInfo | null;
}

/** The scope a sink uses to decide cheaply whether it wants a line before it is built. */
export interface LogScopeKey {
  tenantId: string | null;
  service: string;
}

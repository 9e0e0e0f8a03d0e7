import { LOG_LEVELS, type LogLevel } from '@platform/sdk';

/**
 * Storage layout of `platform_logs`: RANGE partitions of one UTC day, each sub-partitioned by LIST on the
 * level, so a day holds four leaves (`platform_logs_p20250131_error`, `..._warn`, `..._info`, `..._debug`).
 * Retention per level is then a `DROP TABLE` of whole leaves: no DELETE, no bloat, no vacuum debt.
 */
export const LOGS_TABLE = 'platform_logs';

export type RetentionDays = Record<LogLevel, number>;

export const DEFAULT_RETENTION: RetentionDays = { error: 30, warn: 14, info: 7, debug: 1 };

const DAY_MS = 86_400_000;

/** The UTC day (midnight) containing `at`. */
export function dayOf(at: Date | number | string): Date {
  const ms = typeof at === 'number' ? at : new Date(at).getTime();
  return new Date(Math.floor(ms / DAY_MS) * DAY_MS);
}

export function addDays(day: Date, n: number): Date {
  return new Date(day.getTime() + n * DAY_MS);
}

/** `20250131` for 2025-01-31. */
export function dayKey(day: Date): string {
  return day.toISOString().slice(0, 10).replace(/-/g, '');
}

export function dayPartitionName(day: Date): string {
  return `${LOGS_TABLE}_p${dayKey(day)}`;
}

export function levelPartitionName(day: Date, level: LogLevel): string {
  return `${dayPartitionName(day)}_${level}`;
}

export interface ParsedPartition {
  name: string;
  day: Date;
  /** null for a day partition (the parent of the level leaves). */
  level: LogLevel | null;
}

const NAME = /^platform_logs_p(\d{4})(\d{2})(\d{2})(?:_(debug|info|warn|error))?$/;

/** Reads a partition name back; null for anything that is not one of ours. */
export function parsePartitionName(name: string): ParsedPartition | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const day = new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00.000Z`);
  if (Number.isNaN(day.getTime()) || dayKey(day) !== `${m[1]}${m[2]}${m[3]}`) return null;
  return { name, day, level: (m[4] as LogLevel | undefined) ?? null };
}

/**
 * The first day whose rows of `level` are still kept on `today`. A leaf holds [day, day+1), and is dropped
 * once all of it is older than the retention: rows live between `days` and `days + 1` days.
 */
export function firstKeptDay(today: Date, days: number): Date {
  return addDays(dayOf(today), -days);
}

export interface PartitionPlan {
  /** Day partitions to create (with all four level leaves), oldest first. */
  createDays: Date[];
  /** Level leaves to drop, past their retention. */
  dropLeaves: string[];
  /** Day partitions left without any leaf once those are dropped. */
  dropDays: string[];
}

/**
 * What the maintenance job does on `now`: create today and `aheadDays` more, drop every leaf past its
 * level's retention, and drop emptied day partitions. Pure: `existing` are the partition names found.
 */
export function planPartitions(existing: string[], now: Date, retention: RetentionDays, aheadDays: number): PartitionPlan {
  const today = dayOf(now);
  const parsed = existing.map(parsePartitionName).filter((p): p is ParsedPartition => p !== null);
  const days = new Set(parsed.filter((p) => p.level === null).map((p) => dayKey(p.day)));
  const createDays: Date[] = [];
  for (let i = 0; i <= aheadDays; i++) {
    const d = addDays(today, i);
    if (!days.has(dayKey(d))) createDays.push(d);
  }
  const dropLeaves: string[] = [];
  const leavesLeft = new Map<string, number>();
  for (const p of parsed) {
    if (p.level === null) continue;
    const key = dayKey(p.day);
    if (p.day < firstKeptDay(now, retention[p.level])) dropLeaves.push(p.name);
    else leavesLeft.set(key, (leavesLeft.get(key) ?? 0) + 1);
  }
  const dropDays = parsed
    .filter((p) => p.level === null && p.day < today && !leavesLeft.has(dayKey(p.day)))
    .map((p) => p.name);
  return { createDays, dropLeaves: dropLeaves.sort(), dropDays: dropDays.sort() };
}

/** `2025-01-31` for an ISO timestamp (the UTC day its partition covers), cheaply for the usual form. */
export function isoDayOf(timestamp: string): string {
  return /^\d{4}-\d{2}-\d{2}T.*Z$/.test(timestamp) ? timestamp.slice(0, 10) : new Date(timestamp).toISOString().slice(0, 10);
}

/** Per level, the first ISO day (`2025-01-31`) still kept on `now`: lines of earlier days are not stored. */
export function firstKeptIsoDays(now: Date, retention: RetentionDays): Record<LogLevel, string> {
  const out = {} as Record<LogLevel, string>;
  for (const l of LOG_LEVELS) out[l] = firstKeptDay(now, retention[l]).toISOString().slice(0, 10);
  return out;
}

/** Whether a line of `level` written at `at` may still be stored on `now` (its leaf is not past retention). */
export function isWithinRetention(level: LogLevel, at: Date, now: Date, retention: RetentionDays): boolean {
  return dayOf(at) >= firstKeptDay(now, retention[level]);
}

/** DDL creating one day partition and its four level leaves (idempotent). */
export function createDayStatements(day: Date): string[] {
  const parent = dayPartitionName(day);
  const from = day.toISOString();
  const to = addDays(day, 1).toISOString();
  return [
    `CREATE TABLE IF NOT EXISTS ${parent} PARTITION OF ${LOGS_TABLE} FOR VALUES FROM ('${from}') TO ('${to}') PARTITION BY LIST (level)`,
    ...LOG_LEVELS.map((l) => `CREATE TABLE IF NOT EXISTS ${levelPartitionName(day, l)} PARTITION OF ${parent} FOR VALUES IN ('${l}')`),
    // Error samples of a group are read by fingerprint; only error leaves carry fingerprints.
    `CREATE INDEX IF NOT EXISTS ${levelPartitionName(day, 'error')}_fp ON ${levelPartitionName(day, 'error')} (fingerprint, logged_at DESC)`,
  ];
}

import type { ObservedStatus } from '@platform/sdk/monitors';

/** Results counted over a period (a rollup row, or a sum of them). */
export interface StatusCounts {
  checks: number;
  healthy: number;
  degraded: number;
  unhealthy: number;
}

export const EMPTY_COUNTS: StatusCounts = { checks: 0, healthy: 0, degraded: 0, unhealthy: 0 };

export const UPTIME_WINDOWS = { '24h': 24 * 3600_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000, '90d': 90 * 86_400_000 } as const;
export type UptimeWindow = keyof typeof UPTIME_WINDOWS;

export function addCounts(a: StatusCounts, b: StatusCounts): StatusCounts {
  return { checks: a.checks + b.checks, healthy: a.healthy + b.healthy, degraded: a.degraded + b.degraded, unhealthy: a.unhealthy + b.unhealthy };
}

/**
 * Share of checks that were up (healthy or degraded), in percent with three decimals; null when nothing
 * was checked (no data is not 100 %).
 */
export function uptimePercent(c: StatusCounts): number | null {
  if (c.checks <= 0) return null;
  const up = Math.max(0, c.checks - c.unhealthy);
  return Math.round((up / c.checks) * 100_000) / 1000;
}

/** The worst status seen in a period, `unknown` when nothing was checked. */
export function worstStatus(c: StatusCounts): ObservedStatus {
  if (c.checks <= 0) return 'unknown';
  if (c.unhealthy > 0) return 'unhealthy';
  if (c.degraded > 0) return 'degraded';
  return 'healthy';
}

/** Allowed downtime for an uptime target over a window, e.g. 99.9 % of 30 days = 43.2 minutes. */
export function errorBudgetMs(targetPct: number, windowMs: number): number {
  return Math.round(windowMs * (1 - targetPct / 100));
}

/** UTC days (`YYYY-MM-DD`), oldest first, `days` of them ending with the day of `nowMs`. */
export function utcDays(nowMs: number, days: number): string[] {
  const today = Date.UTC(new Date(nowMs).getUTCFullYear(), new Date(nowMs).getUTCMonth(), new Date(nowMs).getUTCDate());
  return Array.from({ length: days }, (_, i) => new Date(today - (days - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

/** Sums hourly rows into UTC days. */
export function countsByDay(rows: readonly ({ hour: Date | string } & StatusCounts)[]): Map<string, StatusCounts> {
  const days = new Map<string, StatusCounts>();
  for (const r of rows) {
    const day = new Date(r.hour).toISOString().slice(0, 10);
    days.set(day, addCounts(days.get(day) ?? EMPTY_COUNTS, r));
  }
  return days;
}

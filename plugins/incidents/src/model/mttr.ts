import type { IncidentSeverity } from '@platform/sdk/incidents';

export interface ResolvedIncidentTimes {
  severity: IncidentSeverity;
  startedAt: number;
  resolvedAt: number;
}

export interface MttrReport {
  bySeverity: { severity: IncidentSeverity; resolved: number; mttrMinutes: number | null }[];
  /** One row per week (oldest first): incidents started and mean time to resolve of those resolved that week. */
  weeks: { weekStart: string; incidents: number; resolved: number; mttrMinutes: number | null; bySeverity: Record<string, number | null> }[];
}

const WEEK = 7 * 86_400_000;

/** Monday 00:00 UTC of the week holding `t`. */
export function weekStart(t: number): number {
  const d = new Date(t);
  const day = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day);
}

const mean = (xs: number[]) => (xs.length ? Math.round(xs.reduce((a, b) => a + b, 0) / xs.length) : null);

/** Mean time to resolve by severity, and its weekly trend over the last `weeks` weeks (by resolution week). */
export function mttrReport(resolved: readonly ResolvedIncidentTimes[], started: readonly { startedAt: number }[], now: number, weeks: number): MttrReport {
  const minutes = (i: ResolvedIncidentTimes) => (i.resolvedAt - i.startedAt) / 60_000;
  const bySeverity = ([1, 2, 3, 4] as IncidentSeverity[]).map((severity) => {
    const xs = resolved.filter((i) => i.severity === severity).map(minutes);
    return { severity, resolved: xs.length, mttrMinutes: mean(xs) };
  });
  const first = weekStart(now) - (weeks - 1) * WEEK;
  const rows: MttrReport['weeks'] = [];
  for (let w = first; w <= now; w += WEEK) {
    const inWeek = resolved.filter((i) => i.resolvedAt >= w && i.resolvedAt < w + WEEK);
    rows.push({
      weekStart: new Date(w).toISOString().slice(0, 10),
      incidents: started.filter((i) => i.startedAt >= w && i.startedAt < w + WEEK).length,
      resolved: inWeek.length,
      mttrMinutes: mean(inWeek.map(minutes)),
      bySeverity: Object.fromEntries(([1, 2, 3, 4] as const).map((s) => [`sev${s}`, mean(inWeek.filter((i) => i.severity === s).map(minutes))])),
    });
  }
  return { bySeverity, weeks: rows };
}

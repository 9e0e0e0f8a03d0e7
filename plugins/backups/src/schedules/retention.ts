/** The ISO week of a UTC date, as `YYYY-Www`. */
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Which backups retention keeps: the newest backup of each of the `keepDaily` most recent days that have one, and the
 * newest of each of the `keepWeekly` most recent ISO weeks that have one (a backup may count for both). Everything else
 * goes. `backups` in any order; answers the ids to delete.
 */
export function backupsToPrune(backups: readonly { id: string; createdAt: string }[], keepDaily: number, keepWeekly: number): string[] {
  const newestFirst = [...backups].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  const keep = new Set<string>();
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const b of newestFirst) {
    const at = new Date(b.createdAt);
    const day = b.createdAt.slice(0, 10);
    if (!days.has(day) && days.size < keepDaily) {
      days.add(day);
      keep.add(b.id);
    }
    const week = isoWeek(at);
    if (!weeks.has(week) && weeks.size < keepWeekly) {
      weeks.add(week);
      keep.add(b.id);
    }
  }
  return newestFirst.filter((b) => !keep.has(b.id)).map((b) => b.id);
}

/** Today's run time of a daily schedule at `hourUtc`. */
export function dailySlot(hourUtc: number, now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hourUtc));
}

/** Whether a daily schedule at `hourUtc` is due at `now`: today's run time has passed and it has not run since. */
export function scheduleDue(hourUtc: number, lastRunAt: string | null, now: Date): boolean {
  const todayRun = dailySlot(hourUtc, now).getTime();
  if (now.getTime() < todayRun) return false;
  return lastRunAt === null || new Date(lastRunAt).getTime() < todayRun;
}

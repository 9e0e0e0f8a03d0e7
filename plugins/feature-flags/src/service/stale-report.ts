import type { FlagRecord } from '../model/flag-record.ts';

export const NOT_EVALUATED_DAYS = 30;
const DAY_MS = 86_400_000;

export interface StaleFlagReport {
  generatedAt: string;
  /** On for everyone for at least the flag's stale-after period (14 days by default): remove the flag from the code. */
  fullyRolledOut: { key: string; name: string; owner: string | null; fullyOnSince: string; days: number; staleAfterDays: number }[];
  /** Not evaluated for 30 days or more (or never, and created over 30 days ago): probably dead. */
  notEvaluated: { key: string; name: string; owner: string | null; lastEvaluatedAt: string | null; createdAt: string }[];
}

/** Pure: the report for these flags, their last evaluation times, at `now`. Archived flags are left out. */
export function staleFlagReport(flags: readonly FlagRecord[], lastEvaluated: ReadonlyMap<string, Date>, now = new Date()): StaleFlagReport {
  const at = now.getTime();
  const live = flags.filter((flag) => !flag.archived);
  const fullyRolledOut = live
    .filter((flag) => flag.fullyOnSince && at - Date.parse(flag.fullyOnSince) >= flag.staleAfterDays * DAY_MS)
    .map((flag) => ({
      key: flag.key,
      name: flag.name,
      owner: flag.owner,
      fullyOnSince: flag.fullyOnSince!,
      days: Math.floor((at - Date.parse(flag.fullyOnSince!)) / DAY_MS),
      staleAfterDays: flag.staleAfterDays,
    }));
  const cutoff = at - NOT_EVALUATED_DAYS * DAY_MS;
  const notEvaluated = live
    .filter((flag) => {
      const last = lastEvaluated.get(flag.key);
      return last ? last.getTime() <= cutoff : Date.parse(flag.createdAt) <= cutoff;
    })
    .map((flag) => ({ key: flag.key, name: flag.name, owner: flag.owner, lastEvaluatedAt: lastEvaluated.get(flag.key)?.toISOString() ?? null, createdAt: flag.createdAt }));
  return { generatedAt: now.toISOString(), fullyRolledOut, notEvaluated };
}

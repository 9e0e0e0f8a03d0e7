import { Cron } from 'croner';
import { createHash } from 'node:crypto';

/**
 * When a job's ticks are planned. Pure: no database, no timers.
 *
 * - `everySeconds: n`: ticks at epoch-aligned multiples of n seconds (`floor(now / n) * n`), so
 *   every instance computes the same planned time for the same tick.
 * - `cron`: the times croner yields for the expression, in UTC.
 *
 * A tick is due from its planned time until `MISSED_TICK_GRACE_MS` later. An instance that starts
 * (or wakes up) after that does not replay it; the job waits for its next tick, as pg-boss's own cron does.
 */
export const MISSED_TICK_GRACE_MS = 60_000;

export interface JobScheduleSpec {
  everySeconds?: number;
  cron?: string;
}

export interface JobSchedule {
  /** The latest tick planned at or before `now`, later than `after`, still within the grace period; else null. */
  dueTick(now: number, after: number | null): number | null;
  /** The first tick planned strictly after `now`. */
  nextTick(now: number): number | null;
}

export function compileJobSchedule(jobName: string, spec: JobScheduleSpec): JobSchedule {
  const hasInterval = spec.everySeconds !== undefined;
  const hasCron = spec.cron !== undefined;
  if (hasInterval === hasCron) throw new Error(`job '${jobName}' needs exactly one of everySeconds or cron`);

  if (hasInterval) {
    const seconds = spec.everySeconds!;
    if (!Number.isInteger(seconds) || seconds < 1) throw new Error(`job '${jobName}': everySeconds must be a positive integer`);
    const ms = seconds * 1000;
    return {
      dueTick(now, after) {
        const planned = Math.floor(now / ms) * ms;
        return planned > (after ?? -Infinity) && now - planned <= MISSED_TICK_GRACE_MS ? planned : null;
      },
      nextTick(now) {
        return Math.floor(now / ms) * ms + ms;
      },
    };
  }

  let cron: Cron;
  try {
    cron = new Cron(spec.cron!, { timezone: 'UTC', paused: true });
  } catch (err) {
    throw new Error(`job '${jobName}': invalid cron '${spec.cron}': ${(err as Error).message}`);
  }
  return {
    dueTick(now, after) {
      let from = Math.max(after ?? -Infinity, now - MISSED_TICK_GRACE_MS - 1);
      let latest: number | null = null;
      for (;;) {
        const next = cron.nextRun(new Date(from))?.getTime();
        if (next === undefined || next > now) return latest;
        latest = next;
        from = next;
      }
    },
    nextTick(now) {
      return cron.nextRun(new Date(now))?.getTime() ?? null;
    },
  };
}

/**
 * A stable job id for one tick (a name-based UUID, version 5 layout), so every instance that
 * queues the tick queues the same pg-boss job and all but the first insert are ignored.
 */
export function tickJobId(jobName: string, plannedAt: Date): string {
  const hash = createHash('sha1').update(`platform-job-tick:${jobName}@${plannedAt.toISOString()}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

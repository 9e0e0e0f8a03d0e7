import type { Database } from '@platform/sdk';
import { schedulerAliveWindowMs } from '../status/staleness.ts';

export interface SchedulerLiveness {
  alive: boolean;
  lastBeatAt: string | null;
  instances: number;
}

/** Whether any instance's scheduler beat recently. A dead scheduler makes every status `unknown`. */
export async function schedulerLiveness(db: Database, now: number, loopMs: number): Promise<SchedulerLiveness> {
  const [row] = await db.sql<{ last: Date | null; n: number }>(
    `SELECT max(last_beat_at) AS last, count(*) FILTER (WHERE last_beat_at >= $1)::int AS n FROM health_scheduler_instances`,
    [new Date(now - schedulerAliveWindowMs(loopMs))],
  );
  const last = row?.last ? new Date(row.last).getTime() : null;
  return { alive: last !== null && now - last <= schedulerAliveWindowMs(loopMs), lastBeatAt: last === null ? null : new Date(last).toISOString(), instances: row?.n ?? 0 };
}

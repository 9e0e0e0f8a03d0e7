import type { SlaTarget } from '../support-settings.ts';

/** One SLA timer of a ticket as the API shows it. */
export interface SlaTimer {
  dueAt: string;
  /** When it was met (the first staff reply, or solved); null while running. */
  metAt: string | null;
  breached: boolean;
  /** Minutes left before the due time (negative once late); null once met. Frozen while paused. */
  remainingMinutes: number | null;
  /** Whether the timer is stopped: running, not met, and the ticket waits on the customer. */
  paused: boolean;
}

export interface TicketSla {
  firstResponse: SlaTimer;
  resolution: SlaTimer;
  /** Whether either timer is breached. */
  breached: boolean;
  /** Since when the timers are paused (the ticket waits on the customer), or null while they run. */
  pausedSince: string | null;
  /** Time the timers spent paused so far, in minutes (the due times were moved on by as much). */
  pausedMinutes: number;
}

export interface SlaFacts {
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  firstResponseAt: Date | null;
  /** Solved or closed, whichever came first. */
  resolvedAt: Date | null;
  /** When the current pause began (status `pending`), or null. */
  pausedAt?: Date | null;
  /** Completed pauses in total, in seconds (already added to the due times). */
  pausedSeconds?: number;
}

/** The status in which a ticket waits on the customer: its SLA timers stop. */
export const SLA_PAUSING_STATUS = 'pending';

/**
 * What a status change does to the SLA timers. Into `pending`: they pause (the moment is kept). Out of it: each timer
 * not met yet gets its due time moved on by the pause, the pause is added to the total, and they run again. Any
 * other change: nothing. `facts` are the ticket's before the change.
 */
export function slaPauseChanges(
  facts: SlaFacts,
  from: string,
  to: string,
  now: Date,
): { slaPausedAt?: Date | null; slaPausedSeconds?: number; firstResponseDueAt?: Date; resolutionDueAt?: Date } {
  if (from === to) return {};
  if (to === SLA_PAUSING_STATUS) return { slaPausedAt: now };
  if (from !== SLA_PAUSING_STATUS || !facts.pausedAt) return {};
  const pausedMs = Math.max(0, now.getTime() - facts.pausedAt.getTime());
  return {
    slaPausedAt: null,
    slaPausedSeconds: (facts.pausedSeconds ?? 0) + Math.round(pausedMs / 1000),
    ...(facts.firstResponseAt ? {} : { firstResponseDueAt: new Date(facts.firstResponseDueAt.getTime() + pausedMs) }),
    ...(facts.resolvedAt ? {} : { resolutionDueAt: new Date(facts.resolutionDueAt.getTime() + pausedMs) }),
  };
}

/**
 * The due times of a ticket opened at `openedAt` with the SLA target of its priority, moved on by the time its
 * timers have spent paused (`pausedSeconds`).
 */
export function slaDueTimes(openedAt: Date, target: SlaTarget, pausedSeconds = 0): { firstResponseDueAt: Date; resolutionDueAt: Date } {
  const from = openedAt.getTime() + pausedSeconds * 1000;
  return {
    firstResponseDueAt: new Date(from + target.firstResponseMinutes * 60_000),
    resolutionDueAt: new Date(from + target.resolutionMinutes * 60_000),
  };
}

function timer(dueAt: Date, metAt: Date | null, now: Date, pausedAt: Date | null): SlaTimer {
  // A paused timer is read at the moment it paused: it cannot run out while the customer is awaited.
  const at = !metAt && pausedAt ? pausedAt : now;
  const breached = metAt ? metAt.getTime() > dueAt.getTime() : at.getTime() > dueAt.getTime();
  return {
    dueAt: dueAt.toISOString(),
    metAt: metAt ? metAt.toISOString() : null,
    breached,
    remainingMinutes: metAt ? null : Math.floor((dueAt.getTime() - at.getTime()) / 60_000),
    paused: !metAt && !!pausedAt,
  };
}

/** The SLA state of a ticket at `now`: a timer is breached when it ran out before being met (paused time not counted). */
export function slaStateOf(facts: SlaFacts, now: Date): TicketSla {
  const pausedAt = facts.pausedAt ?? null;
  const firstResponse = timer(facts.firstResponseDueAt, facts.firstResponseAt, now, pausedAt);
  const resolution = timer(facts.resolutionDueAt, facts.resolvedAt, now, pausedAt);
  const running = pausedAt ? Math.max(0, now.getTime() - pausedAt.getTime()) / 1000 : 0;
  return {
    firstResponse,
    resolution,
    breached: firstResponse.breached || resolution.breached,
    pausedSince: pausedAt ? pausedAt.toISOString() : null,
    pausedMinutes: Math.floor(((facts.pausedSeconds ?? 0) + running) / 60),
  };
}

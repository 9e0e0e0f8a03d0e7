import type { SlaTarget } from '../support-settings.ts';

/** One SLA timer of a ticket as the API shows it. */
export interface SlaTimer {
  dueAt: string;
  /** When it was met (the first staff reply, or solved); null while running. */
  metAt: string | null;
  breached: boolean;
  /** Minutes left before the due time (negative once late); null once met. */
  remainingMinutes: number | null;
}

export interface TicketSla {
  firstResponse: SlaTimer;
  resolution: SlaTimer;
  /** Whether either timer is breached. */
  breached: boolean;
}

export interface SlaFacts {
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  firstResponseAt: Date | null;
  /** Solved or closed, whichever came first. */
  resolvedAt: Date | null;
}

/** The due times of a ticket opened at `openedAt` with the SLA target of its priority. */
export function slaDueTimes(openedAt: Date, target: SlaTarget): { firstResponseDueAt: Date; resolutionDueAt: Date } {
  return {
    firstResponseDueAt: new Date(openedAt.getTime() + target.firstResponseMinutes * 60_000),
    resolutionDueAt: new Date(openedAt.getTime() + target.resolutionMinutes * 60_000),
  };
}

function timer(dueAt: Date, metAt: Date | null, now: Date): SlaTimer {
  const breached = metAt ? metAt.getTime() > dueAt.getTime() : now.getTime() > dueAt.getTime();
  return {
    dueAt: dueAt.toISOString(),
    metAt: metAt ? metAt.toISOString() : null,
    breached,
    remainingMinutes: metAt ? null : Math.floor((dueAt.getTime() - now.getTime()) / 60_000),
  };
}

/** The SLA state of a ticket at `now`: a timer is breached when it ran out before being met. */
export function slaStateOf(facts: SlaFacts, now: Date): TicketSla {
  const firstResponse = timer(facts.firstResponseDueAt, facts.firstResponseAt, now);
  const resolution = timer(facts.resolutionDueAt, facts.resolvedAt, now);
  return { firstResponse, resolution, breached: firstResponse.breached || resolution.breached };
}

/** When a billing account's periods start: every month on `anchorDay`, or every year on `anchorMonth`/`anchorDay`. */
export interface BillingSchedule {
  cycle: 'monthly' | 'annual';
  /** 1–28: every month has it, so periods never need clamping. */
  anchorDay: number;
  /** 1–12, for annual cycles. */
  anchorMonth: number;
}

/** A half-open period `[start, end)` of whole UTC days. */
export interface BillingPeriod {
  start: Date;
  end: Date;
}

export const CYCLE_MONTHS = { monthly: 1, annual: 12 } as const;

function startOn(schedule: BillingSchedule, year: number, month: number): Date {
  return new Date(Date.UTC(year, schedule.cycle === 'annual' ? schedule.anchorMonth - 1 : month, schedule.anchorDay));
}

/** The billing period containing `at`. */
export function periodContaining(schedule: BillingSchedule, at: Date): BillingPeriod {
  let year = at.getUTCFullYear();
  let month = at.getUTCMonth();
  let start = startOn(schedule, year, month);
  if (start.getTime() > at.getTime()) {
    if (schedule.cycle === 'annual') year -= 1;
    else month -= 1;
    start = startOn(schedule, year, month);
  }
  const end = schedule.cycle === 'annual' ? startOn(schedule, year + 1, 0) : startOn(schedule, year, month + 1);
  return { start, end };
}

/** `YYYY-MM-DD` of a UTC day. */
export function isoDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** Parses `YYYY-MM-DD` as midnight UTC. */
export function dayOf(iso: string): Date {
  return new Date(`${iso.slice(0, 10)}T00:00:00.000Z`);
}

/** UTC calendar arithmetic on whole days (billing works in days, not hours). */

const DAY_MS = 86_400_000;

/** Midnight UTC of the day `at` falls on. */
export function utcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/** Whole days from `from` to `to` (both taken as their UTC day); negative when `to` is earlier. */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((utcDay(to).getTime() - utcDay(from).getTime()) / DAY_MS);
}

export function addDays(at: Date, days: number): Date {
  return new Date(utcDay(at).getTime() + days * DAY_MS);
}

/**
 * The anchor's day-of-month `months` months later, clamped to the length of that month: Jan 31 + 1
 * month is Feb 28 (Feb 29 in a leap year), + 2 months is Mar 31 (the anchor's day, not the clamped one).
 */
export function addMonthsClamped(anchor: Date, months: number): Date {
  const total = anchor.getUTCFullYear() * 12 + anchor.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(anchor.getUTCDate(), daysInMonth(year, month));
  return new Date(Date.UTC(year, month, day));
}

/** `YYYY-MM-DD` of the UTC day. */
export function isoDate(at: Date): string {
  return utcDay(at).toISOString().slice(0, 10);
}

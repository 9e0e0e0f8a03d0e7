/** The hour (local time) the digest goes out. */
export const DIGEST_HOUR = 9;

/** Whether `zone` is an IANA time zone this runtime knows. */
export function isTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64 || zone.includes('\u0000')) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The local calendar date (`YYYY-MM-DD`) and hour (0–23) of `at` in `zone`. */
export function localTime(at: Date, zone: string): { date: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

/**
 * The local date whose digest is due at `at` for a recipient in `zone`: from 09:00 local time on (a job that missed
 * 09:00 still sends later that day), otherwise null. The send claim makes it once per local date.
 */
export function dueDigestDate(at: Date, zone: string, hour = DIGEST_HOUR): string | null {
  const local = localTime(at, zone);
  return local.hour >= hour ? local.date : null;
}

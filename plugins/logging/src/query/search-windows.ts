const HOUR = 3600_000;

/**
 * Time windows, newest first, that cover [from, to]: the last hour, then back to 6 hours, to 1 day, and
 * from there each window reaches twice as far back as the one before (2, 4, 8, 16, 32 days). A search no
 * index can return in time order (words, a user) runs window by window and stops once it has a page: a
 * common word is answered from the last hour, a rare one costs a handful of full-text index probes. Pure.
 */
export function searchWindows(from: Date, to: Date): { from: Date; to: Date }[] {
  const out: { from: Date; to: Date }[] = [];
  const end = to.getTime();
  const start = from.getTime();
  let reach = HOUR;
  let upper = end;
  while (upper > start) {
    const lower = Math.max(start, end - reach);
    out.push({ from: new Date(lower), to: new Date(upper) });
    upper = lower;
    reach = reach < 6 * HOUR ? 6 * HOUR : reach < 24 * HOUR ? 24 * HOUR : reach * 2;
  }
  if (!out.length) out.push({ from, to });
  return out;
}

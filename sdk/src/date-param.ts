import { ProblemError } from './problem.ts';

/**
 * Dates from a request (query parameters, filter values): ISO 8601 or epoch milliseconds, refused with a 400
 * naming the parameter when they are not dates or fall outside years 1 to 9999. JavaScript dates reach
 * ±275760 and PostgreSQL timestamps 294276 AD, but arithmetic on an edge date (a default window before `to`,
 * a day after `from`) leaves JavaScript's range and `toISOString()` throws; four-digit years are what ISO 8601
 * and every client mean.
 */

/** 0001-01-01T00:00:00.000Z (Date.UTC would read year 1 as 1901). */
const MIN_MS = new Date('0001-01-01T00:00:00.000Z').getTime();
/** 9999-12-31T23:59:59.999Z */
const MAX_MS = new Date('9999-12-31T23:59:59.999Z').getTime();

/** An ISO 8601 date or date-time with a four-digit year (what `Date.parse` reads the same on every engine). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Whether `ms` is a date from year 1 to year 9999. */
export function isDateInRange(ms: number): boolean {
  return Number.isFinite(ms) && ms >= MIN_MS && ms <= MAX_MS;
}

/** Epoch milliseconds of an ISO 8601 date-time string (four-digit year, a real calendar day), or null. */
export function parseIsoDate(text: string): number | null {
  if (!ISO_DATE.test(text)) return null;
  const ms = Date.parse(text);
  if (!isDateInRange(ms)) return null;
  // Date.parse rolls 2024-02-30 over to March 1st: a day that does not exist is not a date.
  const [y, m, d] = text.slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(2000, m - 1, d));
  if (m < 1 || m > 12 || day.getUTCMonth() !== m - 1 || (m === 2 && d === 29 && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)))) return null;
  return ms;
}

export interface DateParamOptions {
  /** Also accept epoch milliseconds (digits only). Default true. */
  epochMs?: boolean;
  /** Problem code of a refusal (default `validation_failed`). */
  code?: string;
}

/**
 * Reads a date parameter: `undefined`/`''` is absent (undefined); an ISO 8601 date-time or (by default) epoch
 * milliseconds gives a Date from year 1 to 9999; anything else is a 400 naming `field`.
 */
export function parseDateParam(field: string, raw: unknown, opts: DateParamOptions = {}): Date | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const refuse = (why: string) => new ProblemError(400, opts.code ?? 'validation_failed', `"${field}" ${why}`, { field });
  if (typeof raw === 'number' && opts.epochMs !== false) {
    if (!Number.isInteger(raw) || !isDateInRange(raw)) throw refuse('is not a date from year 1 to 9999');
    return new Date(raw);
  }
  if (typeof raw !== 'string') throw refuse('must be one date (ISO 8601, e.g. 2025-01-31T12:00:00Z)');
  if (opts.epochMs !== false && /^-?\d+$/.test(raw)) {
    const ms = raw.length <= 16 ? Number(raw) : Number.NaN;
    if (!isDateInRange(ms)) throw refuse(`is not a date from year 1 to 9999: "${raw.slice(0, 40)}" (epoch milliseconds)`);
    return new Date(ms);
  }
  const ms = parseIsoDate(raw);
  if (ms === null) throw refuse(`is not a date from year 1 to 9999: "${raw.slice(0, 40)}" (use ISO 8601, e.g. 2025-01-31T12:00:00Z${opts.epochMs === false ? '' : ', or epoch milliseconds'})`);
  return new Date(ms);
}

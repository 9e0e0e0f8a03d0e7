import { problems } from '@platform/sdk';

/** The days an analytics query covers, both ends included (UTC calendar days, `YYYY-MM-DD`). */
export interface AnalyticsWindow {
  from: string;
  to: string;
  /** `from` at 00:00 UTC and the day after `to` at 00:00 UTC: the half-open interval the SQL filters `created_at` on. */
  startsAt: string;
  endsBefore: string;
}

export interface AnalyticsFilters {
  channel: 'sms' | 'email' | null;
  /** A provider configuration id. */
  provider: string | null;
  tenant: string | null;
}

/** The longest window one query may cover: every chart is time-bounded. */
export const MAX_WINDOW_DAYS = 366;
/** Without `from`, the last 30 days up to `to`. */
export const DEFAULT_WINDOW_DAYS = 30;

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function parseDay(field: string, value: unknown): number | null {
  if (value === undefined || value === '') return null;
  if (typeof value !== 'string' || !DATE.test(value)) throw problems.validation(field, `"${field}" must be a day as YYYY-MM-DD`);
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (!Number.isFinite(ms) || dayOf(ms) !== value) throw problems.validation(field, `"${field}" is not a calendar day`);
  return ms;
}

/** Refuses query parameters a route does not know (a typo would otherwise silently widen the chart). */
export function refuseUnknown(query: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(query)) {
    if (!known.includes(key)) throw problems.validation(key, `unknown query parameter "${key}"; known: ${known.join(', ')}`);
  }
}

/** `from`/`to` of the query, defaulting to the last 30 days up to today; 400 naming the field when bad. */
export function windowOf(query: Record<string, unknown>, now: number): AnalyticsWindow {
  const to = parseDay('to', query.to) ?? Date.parse(`${dayOf(now)}T00:00:00Z`);
  const from = parseDay('from', query.from) ?? to - (DEFAULT_WINDOW_DAYS - 1) * DAY_MS;
  if (from > to) throw problems.validation('from', '"from" must not be after "to"');
  const days = (to - from) / DAY_MS + 1;
  if (days > MAX_WINDOW_DAYS) throw problems.validation('from', `the window covers ${days} days; at most ${MAX_WINDOW_DAYS}`);
  return { from: dayOf(from), to: dayOf(to), startsAt: new Date(from).toISOString(), endsBefore: new Date(to + DAY_MS).toISOString() };
}

/** `channel`, `provider` (a configuration id) and `tenant` filters; 400 naming the field when bad. */
export function filtersOf(query: Record<string, unknown>): AnalyticsFilters {
  const channel = query.channel;
  if (channel !== undefined && channel !== 'sms' && channel !== 'email') throw problems.validation('channel', '"channel" must be sms or email');
  const uuid = (field: string): string | null => {
    const v = query[field];
    if (v === undefined || v === '') return null;
    if (typeof v !== 'string' || !UUID.test(v)) throw problems.validation(field, `"${field}" must be an id (uuid)`);
    return v.toLowerCase();
  };
  return { channel: (channel as 'sms' | 'email' | undefined) ?? null, provider: uuid('provider'), tenant: uuid('tenant') };
}

/** Every day of the window, in order (for filling days without messages). */
export function daysOf(window: AnalyticsWindow): string[] {
  const out: string[] = [];
  for (let ms = Date.parse(window.startsAt); ms < Date.parse(window.endsBefore); ms += DAY_MS) out.push(dayOf(ms));
  return out;
}

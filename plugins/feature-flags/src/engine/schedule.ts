import { FlagDefinitionError } from './evaluation-result.ts';
import type { ScheduleWindow } from './flag.ts';

interface ScheduleBounds {
  start: number;
  end: number;
}

const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?$/;

/** Parsed bounds per window object: flag definitions are treated as immutable values. */
const boundsByWindow = new WeakMap<ScheduleWindow, ScheduleBounds>();
const formatterByTimeZone = new Map<string, Intl.DateTimeFormat>();

/** Whether `now` (epoch ms) lies in [start, end); a missing bound is open. */
export function isWithinSchedule(schedule: ScheduleWindow, now: number): boolean {
  let bounds = boundsByWindow.get(schedule);
  if (!bounds) {
    bounds = scheduleBounds(schedule);
    boundsByWindow.set(schedule, bounds);
  }
  return now >= bounds.start && now < bounds.end;
}

/** The window's bounds in epoch ms; throws FlagDefinitionError (PARSE_ERROR) on an unreadable bound or zone. */
export function scheduleBounds(schedule: ScheduleWindow): ScheduleBounds {
  const timeZone = schedule.timeZone ?? 'UTC';
  formatter(timeZone); // an unknown zone is an error even when both bounds carry offsets
  return {
    start: schedule.start ? scheduleInstant(schedule.start, timeZone, 'start') : Number.NEGATIVE_INFINITY,
    end: schedule.end ? scheduleInstant(schedule.end, timeZone, 'end') : Number.POSITIVE_INFINITY,
  };
}

/** An ISO-8601 instant, or a wall-clock date-time (no offset) read in `timeZone`, as epoch ms. */
export function scheduleInstant(text: string, timeZone: string, field: string): number {
  if (HAS_OFFSET.test(text)) {
    const instant = Date.parse(text);
    if (Number.isNaN(instant)) throw new FlagDefinitionError('PARSE_ERROR', `schedule.${field} is not a date: ${text}`);
    return instant;
  }
  const match = WALL_CLOCK.exec(text);
  if (!match) throw new FlagDefinitionError('PARSE_ERROR', `schedule.${field} is not a date: ${text}`);
  const [, year, month, day, hour = '0', minute = '0', second = '0', millis = '0'] = match;
  const wallClockAsUtc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    Number(millis.padEnd(3, '0')),
  );
  if (Number.isNaN(wallClockAsUtc)) throw new FlagDefinitionError('PARSE_ERROR', `schedule.${field} is not a date: ${text}`);
  return wallClockToInstant(wallClockAsUtc, timeZone);
}

/**
 * The instant at which clocks in `timeZone` show the wall-clock time `wallClockAsUtc`
 * (that time written as if it were UTC). A time skipped by a DST change is moved forward
 * by the gap; a time shown twice resolves to its second occurrence.
 */
function wallClockToInstant(wallClockAsUtc: number, timeZone: string): number {
  const firstOffset = zoneOffset(wallClockAsUtc, timeZone);
  const candidate = wallClockAsUtc - firstOffset;
  const secondOffset = zoneOffset(candidate, timeZone);
  return secondOffset === firstOffset ? candidate : wallClockAsUtc - secondOffset;
}

/** The zone's offset from UTC, in ms, at `instant`. */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(instant));
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value ?? 0);
  const hour = field('hour') % 24;
  const shown = Date.UTC(field('year'), field('month') - 1, field('day'), hour, field('minute'), field('second'));
  return shown - (instant - (((instant % 1000) + 1000) % 1000));
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let cached = formatterByTimeZone.get(timeZone);
  if (!cached) {
    try {
      cached = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new FlagDefinitionError('PARSE_ERROR', `schedule.timeZone is not a known time zone: ${timeZone}`);
    }
    formatterByTimeZone.set(timeZone, cached);
  }
  return cached;
}

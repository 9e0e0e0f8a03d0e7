import { describe, expect, it } from 'vitest';
import { dueDigestDate, isTimeZone, localTime } from '../src/digest/digest-schedule.ts';

describe('digest schedule (pure)', () => {
  it('reads the local date and hour in a time zone', () => {
    expect(localTime(new Date('2026-03-02T23:30:00Z'), 'Asia/Tokyo')).toEqual({ date: '2026-03-03', hour: 8 });
    expect(localTime(new Date('2026-03-02T00:30:00Z'), 'America/Los_Angeles')).toEqual({ date: '2026-03-01', hour: 16 });
    expect(localTime(new Date('2026-03-02T00:30:00Z'), 'UTC')).toEqual({ date: '2026-03-02', hour: 0 });
  });

  it('is due from 09:00 local time on, for that local date', () => {
    expect(dueDigestDate(new Date('2026-03-02T07:59:00Z'), 'Europe/Paris')).toBeNull();
    expect(dueDigestDate(new Date('2026-03-02T08:00:00Z'), 'Europe/Paris')).toBe('2026-03-02');
    expect(dueDigestDate(new Date('2026-03-02T22:59:00Z'), 'Europe/Paris')).toBe('2026-03-02');
    expect(dueDigestDate(new Date('2026-03-02T23:00:00Z'), 'Europe/Paris')).toBeNull();
    // Summer time: 09:00 in Paris is 07:00 UTC.
    expect(dueDigestDate(new Date('2026-07-01T07:00:00Z'), 'Europe/Paris')).toBe('2026-07-01');
  });

  it('knows IANA zones and refuses the rest', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(isTimeZone('Europe/Par\u0000is')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { isDateInRange, parseDateParam, parseIsoDate } from '../src/date-param.ts';
import { ProblemError } from '../src/problem.ts';

function refusal(fn: () => unknown): ProblemError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ProblemError);
    return err as ProblemError;
  }
  throw new Error('accepted without complaint');
}

describe('parseDateParam', () => {
  it('reads ISO 8601 date-times and dates, and epoch milliseconds', () => {
    expect(parseDateParam('from', '2025-01-31T12:00:00Z')?.toISOString()).toBe('2025-01-31T12:00:00.000Z');
    expect(parseDateParam('from', '2025-01-31T12:00:00.123456+02:00')?.toISOString()).toBe('2025-01-31T10:00:00.123Z');
    expect(parseDateParam('from', '2025-01-31')?.toISOString()).toBe('2025-01-31T00:00:00.000Z');
    expect(parseDateParam('from', '1700000000000')?.getTime()).toBe(1_700_000_000_000);
    expect(parseDateParam('from', 0)?.getTime()).toBe(0);
    expect(parseDateParam('from', '0001-01-01T00:00:00Z')?.getUTCFullYear()).toBe(1);
    expect(parseDateParam('from', '9999-12-31T23:59:59.999Z')?.getUTCFullYear()).toBe(9999);
    expect(parseDateParam('from', '2024-02-29')?.getUTCDate()).toBe(29);
  });

  it('treats an absent or empty value as absent', () => {
    expect(parseDateParam('from', undefined)).toBeUndefined();
    expect(parseDateParam('from', '')).toBeUndefined();
  });

  it.each([
    '99999999999999999999', '8640000000000001', '+275760-09-13T00:00:00Z', '-271821-04-20T00:00:00Z', '0000-01-01T00:00:00Z',
    '10000-01-01', '2024-02-30', '2023-02-29', '2024-13-01', '2024-01-01T25:00:00Z', 'yesterday', 'a\u0000b', '\ud800', '1e21', 'NaN',
  ])('refuses %j with 400 naming the parameter', (raw) => {
    expect(refusal(() => parseDateParam('to', raw))).toMatchObject({ status: 400, code: 'validation_failed', field: 'to' });
  });

  it('refuses non-strings, fractional or out-of-range epoch numbers, and epoch text when told to', () => {
    for (const raw of [true, {}, ['2025-01-01'], 1.5, 8.64e15 + 1, Number.NaN]) expect(refusal(() => parseDateParam('at', raw)).field).toBe('at');
    expect(refusal(() => parseDateParam('at', '1700000000000', { epochMs: false, code: 'invalid_time_range' }))).toMatchObject({ code: 'invalid_time_range', field: 'at' });
  });

  it('isDateInRange and parseIsoDate agree on the edges', () => {
    expect(isDateInRange(Date.parse('0001-01-01T00:00:00Z'))).toBe(true);
    expect(isDateInRange(Date.parse('0001-01-01T00:00:00Z') - 1)).toBe(false);
    expect(isDateInRange(Date.parse('9999-12-31T23:59:59.999Z') + 1)).toBe(false);
    expect(parseIsoDate('2025-06-01T00:00')).toBe(new Date('2025-06-01T00:00').getTime());
    expect(parseIsoDate('2025-06-01x')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { billingPeriodOf } from '../src/billing/billing-period.ts';
import { addMonthsClamped, daysBetween } from '../src/billing/calendar.ts';

const day = (d: Date) => d.toISOString().slice(0, 10);
const date = fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-01-01T00:00:00Z'), noInvalidDate: true });

describe('billingPeriodOf', () => {
  it('contains the date, and consecutive periods tile without gaps', () => {
    fc.assert(
      fc.property(date, date, fc.constantFrom('monthly' as const, 'annual' as const), (anchor, at, interval) => {
        const p = billingPeriodOf(anchor, interval, at);
        expect(p.start.getTime()).toBeLessThanOrEqual(at.getTime());
        expect(at.getTime()).toBeLessThan(p.end.getTime());
        expect(billingPeriodOf(anchor, interval, p.end).start.getTime()).toBe(p.end.getTime());
        expect(billingPeriodOf(anchor, interval, new Date(p.start.getTime() - 1)).end.getTime()).toBe(p.start.getTime());
        const days = daysBetween(p.start, p.end);
        if (interval === 'monthly') expect(days).toBeGreaterThanOrEqual(28), expect(days).toBeLessThanOrEqual(31);
        else expect([365, 366]).toContain(days);
      }),
    );
  });

  it('periods start on the anchor day, clamped in short months', () => {
    const anchor = new Date('2023-01-31T15:00:00Z');
    const starts = [0, 1, 2, 3, 12, 13].map((m) => day(addMonthsClamped(new Date('2023-01-31T00:00:00Z'), m)));
    expect(starts).toEqual(['2023-01-31', '2023-02-28', '2023-03-31', '2023-04-30', '2024-01-31', '2024-02-29']);
    expect(day(billingPeriodOf(anchor, 'monthly', new Date('2024-03-01T00:00:00Z')).start)).toBe('2024-02-29');
  });

  it('an annual period anchored on Feb 29 runs to Feb 28 in common years', () => {
    const p = billingPeriodOf(new Date('2024-02-29T00:00:00Z'), 'annual', new Date('2025-06-01T00:00:00Z'));
    expect([day(p.start), day(p.end)]).toEqual(['2025-02-28', '2026-02-28']);
  });

  it('works before the anchor as well', () => {
    const p = billingPeriodOf(new Date('2025-05-15T00:00:00Z'), 'monthly', new Date('2025-03-01T00:00:00Z'));
    expect([day(p.start), day(p.end)]).toEqual(['2025-02-15', '2025-03-15']);
  });
});

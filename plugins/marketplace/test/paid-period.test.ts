import { describe, expect, it } from 'vitest';
import { canTransition } from '../src/catalog/addon-lifecycle.ts';
import { addMonthsUtc, cancellationRefund, paidPeriodEnd } from '../src/purchases/paid-period.ts';

const at = (s: string) => new Date(s);

describe('paid periods', () => {
  it('adds calendar months in UTC, clamping the day', () => {
    expect(addMonthsUtc(at('2026-01-31T10:00:00Z'), 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    expect(addMonthsUtc(at('2028-01-31T10:00:00Z'), 1).toISOString()).toBe('2028-02-29T10:00:00.000Z');
    expect(addMonthsUtc(at('2026-12-15T00:00:00Z'), 1).toISOString()).toBe('2027-01-15T00:00:00.000Z');
    expect(paidPeriodEnd(at('2026-03-10T12:00:00Z'), 'annual')!.toISOString()).toBe('2027-03-10T12:00:00.000Z');
    expect(paidPeriodEnd(at('2026-03-10T12:00:00Z'), 'one_off')).toBeNull();
  });
});

describe('the cancellation rule', () => {
  const monthly = { pricing: 'monthly' as const, amountMinor: 3000, periodStart: at('2026-03-10T12:00:00Z'), periodEnd: at('2026-04-10T12:00:00Z') };

  it('refunds nothing for one-off purchases', () => {
    expect(cancellationRefund({ ...monthly, pricing: 'one_off', periodEnd: null }, at('2026-03-11T00:00:00Z')).refundMinor).toBe(0);
  });

  it('refunds the unused whole days of the period, every day begun counting as used, rounded half away from zero', () => {
    // 10 days exactly: 21 of 31 unused → 3000 × 21 / 31 = 2032.26 → 2032
    expect(cancellationRefund(monthly, at('2026-03-20T12:00:00Z'))).toMatchObject({ refundMinor: 2032, usedDays: 10, unusedDays: 21, periodDays: 31 });
    // A minute into day 11 counts the whole day: 20 unused → 1935.48 → 1935
    expect(cancellationRefund(monthly, at('2026-03-20T12:01:00Z'))).toMatchObject({ refundMinor: 1935, usedDays: 11 });
    // At once: the first day is used.
    expect(cancellationRefund(monthly, monthly.periodStart)).toMatchObject({ usedDays: 1, refundMinor: 2903 });
    // On or after the last day: nothing.
    expect(cancellationRefund(monthly, at('2026-04-10T11:00:00Z')).refundMinor).toBe(0);
    expect(cancellationRefund(monthly, at('2026-05-01T00:00:00Z')).refundMinor).toBe(0);
  });

  it('never refunds more than was paid and never a fraction of a minor unit', () => {
    for (let amount = 0; amount < 2000; amount += 37)
      for (let day = 0; day < 33; day += 1) {
        const r = cancellationRefund({ ...monthly, amountMinor: amount }, new Date(monthly.periodStart.getTime() + day * 86_400_000 + 1));
        expect(Number.isInteger(r.refundMinor)).toBe(true);
        expect(r.refundMinor).toBeGreaterThanOrEqual(0);
        expect(r.refundMinor).toBeLessThanOrEqual(amount);
      }
  });
});

describe('the catalog lifecycle', () => {
  it('allows only the documented transitions', () => {
    expect(canTransition('draft', 'published')).toBe(true);
    expect(canTransition('published', 'suspended')).toBe(true);
    expect(canTransition('suspended', 'published')).toBe(true);
    expect(canTransition('published', 'deprecated')).toBe(true);
    expect(canTransition('draft', 'suspended')).toBe(false);
    expect(canTransition('deprecated', 'published')).toBe(false);
    expect(canTransition('published', 'draft')).toBe(false);
  });
});

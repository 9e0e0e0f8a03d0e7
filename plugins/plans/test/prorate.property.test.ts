import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { prorate, ProrationError, type PlanPrice } from '../src/billing/prorate.ts';
import { billingPeriodOf } from '../src/billing/billing-period.ts';
import { addDays, daysBetween } from '../src/billing/calendar.ts';
import type { BillingInterval } from '../src/entities/plan.ts';

const DAY = 86_400_000;
const interval = fc.constantFrom<BillingInterval>('monthly', 'annual');
const amount = fc.integer({ min: 0, max: 10_000_000 });
/** Anchors across leap and common years, including month ends (29th-31st). */
const anchor = fc.date({ min: new Date('1999-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true });
const price = (i: BillingInterval) => amount.map((a): PlanPrice => ({ amount: a, currency: 'USD', interval: i }));

/** An anchor, a change time within the period that contains it, and two prices. */
const sameIntervalChange = fc
  .record({ anchor, interval, from: amount, to: amount, offsetDays: fc.integer({ min: 0, max: 400 }), fraction: fc.double({ min: 0, max: 0.999999, noNaN: true }), ms: fc.integer({ min: 0, max: DAY - 1 }) })
  .map(({ anchor, interval, from, to, offsetDays, fraction, ms }) => {
    const outer = billingPeriodOf(anchor, interval, new Date(anchor.getTime() + offsetDays * DAY));
    const days = daysBetween(outer.start, outer.end);
    const changeAt = new Date(addDays(outer.start, Math.floor(fraction * days)).getTime() + ms);
    return { period: outer, changeAt, from: { amount: from, currency: 'USD', interval }, to: { amount: to, currency: 'USD', interval } };
  });

describe('prorate (properties)', () => {
  it('credit and charge stay within the prices, and net = charge - credit', () => {
    fc.assert(
      fc.property(sameIntervalChange, ({ period, changeAt, from, to }) => {
        const p = prorate({ from, to, period, changeAt });
        expect(p.credit).toBeGreaterThanOrEqual(0);
        expect(p.credit).toBeLessThanOrEqual(from.amount);
        expect(p.charge).toBeGreaterThanOrEqual(0);
        expect(p.charge).toBeLessThanOrEqual(to.amount);
        expect(p.net).toBe(p.charge - p.credit);
        expect(Number.isInteger(p.credit) && Number.isInteger(p.charge)).toBe(true);
      }),
    );
  });

  it('counts whole days: 1 <= remaining <= period days, and periods are 28-31 or 365/366 days long', () => {
    fc.assert(
      fc.property(sameIntervalChange, ({ period, changeAt, from, to }) => {
        const p = prorate({ from, to, period, changeAt });
        expect(p.remainingDays).toBeGreaterThanOrEqual(1);
        expect(p.remainingDays).toBeLessThanOrEqual(p.periodDays);
        if (from.interval === 'monthly') expect([28, 29, 30, 31]).toContain(p.periodDays);
        else expect([365, 366]).toContain(p.periodDays);
      }),
    );
  });

  it('a change on the first day of the period credits the whole old price and charges the whole new one', () => {
    fc.assert(
      fc.property(sameIntervalChange, fc.integer({ min: 0, max: DAY - 1 }), ({ period, from, to }, ms) => {
        const p = prorate({ from, to, period, changeAt: new Date(period.start.getTime() + ms) });
        expect(p.credit).toBe(from.amount);
        expect(p.charge).toBe(to.amount);
        expect(p.remainingDays).toBe(p.periodDays);
      }),
    );
  });

  it('changing to a plan of the same price costs nothing; going there and back on the same day nets zero', () => {
    fc.assert(
      fc.property(sameIntervalChange, ({ period, changeAt, from, to }) => {
        expect(prorate({ from, to: from, period, changeAt }).net).toBe(0);
        const there = prorate({ from, to, period, changeAt });
        const back = prorate({ from: to, to: from, period, changeAt });
        expect(there.net + back.net).toBe(0);
      }),
    );
  });

  it('upgrades cost money and downgrades give credit', () => {
    fc.assert(
      fc.property(sameIntervalChange, ({ period, changeAt, from, to }) => {
        const p = prorate({ from, to, period, changeAt });
        if (to.amount >= from.amount) expect(p.net).toBeGreaterThanOrEqual(0);
        else expect(p.net).toBeLessThanOrEqual(0);
      }),
    );
  });

  it('the later the change, the smaller the credit', () => {
    fc.assert(
      fc.property(sameIntervalChange, fc.integer({ min: 0, max: 400 }), ({ period, changeAt, from, to }, laterDays) => {
        const later = new Date(Math.min(changeAt.getTime() + laterDays * DAY, period.end.getTime() - 1));
        expect(prorate({ from, to, period, changeAt: later }).credit).toBeLessThanOrEqual(prorate({ from, to, period, changeAt }).credit);
      }),
    );
  });

  it('a different interval starts a new full period on the change day and charges it in full', () => {
    fc.assert(
      fc.property(sameIntervalChange, amount, ({ period, changeAt, from }, toAmount) => {
        const to: PlanPrice = { amount: toAmount, currency: 'USD', interval: from.interval === 'monthly' ? 'annual' : 'monthly' };
        const p = prorate({ from, to, period, changeAt });
        expect(p.anchorKept).toBe(false);
        expect(p.charge).toBe(toAmount);
        expect(p.nextPeriodStart).toBe(p.changeDate);
        const next = daysBetween(new Date(p.nextPeriodStart), new Date(p.nextPeriodEnd));
        expect(to.interval === 'monthly' ? [28, 29, 30, 31] : [365, 366]).toContain(next);
      }),
    );
  });

  it('without a previous plan nothing is credited', () => {
    fc.assert(
      fc.property(anchor, interval, amount, (at, i, a) => {
        const p = prorate({ from: null, to: { amount: a, currency: 'EUR', interval: i }, period: billingPeriodOf(at, i, at), changeAt: at });
        expect(p.credit).toBe(0);
        expect(p.charge).toBe(a);
      }),
    );
  });
});

describe('prorate (examples)', () => {
  const monthly = (amount: number): PlanPrice => ({ amount, currency: 'USD', interval: 'monthly' });
  const annual = (amount: number): PlanPrice => ({ amount, currency: 'USD', interval: 'annual' });
  const at = (s: string) => new Date(s);

  it('February of a leap year has 29 days', () => {
    const period = billingPeriodOf(at('2024-01-01T00:00:00Z'), 'monthly', at('2024-02-10T00:00:00Z'));
    const p = prorate({ from: monthly(2900), to: monthly(5800), period, changeAt: at('2024-02-15T12:00:00Z') });
    expect(p).toMatchObject({ periodStart: '2024-02-01', periodEnd: '2024-03-01', periodDays: 29, remainingDays: 15, credit: 1500, charge: 3000, net: 1500, anchorKept: true });
  });

  it('February of a common year has 28 days', () => {
    const period = billingPeriodOf(at('2023-01-01T00:00:00Z'), 'monthly', at('2023-02-10T00:00:00Z'));
    const p = prorate({ from: monthly(2800), to: monthly(0), period, changeAt: at('2023-02-15T00:00:00Z') });
    expect(p).toMatchObject({ periodDays: 28, remainingDays: 14, credit: 1400, charge: 0, net: -1400 });
  });

  it('31- and 30-day months', () => {
    const jan = prorate({ from: monthly(3100), to: monthly(6200), period: billingPeriodOf(at('2025-01-01T00:00:00Z'), 'monthly', at('2025-01-20T00:00:00Z')), changeAt: at('2025-01-31T23:59:59Z') });
    expect(jan).toMatchObject({ periodDays: 31, remainingDays: 1, credit: 100, charge: 200 });
    const apr = prorate({ from: monthly(3000), to: monthly(6000), period: billingPeriodOf(at('2025-01-01T00:00:00Z'), 'monthly', at('2025-04-20T00:00:00Z')), changeAt: at('2025-04-16T08:00:00Z') });
    expect(apr).toMatchObject({ periodDays: 30, remainingDays: 15, credit: 1500, charge: 3000 });
  });

  it('an anchor on the 31st bills Jan 31 → Feb 29 → Mar 31 in a leap year', () => {
    const anchor = at('2024-01-31T00:00:00Z');
    const feb = billingPeriodOf(anchor, 'monthly', at('2024-03-10T00:00:00Z'));
    expect([feb.start.toISOString().slice(0, 10), feb.end.toISOString().slice(0, 10)]).toEqual(['2024-02-29', '2024-03-31']);
    const p = prorate({ from: monthly(3100), to: monthly(3100), period: feb, changeAt: at('2024-03-30T00:00:00Z') });
    expect(p).toMatchObject({ periodDays: 31, remainingDays: 1, net: 0 });
  });

  it('a leap year is 366 days on an annual plan', () => {
    const period = billingPeriodOf(at('2024-01-01T00:00:00Z'), 'annual', at('2024-06-01T00:00:00Z'));
    const p = prorate({ from: annual(36_600), to: annual(73_200), period, changeAt: at('2024-12-31T00:00:00Z') });
    expect(p).toMatchObject({ periodDays: 366, remainingDays: 1, credit: 100, charge: 200 });
    const common = prorate({ from: annual(36_500), to: annual(0), period: billingPeriodOf(at('2025-01-01T00:00:00Z'), 'annual', at('2025-03-01T00:00:00Z')), changeAt: at('2025-12-31T00:00:00Z') });
    expect(common).toMatchObject({ periodDays: 365, credit: 100 });
  });

  it('a same-day change (the first day of the period) credits everything', () => {
    const period = billingPeriodOf(at('2025-03-05T00:00:00Z'), 'monthly', at('2025-03-05T09:00:00Z'));
    const p = prorate({ from: monthly(1999), to: monthly(4999), period, changeAt: at('2025-03-05T17:30:00Z') });
    expect(p).toMatchObject({ remainingDays: 31, credit: 1999, charge: 4999, net: 3000 });
  });

  it('monthly → annual credits the rest of the month and starts a year', () => {
    const period = billingPeriodOf(at('2025-01-10T00:00:00Z'), 'monthly', at('2025-02-20T00:00:00Z'));
    const p = prorate({ from: monthly(3100), to: annual(100_000), period, changeAt: at('2025-02-20T00:00:00Z') });
    expect(p).toMatchObject({ periodStart: '2025-02-10', periodEnd: '2025-03-10', periodDays: 28, remainingDays: 18, credit: 1993, charge: 100_000, nextPeriodStart: '2025-02-20', nextPeriodEnd: '2026-02-20', anchorKept: false });
  });

  it('rounds half up to whole minor units', () => {
    const period = billingPeriodOf(at('2025-04-01T00:00:00Z'), 'monthly', at('2025-04-01T00:00:00Z'));
    // 1000 * 15 / 30 = 500 exactly; 1001 * 15 / 30 = 500.5 → 501
    expect(prorate({ from: monthly(1001), to: monthly(0), period, changeAt: at('2025-04-16T00:00:00Z') }).credit).toBe(501);
  });

  it('refuses to prorate across currencies or outside the period', () => {
    const period = billingPeriodOf(at('2025-04-01T00:00:00Z'), 'monthly', at('2025-04-01T00:00:00Z'));
    expect(() => prorate({ from: monthly(100), to: { amount: 100, currency: 'EUR', interval: 'monthly' }, period, changeAt: at('2025-04-02T00:00:00Z') })).toThrow(ProrationError);
    expect(() => prorate({ from: monthly(100), to: monthly(200), period, changeAt: at('2025-05-02T00:00:00Z') })).toThrow(ProrationError);
  });
});

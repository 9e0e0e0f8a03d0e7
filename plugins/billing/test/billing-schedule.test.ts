import { describe, expect, it } from 'vitest';
import { periodContaining, planChargeOf, periodQuotaOf } from '@platform/plugin-billing';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (p: { start: Date; end: Date }) => [p.start.toISOString().slice(0, 10), p.end.toISOString().slice(0, 10)];

describe('billing periods and plan charges', () => {
  it('monthly periods start on the anchor day, the anchor day itself opens a new period', () => {
    const s = { cycle: 'monthly' as const, anchorDay: 15, anchorMonth: 1 };
    expect(iso(periodContaining(s, day('2026-03-14')))).toEqual(['2026-02-15', '2026-03-15']);
    expect(iso(periodContaining(s, day('2026-03-15')))).toEqual(['2026-03-15', '2026-04-15']);
    expect(iso(periodContaining(s, day('2026-01-01')))).toEqual(['2025-12-15', '2026-01-15']);
    expect(iso(periodContaining({ ...s, anchorDay: 28 }, day('2026-02-28')))).toEqual(['2026-02-28', '2026-03-28']);
  });

  it('annual periods start on the anchor month and day', () => {
    const s = { cycle: 'annual' as const, anchorDay: 1, anchorMonth: 4 };
    expect(iso(periodContaining(s, day('2026-03-31')))).toEqual(['2025-04-01', '2026-04-01']);
    expect(iso(periodContaining(s, day('2026-04-01')))).toEqual(['2026-04-01', '2027-04-01']);
  });

  it("scales a plan's price and quotas to the account's cycle", () => {
    const plan = { tenantId: 't', planId: 'p', planKey: 'k', planName: 'K', priceMinor: 1000, currency: 'USD', interval: 'monthly' as const, quotas: {}, anchor: '', inTrial: false };
    expect(planChargeOf(plan, 'monthly')).toEqual({ quantity: 1, unitAmountMinor: 1000, amountMinor: 1000 });
    expect(planChargeOf(plan, 'annual')).toEqual({ quantity: 12, unitAmountMinor: 1000, amountMinor: 12_000 });
    expect(planChargeOf({ ...plan, interval: 'annual', priceMinor: 10_000 }, 'monthly')).toEqual({ quantity: 1, unitAmountMinor: 833, amountMinor: 833 });
    expect(periodQuotaOf(100, 'monthly', plan, 'annual')).toBe(1200);
    expect(periodQuotaOf(100, 'billing_period', { ...plan, interval: 'annual' }, 'monthly')).toBe(8);
    expect(periodQuotaOf(5, 'never', plan, 'monthly')).toBeNull();
  });
});

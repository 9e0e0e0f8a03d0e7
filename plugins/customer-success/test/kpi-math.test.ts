import { describe, expect, it } from 'vitest';
import { kpiPeriodOf } from '@platform/sdk/customer-health';
import { changePct, cleanValues, kpiTotal, monthsEnding } from '../src/kpis/kpi-math.ts';

describe('KPI math (pure)', () => {
  it('derives the total from the per-tenant values by the KPI aggregate unless the KPI gives one', () => {
    const byTenant = { a: 10, b: 0, c: 5 };
    expect(kpiTotal({ byTenant }, 'sum')).toBe(15);
    expect(kpiTotal({ byTenant }, 'average')).toBe(5);
    expect(kpiTotal({ byTenant }, 'count')).toBe(2);
    expect(kpiTotal({ total: 42, byTenant }, 'sum')).toBe(42);
    expect(kpiTotal({ total: null, byTenant }, 'sum')).toBeNull();
    expect(kpiTotal({}, 'sum')).toBe(0);
    expect(kpiTotal({}, 'average')).toBeNull();
    expect(kpiTotal({ byTenant: { a: Number.NaN, b: 4 } }, 'average')).toBe(4);
  });

  it('drops values that are not finite numbers', () => {
    expect(cleanValues({ a: 1, b: Number.POSITIVE_INFINITY, c: Number.NaN, d: '3' as unknown as number })).toEqual({ a: 1 });
  });

  it('lists months ending with a month, across years', () => {
    expect(monthsEnding('2026-02', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsEnding('2026-02', 12)).toHaveLength(12);
    expect(monthsEnding('2026-02', 12)[0]).toBe('2025-03');
  });

  it('gives the calendar month of a date and its neighbours', () => {
    const p = kpiPeriodOf(new Date('2026-03-15T12:00:00Z'));
    expect(p).toEqual({ month: '2026-03', from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') });
    expect(kpiPeriodOf(new Date('2026-01-31T23:59:59Z'), -1).month).toBe('2025-12');
    expect(kpiPeriodOf(new Date('2026-12-01T00:00:00Z'), 1).month).toBe('2027-01');
  });

  it('computes the change in percent, or null when it cannot', () => {
    expect(changePct(50, 100)).toBe(100);
    expect(changePct(100, 75)).toBe(-25);
    expect(changePct(0, 5)).toBeNull();
    expect(changePct(null, 5)).toBeNull();
    expect(changePct(3, null)).toBeNull();
  });
});

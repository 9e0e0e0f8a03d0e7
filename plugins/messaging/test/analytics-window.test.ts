import { describe, expect, it } from 'vitest';
import { ProblemError } from '@platform/sdk';
import { daysOf, filtersOf, refuseUnknown, windowOf } from '../src/analytics/analytics-window.ts';
import { deliveryRate } from '../src/analytics/delivery-buckets.ts';

const NOW = Date.parse('2026-12-07T15:00:00Z');

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ProblemError);
    expect((err as ProblemError).status).toBe(400);
    return (err as ProblemError).field;
  }
  throw new Error('expected a 400');
}

describe('analytics window', () => {
  it('defaults to the 30 days up to today (UTC), both ends included', () => {
    const w = windowOf({}, NOW);
    expect(w).toEqual({ from: '2026-11-08', to: '2026-12-07', startsAt: '2026-11-08T00:00:00.000Z', endsBefore: '2026-12-08T00:00:00.000Z' });
    expect(daysOf(w)).toHaveLength(30);
  });

  it('takes from/to as days and lists every day between them', () => {
    const w = windowOf({ from: '2026-02-27', to: '2026-03-01' }, NOW);
    expect(daysOf(w)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });

  it('refuses bad days, reversed and over-long windows naming the field', () => {
    expect(fieldOf(() => windowOf({ from: '2026-02-30' }, NOW))).toBe('from');
    expect(fieldOf(() => windowOf({ to: 'yesterday' }, NOW))).toBe('to');
    expect(fieldOf(() => windowOf({ from: '2026-03-02', to: '2026-03-01' }, NOW))).toBe('from');
    expect(fieldOf(() => windowOf({ from: '2025-01-01', to: '2026-03-01' }, NOW))).toBe('from');
    expect(windowOf({ from: '2025-03-01', to: '2026-03-01' }, NOW).from).toBe('2025-03-01'); // 366 days: allowed
  });

  it('validates channel, provider and tenant, and refuses unknown parameters', () => {
    expect(fieldOf(() => filtersOf({ channel: 'fax' }))).toBe('channel');
    expect(fieldOf(() => filtersOf({ provider: 'twilio' }))).toBe('provider');
    expect(fieldOf(() => filtersOf({ tenant: '42' }))).toBe('tenant');
    expect(fieldOf(() => refuseUnknown({ form: '2026-01-01' }, ['from', 'to']))).toBe('form');
    expect(filtersOf({ channel: 'sms' })).toEqual({ channel: 'sms', provider: null, tenant: null });
  });

  it('delivery rate is delivered over what providers took, null when they took nothing', () => {
    expect(deliveryRate({ queued: 5, sent: 1, delivered: 2, failed: 0, total: 8 })).toBe(0.6667);
    expect(deliveryRate({ queued: 3, sent: 0, delivered: 0, failed: 0, total: 3 })).toBeNull();
  });
});

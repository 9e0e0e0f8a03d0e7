import { describe, expect, it } from 'vitest';
import { lowBalanceTransition } from '../src/credits/low-balance.ts';
import { creditAmount, creditExpiry, creditReason, lowBalanceThreshold } from '../src/credits/credit-input.ts';

describe('low-balance crossing', () => {
  it('announces a crossing below the threshold once, and again only after the balance came back', () => {
    let state = { notified: false };
    const emitted: number[] = [];
    for (const balance of [25, 20, 19, 15, 3, 0, 12, 30, 21, 18, 17]) {
      const t = lowBalanceTransition(balance, 20, state);
      if (t.emit) emitted.push(balance);
      state = { notified: t.notified };
    }
    expect(emitted).toEqual([19, 18]);
  });

  it('never calls a zero threshold low', () => {
    expect(lowBalanceTransition(0, 0, { notified: false })).toEqual({ emit: false, notified: false });
  });
});

describe('credit input', () => {
  it('takes whole positive amounts and refuses the rest naming the field', () => {
    expect(creditAmount(5)).toBe(5);
    for (const bad of [0, -3, 1.5, '5', null, undefined, Number.NaN, Infinity, 2e9]) {
      expect(() => creditAmount(bad)).toThrowError(expect.objectContaining({ status: 400, field: 'amount' }));
    }
  });

  it('requires a reason with text in it', () => {
    expect(creditReason('  goodwill ')).toBe('goodwill');
    for (const bad of [undefined, '', '   ', 42, 'x'.repeat(501)]) expect(() => creditReason(bad)).toThrowError(expect.objectContaining({ status: 400, field: 'reason' }));
  });

  it('takes an expiry date only in the future', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(creditExpiry(undefined, now)).toBeNull();
    expect(creditExpiry('2026-02-01T00:00:00Z', now)?.toISOString()).toBe('2026-02-01T00:00:00.000Z');
    for (const bad of ['2025-12-31T00:00:00Z', 'soon', '2026-02-30T00:00:00Z']) expect(() => creditExpiry(bad, now)).toThrowError(expect.objectContaining({ status: 400, field: 'expiresAt' }));
  });

  it('takes a threshold of whole credits or null', () => {
    expect(lowBalanceThreshold(null)).toBeNull();
    expect(lowBalanceThreshold(0)).toBe(0);
    for (const bad of [-1, 2.5, '10']) expect(() => lowBalanceThreshold(bad)).toThrowError(expect.objectContaining({ status: 400, field: 'threshold' }));
  });
});

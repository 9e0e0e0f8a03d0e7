import { describe, expect, it } from 'vitest';
import { computeSlo } from '../src/slo/slo-math.ts';
import { findSpikeStart } from '../src/dashboard/spike-detection.ts';
import { overallFromSlos } from '../src/dashboard/overall-slo-status.ts';

describe('computeSlo', () => {
  it('computes SLI and the error budget', () => {
    const s = computeSlo(99_950, 100_000, 99.9);
    expect(s.sliPct).toBeCloseTo(99.95);
    expect(s.errorBudget.allowed).toBeCloseTo(100);
    expect(s.errorBudget.consumed).toBe(50);
    expect(s.errorBudget.remainingPct).toBeCloseTo(50);
    expect(s.status).toBe('met');
  });
  it('is at risk with little budget left and breached past it', () => {
    expect(computeSlo(99_910, 100_000, 99.9).status).toBe('at_risk');
    expect(computeSlo(99_800, 100_000, 99.9)).toMatchObject({ status: 'breached', errorBudget: { consumedPct: expect.closeTo(200) } });
  });
  it('has no verdict without traffic', () => {
    expect(computeSlo(0, 0, 99.9)).toMatchObject({ status: 'no_data', sliPct: null });
  });
  it('turns SLOs into the banner colour', () => {
    expect(overallFromSlos([{ status: 'met' }, { status: 'breached' }])).toBe('red');
    expect(overallFromSlos([{ status: 'met' }, { status: 'at_risk' }])).toBe('yellow');
    expect(overallFromSlos([{ status: 'met' }, { status: 'no_data' }])).toBe('green');
    expect(overallFromSlos([])).toBe('unknown');
  });
});

describe('findSpikeStart', () => {
  const m = (i: number, errors: number, total = 100) => ({ at: i * 60_000, errors, total });
  it('finds the first minute of the current run of errors', () => {
    expect(findSpikeStart([m(0, 0), m(1, 0), m(2, 5), m(3, 9), m(4, 7)])).toBe(2 * 60_000);
  });
  it('is null when the latest minute is fine', () => {
    expect(findSpikeStart([m(0, 5), m(1, 5), m(2, 0)])).toBeNull();
  });
});

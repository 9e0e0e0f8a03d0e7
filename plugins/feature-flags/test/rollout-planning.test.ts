import { describe, expect, it } from 'vitest';
import { planGradualRollout } from '../src/rollout/plan-gradual-rollout.ts';
import { withPrimaryRollout } from '../src/rollout/primary-rollout.ts';

describe('planGradualRollout', () => {
  it('spreads the steps evenly from start to end', () => {
    expect(planGradualRollout({ startPercentage: 0, endPercentage: 100, durationHours: 168, intervalHours: 24 })).toEqual({ steps: [0, 14, 29, 43, 57, 71, 86, 100], intervalHours: 24 });
    expect(planGradualRollout({ startPercentage: 10, endPercentage: 50, durationHours: 4, intervalHours: 1 }).steps).toEqual([10, 20, 30, 40, 50]);
  });

  it('refuses a rollout that goes down or an interval longer than the duration, naming the field', () => {
    expect(() => planGradualRollout({ startPercentage: 50, endPercentage: 10, durationHours: 4, intervalHours: 1 })).toThrow(expect.objectContaining({ field: 'endPercentage' }));
    expect(() => planGradualRollout({ startPercentage: 0, endPercentage: 10, durationHours: 1, intervalHours: 4 })).toThrow(expect.objectContaining({ field: 'intervalHours' }));
  });
});

describe('withPrimaryRollout', () => {
  it('moves the first unconstrained rule, or puts a userId rule first', () => {
    expect(withPrimaryRollout({ rollouts: [{ percentage: 10, stickiness: 'tenantId' }] }, 50)).toEqual({ rollouts: [{ percentage: 50, stickiness: 'tenantId' }] });
    const constrained = { contextName: 'plan', operator: 'IN' as const, values: ['pro'] };
    expect(withPrimaryRollout({ rollouts: [{ constraints: [constrained] }] }, 5)).toEqual({ rollouts: [{ percentage: 5, stickiness: 'userId' }, { constraints: [constrained] }] });
    expect(withPrimaryRollout({}, 25)).toEqual({ rollouts: [{ percentage: 25, stickiness: 'userId' }] });
  });
});

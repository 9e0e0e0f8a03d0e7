import { describe, expect, it } from 'vitest';
import type { FlagEvaluation } from '../src/feature-flags.ts';
import { flagValueOf } from '../src/admin/flag-value.ts';

const evaluation = (value: FlagEvaluation['value'], reason: FlagEvaluation['reason'] = 'STATIC'): FlagEvaluation => ({ key: 'k', value, enabled: true, variant: null, reason, rule: 'everyone' });

describe('flagValueOf (useFlag)', () => {
  it('serves the evaluated value when it has the fallback\'s type', () => {
    expect(flagValueOf(evaluation(false), true)).toBe(false);
    expect(flagValueOf(evaluation('v2'), 'v1')).toBe('v2');
    expect(flagValueOf(evaluation({ max: 3 }), { max: 1 })).toEqual({ max: 3 });
    expect(flagValueOf(evaluation(5), null)).toBe(5);
  });

  it('serves the fallback while loading, on an error and on a type mismatch', () => {
    expect(flagValueOf(undefined, true)).toBe(true);
    expect(flagValueOf(evaluation(null, 'ERROR'), 'x')).toBe('x');
    expect(flagValueOf(evaluation('on'), true)).toBe(true);
    expect(flagValueOf(evaluation([1]), { a: 1 })).toEqual({ a: 1 });
  });
});

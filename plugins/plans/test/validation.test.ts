import { describe, expect, it } from 'vitest';
import { ProblemError } from '@platform/sdk';
import { BUILT_IN_METERS, meterCatalogOf } from '../src/meters/meter-catalog.ts';
import { validatePlan } from '../src/validation/validate-plan.ts';

const meters = meterCatalogOf(BUILT_IN_METERS);
const fieldOf = (fn: () => void): string | undefined => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ProblemError);
    expect((err as ProblemError).status).toBe(400);
    return (err as ProblemError).field;
  }
  return undefined;
};

describe('validatePlan', () => {
  it('accepts quotas of known meters with hard/soft limit types', () => {
    expect(fieldOf(() => validatePlan({ quotas: { 'sms.monthly': 500, seats: 10, stores: 3 }, limitTypes: { 'sms.monthly': 'soft' } }, meters))).toBeUndefined();
  });

  it('names the field of a negative quota, an unknown meter, a bad limit type', () => {
    expect(fieldOf(() => validatePlan({ quotas: { 'sms.monthly': -1 } }, meters))).toBe('quotas.sms.monthly');
    expect(fieldOf(() => validatePlan({ quotas: { teleports: 1 } }, meters))).toBe('quotas.teleports');
    expect(fieldOf(() => validatePlan({ quotas: { seats: 1.5 } }, meters))).toBe('quotas.seats');
    expect(fieldOf(() => validatePlan({ quotas: { seats: 1 }, limitTypes: { seats: 'squishy' as any } }, meters))).toBe('limitTypes.seats');
    expect(fieldOf(() => validatePlan({ quotas: {}, limitTypes: { seats: 'soft' } }, meters))).toBe('limitTypes.seats');
  });

  it('an archived plan cannot be the default', () => {
    expect(fieldOf(() => validatePlan({ archived: true, isDefault: true }, meters))).toBe('isDefault');
  });
});

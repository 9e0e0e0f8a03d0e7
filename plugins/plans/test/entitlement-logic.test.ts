import { describe, expect, it } from 'vitest';
import { checkEntitlement } from '../src/entitlements/check-entitlement.ts';
import { crossedThresholds, usagePercent } from '../src/entitlements/crossed-thresholds.ts';
import { isFeatureEntitled } from '../src/entitlements/feature-entitlement.ts';
import { suggestUpgrade } from '../src/entitlements/upgrade-hint.ts';
import type { Plan } from '../src/entities/plan.ts';

describe('checkEntitlement', () => {
  it('allows within a hard limit and refuses beyond it', () => {
    expect(checkEntitlement({ limit: 3, limitType: 'hard', used: 2, requested: 1 })).toEqual({ allowed: true, reason: 'within_limit', remaining: 1, limitType: 'hard' });
    expect(checkEntitlement({ limit: 3, limitType: 'hard', used: 3, requested: 1 })).toEqual({ allowed: false, reason: 'limit_exceeded', remaining: 0, limitType: 'hard' });
    expect(checkEntitlement({ limit: 3, limitType: 'hard', used: 1, requested: 5 })).toMatchObject({ allowed: false, remaining: 2 });
  });

  it('a soft limit allows the overage and says so', () => {
    expect(checkEntitlement({ limit: 3, limitType: 'soft', used: 3, requested: 2 })).toEqual({ allowed: true, reason: 'over_soft_limit', remaining: 0, limitType: 'soft' });
  });

  it('no quota means unlimited; a zero quota refuses everything but a zero request', () => {
    expect(checkEntitlement({ limit: null, limitType: 'hard', used: 1e9, requested: 1 })).toEqual({ allowed: true, reason: 'unlimited', remaining: null, limitType: null });
    expect(checkEntitlement({ limit: 0, limitType: 'hard', used: 0, requested: 1 }).allowed).toBe(false);
    expect(checkEntitlement({ limit: 0, limitType: 'hard', used: 0, requested: 0 }).allowed).toBe(true);
  });

  it('remaining never goes below zero, even when usage is already over (soft limit, or a lowered quota)', () => {
    expect(checkEntitlement({ limit: 5, limitType: 'hard', used: 9, requested: 0 })).toMatchObject({ allowed: false, remaining: 0 });
  });

  it('refuses a negative request', () => {
    expect(() => checkEntitlement({ limit: 5, limitType: 'hard', used: 0, requested: -1 })).toThrow(RangeError);
  });
});

describe('crossedThresholds', () => {
  it('fires 80% and 100% when usage goes from below to at-or-above', () => {
    expect(crossedThresholds(10, 7, 8)).toEqual({ crossed: [80], rearmed: [] });
    expect(crossedThresholds(10, 8, 9)).toEqual({ crossed: [], rearmed: [] });
    expect(crossedThresholds(10, 9, 10)).toEqual({ crossed: [100], rearmed: [] });
    expect(crossedThresholds(10, 0, 25)).toEqual({ crossed: [80, 100], rearmed: [] });
    expect(crossedThresholds(10, 12, 15)).toEqual({ crossed: [], rearmed: [] });
  });

  it('is exact for quotas that are not multiples of 5 (no floating point)', () => {
    expect(crossedThresholds(3, 2, 3).crossed).toEqual([80, 100]); // 66.7% → 100%
    expect(crossedThresholds(7, 5, 6).crossed).toEqual([80]); // 71.4% → 85.7%
    expect(crossedThresholds(500, 399, 400).crossed).toEqual([80]);
    expect(crossedThresholds(500, 398, 399).crossed).toEqual([]);
  });

  it('re-arms thresholds when usage drops back (a seat removed)', () => {
    expect(crossedThresholds(10, 10, 7)).toEqual({ crossed: [], rearmed: [80, 100] });
    expect(crossedThresholds(10, 10, 9)).toEqual({ crossed: [], rearmed: [100] });
  });

  it('unlimited meters never cross; a zero quota is crossed by any use', () => {
    expect(crossedThresholds(null, 0, 1e6)).toEqual({ crossed: [], rearmed: [] });
    expect(crossedThresholds(0, 0, 1)).toEqual({ crossed: [80, 100], rearmed: [] });
  });

  it('usagePercent', () => {
    expect(usagePercent(null, 5)).toBeNull();
    expect(usagePercent(3, 2)).toBe(66.7);
    expect(usagePercent(0, 0)).toBe(0);
    expect(usagePercent(0, 1)).toBe(100);
  });
});

describe('features and upgrade hints', () => {
  const plan = (over: Partial<Plan>): Plan =>
    ({ id: over.key!, key: 'x', name: 'X', description: '', priceAmount: 0, currency: 'USD', interval: 'monthly', trialDays: 0, quotas: {}, limitTypes: {}, features: [], plugins: [], archived: false, isDefault: false, sortOrder: 0, createdAt: new Date(), updatedAt: new Date(), ...over }) as Plan;
  const basic = plan({ key: 'basic', name: 'Basic', priceAmount: 1000, quotas: { stores: 1 }, features: ['reports'] });
  const pro = plan({ key: 'pro', name: 'Pro', priceAmount: 5000, quotas: { stores: 5 }, features: ['reports', 'pos'], plugins: ['loyalty'] });
  const proYearly = plan({ key: 'pro-yearly', name: 'Pro yearly', priceAmount: 48_000, interval: 'annual', quotas: { stores: 5 }, features: ['pos'] });
  const enterprise = plan({ key: 'enterprise', name: 'Enterprise', priceAmount: 50_000, features: ['pos', 'sso'] });
  const legacy = plan({ key: 'legacy', name: 'Legacy', priceAmount: 1, quotas: { stores: 100 }, archived: true });
  const all = [basic, pro, proYearly, enterprise, legacy];

  it('features and plugins a plan includes', () => {
    expect(isFeatureEntitled(pro, 'pos')).toBe(true);
    expect(isFeatureEntitled(pro, 'loyalty')).toBe(true);
    expect(isFeatureEntitled(pro, 'plugin:loyalty')).toBe(true);
    expect(isFeatureEntitled(basic, 'pos')).toBe(false);
    expect(isFeatureEntitled(null, 'reports')).toBe(false);
  });

  it('suggests the cheapest active plan (per month) that covers the need', () => {
    expect(suggestUpgrade(all, basic, { kind: 'meter', meter: 'stores', needed: 2 }).plan?.key).toBe('pro-yearly');
    expect(suggestUpgrade(all, basic, { kind: 'meter', meter: 'stores', needed: 6 }).plan?.key).toBe('enterprise');
    expect(suggestUpgrade(all, basic, { kind: 'feature', feature: 'sso' }).plan?.key).toBe('enterprise');
    const none = suggestUpgrade(all, basic, { kind: 'feature', feature: 'teleport' });
    expect(none.plan).toBeNull();
    expect(none.message).toMatch(/contact sales/);
  });

  it('never suggests a cheaper plan', () => {
    expect(suggestUpgrade(all, enterprise, { kind: 'meter', meter: 'stores', needed: 1 }).plan).toBeNull();
    expect(suggestUpgrade(all, null, { kind: 'meter', meter: 'stores', needed: 1 }).plan?.key).toBe('basic');
  });
});

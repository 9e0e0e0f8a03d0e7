import { describe, expect, it } from 'vitest';
import {
  evaluateFlag,
  normalizedHash,
  type EvaluationContext,
  type FlagDefinition,
  type FlagOverride,
  type FlagTargeting,
} from '../src/engine/index.ts';

const NOW = Date.parse('2025-06-01T12:00:00Z');

function booleanFlag(targeting: FlagTargeting = {}, fields: Partial<FlagDefinition> = {}): FlagDefinition {
  return {
    key: 'checkout.new_flow',
    name: 'New checkout flow',
    type: 'boolean',
    valueType: 'boolean',
    defaultValue: false,
    enabled: true,
    targeting,
    ...fields,
  };
}

const alice: EvaluationContext = { tenantId: 'acme', userId: 'alice', plan: 'pro' };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe('evaluateFlag: evaluation order', () => {
  // Every rule of the order would match alice; each step removes the rule that won the previous one.
  const everything: FlagTargeting = {
    schedule: { start: '2025-01-01T00:00:00Z', end: '2026-01-01T00:00:00Z' },
    disabledTenants: ['acme'],
    enabledTenants: ['acme'],
    enabledPlans: ['pro'],
    enabledUsers: ['alice'],
    rollouts: [{ percentage: 100 }],
  };
  const overrides: FlagOverride[] = [
    { scope: 'user', userId: 'alice', value: true, variant: 'pinned' },
    { scope: 'tenant', tenantId: 'acme', value: true },
  ];

  it('1. an archived flag serves the default, whatever else matches', () => {
    const result = evaluateFlag(booleanFlag(everything, { archived: true }), alice, { now: NOW, overrides });
    expect(result).toEqual({ value: false, variant: null, reason: 'DISABLED', rule: 'archived' });
  });

  it('1. a disabled flag serves the default; a disabled kill switch says so', () => {
    expect(evaluateFlag(booleanFlag(everything, { enabled: false }), alice, { now: NOW, overrides })).toEqual({
      value: false,
      variant: null,
      reason: 'DISABLED',
      rule: 'disabled',
    });
    expect(evaluateFlag(booleanFlag(everything, { enabled: false, killSwitch: true }), alice, { now: NOW }).rule).toBe('kill_switch');
  });

  it('2. outside its schedule the flag serves the default, even over overrides', () => {
    const result = evaluateFlag(booleanFlag(everything), alice, { now: Date.parse('2026-02-01T00:00:00Z'), overrides });
    expect(result).toEqual({ value: false, variant: null, reason: 'DEFAULT', rule: 'schedule' });
  });

  it('3. a user override wins over the tenant override and all targeting', () => {
    const result = evaluateFlag(booleanFlag(everything), alice, { now: NOW, overrides });
    expect(result).toEqual({ value: true, variant: 'pinned', reason: 'TARGETING_MATCH', rule: 'user_override' });
  });

  it('4. a tenant override wins over the tenant lists', () => {
    const result = evaluateFlag(booleanFlag(everything), alice, { now: NOW, overrides: overrides.slice(1) });
    expect(result).toEqual({ value: true, variant: null, reason: 'TARGETING_MATCH', rule: 'tenant_override' });
  });

  it('5. a disabled tenant wins over enabled tenants, plans, users and rollouts', () => {
    const result = evaluateFlag(booleanFlag(everything), alice, { now: NOW });
    expect(result).toEqual({ value: false, variant: null, reason: 'TARGETING_MATCH', rule: 'disabled_tenant' });
  });

  it('6. then an enabled tenant, or a tenant on an enabled plan', () => {
    const { disabledTenants: _, ...rest } = everything;
    expect(evaluateFlag(booleanFlag(rest), alice, { now: NOW })).toEqual({
      value: true,
      variant: null,
      reason: 'TARGETING_MATCH',
      rule: 'enabled_tenant',
    });
    const { enabledTenants: __, ...plansOn } = rest;
    expect(evaluateFlag(booleanFlag(plansOn), alice, { now: NOW }).rule).toBe('enabled_plan');
  });

  it('7. then an enabled user', () => {
    const result = evaluateFlag(booleanFlag({ enabledUsers: ['alice'], rollouts: [{ percentage: 100 }] }), alice, { now: NOW });
    expect(result).toEqual({ value: true, variant: null, reason: 'TARGETING_MATCH', rule: 'enabled_user' });
  });

  it('8. then the rollout', () => {
    const result = evaluateFlag(booleanFlag({ enabledUsers: ['bob'], rollouts: [{ percentage: 100 }] }), alice, { now: NOW });
    expect(result).toEqual({ value: true, variant: null, reason: 'TARGETING_MATCH', rule: 'rollout', ruleIndex: 0 });
  });

  it('9. when on, the variant', () => {
    const flag = booleanFlag({
      enabledUsers: ['alice'],
      variants: { variants: [{ name: 'only', weight: 1, payload: { type: 'string', value: 'p' } }] },
    });
    expect(evaluateFlag(flag, alice, { now: NOW })).toEqual({
      value: true,
      variant: 'only',
      payload: { type: 'string', value: 'p' },
      reason: 'SPLIT',
      rule: 'enabled_user',
    });
  });

  it('10. targeting that matches nobody serves the default', () => {
    const result = evaluateFlag(booleanFlag({ enabledUsers: ['bob'], rollouts: [{ percentage: 0 }] }), alice, { now: NOW });
    expect(result).toEqual({ value: false, variant: null, reason: 'DEFAULT', rule: 'default' });
  });

  it('an enabled flag without enabling targeting is on for everyone (STATIC)', () => {
    expect(evaluateFlag(booleanFlag(), {}, { now: NOW })).toEqual({ value: true, variant: null, reason: 'STATIC', rule: 'everyone' });
    expect(evaluateFlag(booleanFlag({ disabledTenants: ['other'] }), alice, { now: NOW }).rule).toBe('everyone');
    const { targeting: _, ...withoutTargeting } = booleanFlag();
    expect(evaluateFlag(withoutTargeting, {}).reason).toBe('STATIC');
  });

  it('does not modify the flag, context or overrides', () => {
    const flag = deepFreeze(booleanFlag(everything));
    const context = deepFreeze({ ...alice });
    expect(() => evaluateFlag(flag, context, { now: NOW, overrides: deepFreeze([...overrides]) })).not.toThrow();
  });
});

describe('evaluateFlag: schedule', () => {
  const windowFlag = (schedule: FlagTargeting['schedule']): FlagDefinition => booleanFlag({ schedule }, { type: 'schedule' });

  it('is on in [start, end) and off outside; the in-window match names the schedule', () => {
    const flag = windowFlag({ start: '2025-12-24T00:00:00Z', end: '2025-12-27T00:00:00Z' });
    expect(evaluateFlag(flag, {}, { now: Date.parse('2025-12-23T23:59:59Z') }).value).toBe(false);
    expect(evaluateFlag(flag, {}, { now: Date.parse('2025-12-24T00:00:00Z') })).toEqual({
      value: true,
      variant: null,
      reason: 'TARGETING_MATCH',
      rule: 'schedule',
    });
    expect(evaluateFlag(flag, {}, { now: Date.parse('2025-12-27T00:00:00Z') }).value).toBe(false);
  });

  it('reads wall-clock bounds in the window time zone', () => {
    const flag = windowFlag({ start: '2025-11-28T00:00', end: '2025-11-29', timeZone: 'America/New_York' });
    // Midnight in New York is 05:00 UTC in November (EST).
    expect(evaluateFlag(flag, {}, { now: Date.parse('2025-11-28T04:59:59Z') }).value).toBe(false);
    expect(evaluateFlag(flag, {}, { now: Date.parse('2025-11-28T05:00:00Z') }).value).toBe(true);
    expect(evaluateFlag(flag, {}, { now: Date.parse('2025-11-29T04:59:59Z') }).value).toBe(true);
    expect(evaluateFlag(flag, {}, { now: Date.parse('2025-11-29T05:00:00Z') }).value).toBe(false);
  });

  it('handles daylight saving time in the window time zone', () => {
    const summer = windowFlag({ start: '2025-07-01T09:00', timeZone: 'Europe/Oslo' }); // CEST, UTC+2
    expect(evaluateFlag(summer, {}, { now: Date.parse('2025-07-01T06:59:59Z') }).value).toBe(false);
    expect(evaluateFlag(summer, {}, { now: Date.parse('2025-07-01T07:00:00Z') }).value).toBe(true);
  });

  it('an open bound is unbounded', () => {
    expect(evaluateFlag(windowFlag({ end: '2025-01-01T00:00:00Z' }), {}, { now: NOW }).value).toBe(false);
    expect(evaluateFlag(windowFlag({ start: '2025-01-01T00:00:00Z' }), {}, { now: NOW }).value).toBe(true);
  });

  it('an unknown time zone or unreadable date is an ERROR serving the default', () => {
    const badZone = evaluateFlag(windowFlag({ start: '2025-01-01T00:00', timeZone: 'Mars/Olympus' }), {}, { now: NOW });
    expect(badZone).toMatchObject({ value: false, reason: 'ERROR', rule: 'error', errorCode: 'PARSE_ERROR' });
    expect(badZone.errorMessage).toContain('Mars/Olympus');
    const badDate = evaluateFlag(windowFlag({ start: 'next tuesday' }), {}, { now: NOW });
    expect(badDate).toMatchObject({ reason: 'ERROR', errorCode: 'PARSE_ERROR' });
  });
});

describe('evaluateFlag: overrides', () => {
  const flag = booleanFlag({ enabledTenants: ['acme'] });

  it('an expired override no longer applies', () => {
    const expired: FlagOverride = { scope: 'user', userId: 'alice', value: false, expiresAt: '2025-06-01T11:59:59Z' };
    expect(evaluateFlag(flag, alice, { now: NOW, overrides: [expired] }).rule).toBe('enabled_tenant');
    const live: FlagOverride = { ...expired, expiresAt: new Date('2025-06-01T12:00:01Z') };
    expect(evaluateFlag(flag, alice, { now: NOW, overrides: [live] })).toMatchObject({ value: false, rule: 'user_override' });
  });

  it('an override with an unreadable expiry counts as expired', () => {
    const broken: FlagOverride = { scope: 'tenant', tenantId: 'acme', value: false, expiresAt: 'someday' };
    expect(evaluateFlag(flag, alice, { now: NOW, overrides: [broken] }).rule).toBe('enabled_tenant');
  });

  it("ignores another flag's overrides", () => {
    const other: FlagOverride = { flagKey: 'other.flag', scope: 'tenant', tenantId: 'acme', value: false };
    expect(evaluateFlag(flag, alice, { now: NOW, overrides: [other] }).rule).toBe('enabled_tenant');
  });

  it("a user override scoped to the user's tenant beats an unscoped one; another tenant's does not apply", () => {
    const overrides: FlagOverride[] = [
      { scope: 'user', userId: 'alice', value: false, variant: 'unscoped' },
      { scope: 'user', userId: 'alice', tenantId: 'globex', value: true, variant: 'globex' },
      { scope: 'user', userId: 'alice', tenantId: 'acme', value: true, variant: 'acme' },
    ];
    expect(evaluateFlag(flag, alice, { now: NOW, overrides }).variant).toBe('acme');
    expect(evaluateFlag(flag, { ...alice, tenantId: 'initech' }, { now: NOW, overrides }).variant).toBe('unscoped');
  });

  it("reports the named variant's payload", () => {
    const withVariants = booleanFlag({
      variants: { variants: [{ name: 'blue', weight: 1, payload: { type: 'json', value: '{"color":"blue"}' } }] },
    });
    const result = evaluateFlag(withVariants, alice, { now: NOW, overrides: [{ scope: 'tenant', tenantId: 'acme', value: true, variant: 'blue' }] });
    expect(result).toEqual({
      value: true,
      variant: 'blue',
      payload: { type: 'json', value: '{"color":"blue"}' },
      reason: 'TARGETING_MATCH',
      rule: 'tenant_override',
    });
  });

  it('an override value of the wrong type is an ERROR (TYPE_MISMATCH) serving the default', () => {
    const result = evaluateFlag(flag, alice, { now: NOW, overrides: [{ scope: 'user', userId: 'alice', value: 'yes' }] });
    expect(result).toMatchObject({ value: false, variant: null, reason: 'ERROR', rule: 'user_override', errorCode: 'TYPE_MISMATCH' });
  });
});

describe('evaluateFlag: tenant, plan and user lists', () => {
  it('match on the context tenant, plan and user only', () => {
    const flag = booleanFlag({ enabledTenants: ['acme'], enabledPlans: ['enterprise'], enabledUsers: ['bob'] }, { type: 'tenant_list' });
    expect(evaluateFlag(flag, { tenantId: 'acme' }).rule).toBe('enabled_tenant');
    expect(evaluateFlag(flag, { tenantId: 'globex', plan: 'enterprise' }).rule).toBe('enabled_plan');
    expect(evaluateFlag(flag, { tenantId: 'globex', userId: 'bob' }).rule).toBe('enabled_user');
    expect(evaluateFlag(flag, { tenantId: 'globex', userId: 'carol', plan: 'pro' })).toEqual({
      value: false,
      variant: null,
      reason: 'DEFAULT',
      rule: 'default',
    });
    expect(evaluateFlag(flag, {}).rule).toBe('default');
  });

  it('a disabled tenant is off even when listed as enabled', () => {
    const flag = booleanFlag({ disabledTenants: ['acme'], enabledTenants: ['acme'] });
    expect(evaluateFlag(flag, { tenantId: 'acme' }).value).toBe(false);
    expect(evaluateFlag(flag, { tenantId: 'globex' }).value).toBe(false);
  });
});

describe('evaluateFlag: percentage rollout', () => {
  const users = Array.from({ length: 20_000 }, (_, i) => `user-${i}`);
  const share = (flag: FlagDefinition, contexts: EvaluationContext[]): number =>
    contexts.filter((context) => evaluateFlag(flag, context).value === true).length / contexts.length;

  it('includes about the percentage of users, each on its Unleash bucket', () => {
    const flag = booleanFlag({ rollouts: [{ percentage: 25 }] }, { type: 'percentage' });
    expect(share(flag, users.map((userId) => ({ userId })))).toBeCloseTo(0.25, 1);
    for (const userId of users.slice(0, 500)) {
      const inRollout = normalizedHash(userId, 'checkout.new_flow', 100) <= 25;
      expect(evaluateFlag(flag, { userId }).value).toBe(inRollout);
    }
  });

  it('reports SPLIT below 100% and TARGETING_MATCH at 100%', () => {
    const userId = users.find((id) => normalizedHash(id, 'checkout.new_flow', 100) <= 10)!;
    expect(evaluateFlag(booleanFlag({ rollouts: [{ percentage: 10 }] }), { userId })).toEqual({
      value: true,
      variant: null,
      reason: 'SPLIT',
      rule: 'rollout',
      ruleIndex: 0,
    });
    expect(evaluateFlag(booleanFlag({ rollouts: [{ percentage: 100 }] }), { userId }).reason).toBe('TARGETING_MATCH');
  });

  it('raising the percentage keeps everyone already in', () => {
    const at = (percentage: number) => booleanFlag({ rollouts: [{ percentage }] });
    for (const userId of users.slice(0, 2000)) {
      if (evaluateFlag(at(10), { userId }).value) expect(evaluateFlag(at(25), { userId }).value).toBe(true);
    }
  });

  it('0% includes nobody; a context without the stickiness attribute is never in', () => {
    expect(share(booleanFlag({ rollouts: [{ percentage: 0 }] }), users.slice(0, 1000).map((userId) => ({ userId })))).toBe(0);
    expect(evaluateFlag(booleanFlag({ rollouts: [{ percentage: 100 }] }), { tenantId: 'acme' }).value).toBe(false);
  });

  it('tenantId stickiness rolls out whole tenants', () => {
    const flag = booleanFlag({ rollouts: [{ percentage: 50, stickiness: 'tenantId' }] });
    for (const tenantId of ['t1', 't2', 't3', 't4', 't5']) {
      const values = new Set(users.slice(0, 50).map((userId) => evaluateFlag(flag, { tenantId, userId }).value));
      expect(values.size).toBe(1);
    }
    expect(share(flag, users.map((id) => ({ tenantId: id })))).toBeCloseTo(0.5, 1);
  });

  it('any context property can be the stickiness, and a chain falls back in order', () => {
    const byDevice = booleanFlag({ rollouts: [{ percentage: 30, stickiness: 'deviceId' }] });
    expect(share(byDevice, users.map((id) => ({ properties: { deviceId: id } })))).toBeCloseTo(0.3, 1);
    const chain = booleanFlag({ rollouts: [{ percentage: 40, stickiness: ['userId', 'tenantId'] }] });
    const tenantOnly = evaluateFlag(chain, { tenantId: 'acme' }).value;
    expect(evaluateFlag(chain, { tenantId: 'acme', userId: 'x' }).value).toBe(normalizedHash('x', 'checkout.new_flow', 100) <= 40);
    expect(tenantOnly).toBe(normalizedHash('acme', 'checkout.new_flow', 100) <= 40);
  });

  it('random stickiness draws from the injected source', () => {
    const flag = booleanFlag({ rollouts: [{ percentage: 30, stickiness: 'random' }] });
    expect(evaluateFlag(flag, {}, { random: () => 0.29 }).value).toBe(true); // bucket 30
    expect(evaluateFlag(flag, {}, { random: () => 0.3 }).value).toBe(false); // bucket 31
  });

  it('flags sharing a groupId roll out to the same users', () => {
    const a = booleanFlag({ rollouts: [{ percentage: 20, groupId: 'checkout' }] }, { key: 'checkout.a' });
    const b = booleanFlag({ rollouts: [{ percentage: 20, groupId: 'checkout' }] }, { key: 'checkout.b' });
    const c = booleanFlag({ rollouts: [{ percentage: 20 }] }, { key: 'checkout.c' });
    const cohort = (flag: FlagDefinition) => users.slice(0, 2000).filter((userId) => evaluateFlag(flag, { userId }).value).join();
    expect(cohort(a)).toBe(cohort(b));
    expect(cohort(a)).not.toBe(cohort(c));
  });

  it('rules need their constraints; the first matching rule wins', () => {
    const flag = booleanFlag({
      rollouts: [
        { percentage: 0, constraints: [{ contextName: 'environment', operator: 'IN', values: ['production'] }] },
        { constraints: [{ contextName: 'environment', operator: 'IN', values: ['staging'] }] },
        { percentage: 100, constraints: [{ contextName: 'email', operator: 'STR_ENDS_WITH', values: ['@acme.com'] }] },
      ],
    });
    expect(evaluateFlag(flag, { userId: 'u', environment: 'production' }).value).toBe(false);
    expect(evaluateFlag(flag, { environment: 'staging' })).toMatchObject({ value: true, reason: 'TARGETING_MATCH', ruleIndex: 1 });
    expect(evaluateFlag(flag, { userId: 'u', properties: { email: 'u@acme.com' } })).toMatchObject({ value: true, ruleIndex: 2 });
    expect(evaluateFlag(flag, { userId: 'u', properties: { email: 'u@globex.com' } }).rule).toBe('default');
  });
});

describe('evaluateFlag: variants', () => {
  const checkoutFlow: FlagDefinition = {
    key: 'checkout.flow',
    name: 'Checkout flow',
    type: 'variant',
    valueType: 'string',
    defaultValue: 'v1',
    enabled: true,
    targeting: {
      variants: {
        variants: [
          { name: 'control', weight: 500, value: 'v1' },
          { name: 'treatment', weight: 500, value: 'v2', payload: { type: 'string', value: 'green-button' } },
          { name: 'retired', weight: 0, value: 'v0' },
        ],
      },
    },
  };

  it('splits by weight and serves the variant value (rule: variant, reason: SPLIT)', () => {
    const results = Array.from({ length: 10_000 }, (_, i) => evaluateFlag(checkoutFlow, { userId: `user-${i}` }));
    expect(new Set(results.map((result) => `${result.reason}/${result.rule}`))).toEqual(new Set(['SPLIT/variant']));
    expect(results.every((result) => result.value === (result.variant === 'control' ? 'v1' : 'v2'))).toBe(true);
    expect(results.some((result) => result.variant === 'retired')).toBe(false);
    const control = results.filter((result) => result.variant === 'control').length;
    expect(control / results.length).toBeCloseTo(0.5, 1);
  });

  it('picks the variant with the Unleash bucket (seed 86028157, modulo the weight sum)', () => {
    for (let i = 0; i < 200; i++) {
      const userId = `user-${i}`;
      const bucket = normalizedHash(userId, 'checkout.flow', 1000, 86028157);
      expect(evaluateFlag(checkoutFlow, { userId }).variant).toBe(bucket <= 500 ? 'control' : 'treatment');
    }
  });

  it('returns the payload with the variant', () => {
    const userId = Array.from({ length: 100 }, (_, i) => `user-${i}`).find((id) => evaluateFlag(checkoutFlow, { userId: id }).variant === 'treatment')!;
    expect(evaluateFlag(checkoutFlow, { userId })).toEqual({
      value: 'v2',
      variant: 'treatment',
      payload: { type: 'string', value: 'green-button' },
      reason: 'SPLIT',
      rule: 'variant',
    });
  });

  it('a variant override pins contexts (TARGETING_MATCH)', () => {
    const pinned: FlagDefinition = {
      ...checkoutFlow,
      targeting: {
        variants: {
          variants: [
            { name: 'control', weight: 500, value: 'v1' },
            { name: 'treatment', weight: 500, value: 'v2', overrides: [{ contextName: 'tenantId', values: ['acme'] }] },
          ],
        },
      },
    };
    for (let i = 0; i < 50; i++) {
      expect(evaluateFlag(pinned, { tenantId: 'acme', userId: `user-${i}` })).toMatchObject({
        variant: 'treatment',
        reason: 'TARGETING_MATCH',
      });
    }
  });

  it("a rollout rule's variants take precedence over the flag's", () => {
    const flag: FlagDefinition = {
      ...checkoutFlow,
      targeting: {
        ...checkoutFlow.targeting,
        rollouts: [{ percentage: 100, variants: { variants: [{ name: 'rule-only', weight: 1, value: 'v3' }] } }],
      },
    };
    expect(evaluateFlag(flag, { userId: 'u1' })).toMatchObject({ value: 'v3', variant: 'rule-only', reason: 'SPLIT', rule: 'rollout' });
  });

  it('variant stickiness can be the tenant', () => {
    const byTenant: FlagDefinition = {
      ...checkoutFlow,
      targeting: { variants: { ...checkoutFlow.targeting!.variants!, stickiness: 'tenantId' } },
    };
    const variants = new Set(Array.from({ length: 50 }, (_, i) => evaluateFlag(byTenant, { tenantId: 'acme', userId: `u${i}` }).variant));
    expect(variants.size).toBe(1);
  });

  it('without a stickiness value the variant bucket is random', () => {
    expect(evaluateFlag(checkoutFlow, {}, { random: () => 0 }).variant).toBe('control');
    expect(evaluateFlag(checkoutFlow, {}, { random: () => 0.99 }).variant).toBe('treatment');
  });

  it('variants with no weight are ignored: the enabled value is served', () => {
    const flag: FlagDefinition = { ...checkoutFlow, enabledValue: 'v9', targeting: { variants: { variants: [{ name: 'x', weight: 0, value: 'v0' }] } } };
    expect(evaluateFlag(flag, { userId: 'u' })).toEqual({ value: 'v9', variant: null, reason: 'STATIC', rule: 'everyone' });
  });

  it('when off, no variant is chosen', () => {
    expect(evaluateFlag({ ...checkoutFlow, enabled: false }, { userId: 'u' })).toEqual({
      value: 'v1',
      variant: null,
      reason: 'DISABLED',
      rule: 'disabled',
    });
  });

  it('a variant value of the wrong type is an ERROR (TYPE_MISMATCH)', () => {
    const flag: FlagDefinition = { ...checkoutFlow, targeting: { variants: { variants: [{ name: 'bad', weight: 1, value: 42 }] } } };
    expect(evaluateFlag(flag, { userId: 'u' })).toMatchObject({ value: 'v1', reason: 'ERROR', errorCode: 'TYPE_MISMATCH' });
  });
});

describe('evaluateFlag: value types', () => {
  it('serves the enabled value when on and the default value when off', () => {
    const limits: FlagDefinition = {
      key: 'api.rate_limit',
      name: 'API rate limit',
      type: 'tenant_list',
      valueType: 'number',
      defaultValue: 100,
      enabledValue: 1000,
      enabled: true,
      targeting: { enabledTenants: ['acme'] },
    };
    expect(evaluateFlag(limits, { tenantId: 'acme' }).value).toBe(1000);
    expect(evaluateFlag(limits, { tenantId: 'globex' }).value).toBe(100);

    const theme: FlagDefinition = {
      key: 'ui.theme',
      name: 'Theme',
      type: 'boolean',
      valueType: 'json',
      defaultValue: { mode: 'light' },
      enabledValue: { mode: 'dark', accent: [1, 2, 3] },
      enabled: true,
    };
    expect(evaluateFlag(theme, {}).value).toEqual({ mode: 'dark', accent: [1, 2, 3] });
  });

  it('a non-boolean flag without an enabled value serves its default when on', () => {
    const flag: FlagDefinition = { key: 'a.b', name: 'a', type: 'boolean', valueType: 'string', defaultValue: 'x', enabled: true };
    expect(evaluateFlag(flag, {})).toEqual({ value: 'x', variant: null, reason: 'STATIC', rule: 'everyone' });
  });
});

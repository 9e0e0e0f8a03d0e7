import { describe, expect, it } from 'vitest';
import { evaluateFlag, type FlagDefinition } from '../src/engine/index.ts';
import {
  contextFromUnleashContext,
  flagFromUnleashFeature,
  unleashVariantFromEvaluation,
  type UnleashFeature,
  type UnleashFeatureMapping,
} from '../src/unleash/index.ts';

function mapped(mapping: UnleashFeatureMapping): FlagDefinition {
  if ('unsupported' in mapping) throw new Error(mapping.unsupported);
  return mapping.flag;
}

describe('flagFromUnleashFeature', () => {
  it('maps strategies to rollout rules, in order', () => {
    const feature: UnleashFeature = {
      name: 'checkout.new_flow',
      enabled: true,
      strategies: [
        { name: 'userWithId', parameters: { userIds: 'a, b,c' } },
        { name: 'flexibleRollout', parameters: { rollout: '25', stickiness: 'tenantId', groupId: 'checkout' } },
        { name: 'gradualRolloutUserId', parameters: { percentage: '10' } },
        { name: 'remoteAddress', parameters: { IPs: '10.0.0.0/8, 127.0.0.1' } },
      ],
    };
    expect(mapped(flagFromUnleashFeature(feature))).toEqual({
      key: 'checkout.new_flow',
      name: 'checkout.new_flow',
      type: 'percentage',
      valueType: 'boolean',
      defaultValue: false,
      enabledValue: true,
      enabled: true,
      targeting: {
        rollouts: [
          { constraints: [{ contextName: 'userId', operator: 'IN', values: ['a', 'b', 'c'] }] },
          { percentage: 25, stickiness: 'tenantId', groupId: 'checkout' },
          { percentage: 10, stickiness: 'userId', groupId: '' },
          { constraints: [{ contextName: 'remoteAddress', operator: 'IN_CIDR', values: ['10.0.0.0/8', '127.0.0.1'] }] },
        ],
      },
    });
  });

  it("expands Unleash's default stickiness and defaults the groupId to the empty string, as unleash-client does", () => {
    const flag = mapped(flagFromUnleashFeature({ name: 'f', enabled: true, strategies: [{ name: 'flexibleRollout', parameters: { rollout: '50' } }] }));
    expect(flag.targeting?.rollouts?.[0]).toEqual({ percentage: 50, stickiness: ['userId', 'sessionId', 'random'], groupId: '' });
  });

  it('inlines segment constraints; a missing segment, an unknown operator or a disabled strategy matches nobody', () => {
    const segments = [{ id: 1, constraints: [{ contextName: 'plan', operator: 'IN', values: ['pro'] }] }];
    const withSegment = mapped(flagFromUnleashFeature({ name: 'f', enabled: true, strategies: [{ name: 'default', segments: [1] }] }, segments));
    expect(evaluateFlag(withSegment, { plan: 'pro' }).value).toBe(true);
    expect(evaluateFlag(withSegment, { plan: 'free' }).value).toBe(false);
    for (const strategy of [
      { name: 'default', segments: [404] },
      { name: 'default', constraints: [{ contextName: 'plan', operator: 'FUTURE_OPERATOR', values: ['pro'] }] },
      { name: 'default', disabled: true },
    ]) {
      const flag = mapped(flagFromUnleashFeature({ name: 'f', enabled: true, strategies: [strategy] }, segments));
      expect(evaluateFlag(flag, { plan: 'pro' }).value, JSON.stringify(strategy)).toBe(false);
    }
  });

  it('says why a feature is not expressible', () => {
    expect(flagFromUnleashFeature({ name: 'f', enabled: true, strategies: [{ name: 'applicationHostname', parameters: { hostNames: 'a' } }] })).toEqual({
      unsupported: 'strategy "applicationHostname" is not expressible in the model',
    });
  });

  it('maps REGEX constraints and dependencies', () => {
    const regex = mapped(
      flagFromUnleashFeature({ name: 'f', enabled: true, strategies: [{ name: 'default', constraints: [{ contextName: 'email', operator: 'REGEX', value: '@example\\.com$' }] }] }),
    );
    expect(evaluateFlag(regex, { properties: { email: 'a@example.com' } }).value).toBe(true);
    expect(evaluateFlag(regex, { properties: { email: 'a@example.org' } }).value).toBe(false);
    const dependent = mapped(
      flagFromUnleashFeature({ name: 'f', enabled: true, strategies: [], dependencies: [{ feature: 'parent', enabled: false }, { feature: 'p2', variants: ['v'] }] }),
    );
    expect(dependent.dependencies).toEqual([{ flag: 'parent', enabled: false }, { flag: 'p2', variants: ['v'] }]);
  });

  it('maps feature variants with stickiness, payloads and overrides', () => {
    const flag = mapped(
      flagFromUnleashFeature({
        name: 'f',
        enabled: true,
        strategies: [],
        variants: [
          { name: 'a', weight: 500, stickiness: 'tenantId', payload: { type: 'json', value: '{"x":1}' }, overrides: [{ contextName: 'userId', values: ['u1'] }] },
          { name: 'b', weight: 500, stickiness: 'tenantId' },
        ],
      }),
    );
    expect(flag.type).toBe('variant');
    expect(flag.targeting?.variants).toEqual({
      stickiness: 'tenantId',
      groupId: 'f',
      variants: [
        { name: 'a', weight: 500, payload: { type: 'json', value: '{"x":1}' }, overrides: [{ contextName: 'userId', values: ['u1'] }] },
        { name: 'b', weight: 500 },
      ],
    });
    expect(unleashVariantFromEvaluation(evaluateFlag(flag, { userId: 'u1' }))).toEqual({
      name: 'a',
      enabled: true,
      payload: { type: 'json', value: '{"x":1}' },
      feature_enabled: true,
    });
  });
});

describe('contextFromUnleashContext', () => {
  it('keeps standard fields and moves other top-level fields into properties', () => {
    expect(
      contextFromUnleashContext({
        userId: 'u',
        sessionId: 's',
        remoteAddress: '127.0.0.1',
        environment: 'production',
        appName: 'web',
        currentTime: '2025-01-01T00:00:00Z',
        properties: { country: 'no' },
        tenantId: 'acme',
      }),
    ).toEqual({
      userId: 'u',
      sessionId: 's',
      remoteAddress: '127.0.0.1',
      environment: 'production',
      appName: 'web',
      currentTime: '2025-01-01T00:00:00Z',
      properties: { country: 'no', tenantId: 'acme' },
    });
    expect(contextFromUnleashContext({})).toEqual({});
  });
});

import { InMemStorageProvider, Unleash } from 'unleash-client';
import { describe, expect, it } from 'vitest';
import { compileRegex, evaluateFlag, RegexSyntaxError, type FlagDefinition, type ParentLookup } from '../src/engine/index.ts';
import { contextFromUnleashContext, flagFromUnleashFeature, type UnleashFeature } from '../src/unleash/index.ts';

const flag = (overrides: Partial<FlagDefinition>): FlagDefinition => ({
  key: 'child',
  name: 'child',
  type: 'boolean',
  valueType: 'boolean',
  defaultValue: false,
  enabled: true,
  ...overrides,
});

describe('REGEX constraints (RE2, linear time)', () => {
  it('matches with find semantics and honours caseInsensitive', () => {
    const rule = (caseInsensitive: boolean): FlagDefinition =>
      flag({ targeting: { rollouts: [{ constraints: [{ contextName: 'email', operator: 'REGEX', value: '^[a-z]+@example\\.com$', caseInsensitive }] }] } });
    expect(evaluateFlag(rule(false), { properties: { email: 'ann@example.com' } }).value).toBe(true);
    expect(evaluateFlag(rule(false), { properties: { email: 'ANN@example.com' } }).value).toBe(false);
    expect(evaluateFlag(rule(true), { properties: { email: 'ANN@example.com' } }).value).toBe(true);
    expect(evaluateFlag(rule(false), {}).value).toBe(false);
  });

  it('refuses patterns RE2 cannot compile (backreferences, lookahead, broken syntax)', () => {
    for (const pattern of ['(a)\\1', '(?=a)b', '([a-z]', '*a']) {
      expect(() => compileRegex(pattern, false), pattern).toThrow(RegexSyntaxError);
    }
    expect(() => compileRegex('(a+)+$', false)).not.toThrow();
  });

  it('a catastrophic-backtracking pattern evaluates in bounded time', () => {
    // With a backtracking engine, (a+)+$ on 'aaaa…!' takes 2^n steps: n = 5,000 would never finish.
    const evil = flag({ targeting: { rollouts: [{ constraints: [{ contextName: 'input', operator: 'REGEX', value: '^(a+)+$' }] }] } });
    const input = `${'a'.repeat(5_000)}!`;
    const started = performance.now();
    const result = evaluateFlag(evil, { properties: { input } });
    const elapsed = performance.now() - started;
    expect(result.value).toBe(false);
    // A generous bound for a shared machine: linear matching of 5,000 characters takes milliseconds.
    expect(elapsed).toBeLessThan(2_000);
  });
});

describe('dependent flags', () => {
  const parent = flag({ key: 'parent', name: 'parent', targeting: { rollouts: [{ constraints: [{ contextName: 'plan', operator: 'IN', values: ['pro'] }] }] } });
  const variantParent = flag({
    key: 'vparent',
    name: 'vparent',
    targeting: { variants: { variants: [{ name: 'blue', weight: 1, overrides: [{ contextName: 'userId', values: ['u1'] }] }, { name: 'red', weight: 1, overrides: [{ contextName: 'userId', values: ['u2'] }] }] } },
  });
  const parents: ParentLookup = (key) => (key === 'parent' ? { flag: parent } : key === 'vparent' ? { flag: variantParent } : undefined);

  it('is on only when the parent is on for the same context', () => {
    const child = flag({ dependencies: [{ flag: 'parent' }] });
    expect(evaluateFlag(child, { plan: 'pro' }, { parents }).value).toBe(true);
    const off = evaluateFlag(child, { plan: 'free' }, { parents });
    expect(off).toMatchObject({ value: false, reason: 'DISABLED', rule: 'dependency' });
  });

  it('honours enabled: false, variant requirements, a missing parent and a parent with its own parents', () => {
    expect(evaluateFlag(flag({ dependencies: [{ flag: 'parent', enabled: false }] }), { plan: 'free' }, { parents }).value).toBe(true);
    expect(evaluateFlag(flag({ dependencies: [{ flag: 'parent', enabled: false }] }), { plan: 'pro' }, { parents }).value).toBe(false);
    const wantsBlue = flag({ dependencies: [{ flag: 'vparent', variants: ['blue'] }] });
    expect(evaluateFlag(wantsBlue, { userId: 'u1' }, { parents }).value).toBe(true);
    expect(evaluateFlag(wantsBlue, { userId: 'u2' }, { parents }).value).toBe(false);
    expect(evaluateFlag(flag({ dependencies: [{ flag: 'missing' }] }), {}, { parents }).value).toBe(false);
    expect(evaluateFlag(flag({ dependencies: [{ flag: 'parent' }] }), { plan: 'pro' }).value).toBe(false);
    const grandchild = flag({ dependencies: [{ flag: 'child' }] });
    const chained: ParentLookup = (key) => (key === 'child' ? { flag: flag({ dependencies: [{ flag: 'parent' }] }) } : parents(key));
    expect(evaluateFlag(grandchild, { plan: 'pro' }, { parents: chained }).value).toBe(false);
  });

  it("applies the parent's own overrides", () => {
    const child = flag({ dependencies: [{ flag: 'parent' }] });
    const withOverride: ParentLookup = () => ({ flag: parent, overrides: [{ scope: 'tenant', flagKey: 'parent', tenantId: 't1', value: true }] });
    expect(evaluateFlag(child, { tenantId: 't1', plan: 'free' }, { parents: withOverride }).value).toBe(true);
  });
});

describe('imported Unleash rollouts bucket as unleash-client does', () => {
  it('a flexibleRollout without groupId, and strategy variants without groupId, give unleash-client’s answers', async () => {
    const features: UnleashFeature[] = [
      { name: 'no.group', enabled: true, strategies: [{ name: 'flexibleRollout', parameters: { rollout: '37', stickiness: 'userId' } }] },
      { name: 'empty.group', enabled: true, strategies: [{ name: 'flexibleRollout', parameters: { rollout: '61', stickiness: 'default', groupId: '' } }] },
      {
        name: 'strategy.variants',
        enabled: true,
        strategies: [
          {
            name: 'flexibleRollout',
            parameters: { rollout: '100', stickiness: 'userId' },
            variants: [
              { name: 'a', weight: 300, stickiness: 'userId' },
              { name: 'b', weight: 700, stickiness: 'userId' },
            ],
          },
        ],
      },
    ];
    const unleash = new Unleash({
      url: 'http://127.0.0.1:9/api/',
      appName: 'group-id-check',
      refreshInterval: 0,
      disableMetrics: true,
      bootstrap: { data: features as never },
      storageProvider: new InMemStorageProvider(),
      skipInstanceCountWarning: true,
    });
    unleash.on('error', () => undefined);
    await new Promise<void>((resolve) => (unleash.isSynchronized() ? resolve() : unleash.once('ready', () => resolve())));
    try {
      const flags = new Map(features.map((feature) => {
        const mapping = flagFromUnleashFeature(feature);
        if ('unsupported' in mapping) throw new Error(mapping.unsupported);
        return [feature.name, mapping.flag] as const;
      }));
      let disagreements = 0;
      let onCount = 0;
      for (let i = 0; i < 4_000; i++) {
        const context = { userId: `user-${i}` };
        for (const feature of features) {
          const ours = evaluateFlag(flags.get(feature.name)!, contextFromUnleashContext(context));
          const theirsEnabled = unleash.isEnabled(feature.name, context);
          if ((ours.value === true) !== theirsEnabled) disagreements++;
          if (theirsEnabled) onCount++;
          if (feature.name === 'strategy.variants' && unleash.getVariant(feature.name, context).name !== ours.variant) disagreements++;
        }
      }
      expect(onCount).toBeGreaterThan(4_000);
      expect(disagreements).toBe(0);
    } finally {
      unleash.destroy();
    }
  });
});

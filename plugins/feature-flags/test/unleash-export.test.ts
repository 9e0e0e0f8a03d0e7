import { InMemStorageProvider, Unleash } from 'unleash-client';
import { describe, expect, it } from 'vitest';
import { evaluateFlag, type EvaluationContext, type FlagDefinition, type FlagOverride } from '../src/engine/index.ts';
import { unleashClientFeatures } from '../src/unleash/index.ts';

/**
 * The platform-wide export (a key bound to no tenant): tenant targeting stays as constraints on the
 * `tenantId`/`plan` context fields and every tenant's overrides are included. unleash-client, given
 * the export and a context with `tenantId`/`plan` in its properties, must answer as our engine does.
 */
const boolean = (key: string, extra: Partial<FlagDefinition>): FlagDefinition => ({ key, name: key, type: 'boolean', valueType: 'boolean', defaultValue: false, enabled: true, ...extra });

const FLAGS: FlagDefinition[] = [
  boolean('x.tenants', { targeting: { enabledTenants: ['t1'], disabledTenants: ['t2'], rollouts: [{ percentage: 50, stickiness: 'userId' }] } }),
  boolean('x.plans', { targeting: { enabledPlans: ['pro'], enabledUsers: ['u3'] } }),
  boolean('x.tenant_sticky', { targeting: { rollouts: [{ percentage: 50, stickiness: 'tenantId' }] } }),
  boolean('x.overridden', { targeting: { rollouts: [{ percentage: 30, stickiness: 'userId', constraints: [{ contextName: 'country', operator: 'IN', values: ['NO', 'SE'] }] }] } }),
  boolean('x.variants', { targeting: { variants: { variants: [{ name: 'a', weight: 250, payload: { type: 'string', value: 'A' } }, { name: 'b', weight: 750 }] } } }),
  boolean('x.child', { dependencies: [{ flag: 'x.tenants' }] }),
  boolean('x.disabled', { enabled: false }),
];

const OVERRIDES = new Map<string, Map<string, FlagOverride[]>>([
  [
    'x.overridden',
    new Map<string, FlagOverride[]>([
      ['t1', [{ scope: 'tenant', tenantId: 't1', flagKey: 'x.overridden', value: true }, { scope: 'user', tenantId: 't1', userId: 'u1', flagKey: 'x.overridden', value: false }]],
      ['t2', [{ scope: 'user', tenantId: 't2', userId: 'u2', flagKey: 'x.overridden', value: true, variant: 'special' }]],
      ['t3', [{ scope: 'tenant', tenantId: 't3', flagKey: 'x.overridden', value: false, expiresAt: '2000-01-01T00:00:00Z' }]],
    ]),
  ],
]);

describe('the Unleash export without a tenant', () => {
  it('gives unleash-client the engine’s answers for contexts naming tenant and plan in properties', async () => {
    const now = Date.now();
    const exported = unleashClientFeatures(FLAGS, (key) => OVERRIDES.get(key), { now });
    expect(exported.features.map((f) => f.name)).toEqual(FLAGS.map((f) => f.key).sort());
    const unleash = new Unleash({
      url: 'http://127.0.0.1:9/api/',
      appName: 'export-check',
      refreshInterval: 0,
      disableMetrics: true,
      bootstrap: { data: exported.features as never, segments: exported.segments as never },
      storageProvider: new InMemStorageProvider(),
      skipInstanceCountWarning: true,
    });
    unleash.on('error', () => undefined);
    await new Promise<void>((resolve) => (unleash.isSynchronized() ? resolve() : unleash.once('ready', () => resolve())));
    const byKey = new Map(FLAGS.map((flag) => [flag.key, flag]));
    const mismatches: string[] = [];
    try {
      for (const tenantId of ['t1', 't2', 't3', 't4']) {
        for (const plan of ['pro', 'free']) {
          for (let i = 0; i < 40; i++) {
            const userId = `u${i}`;
            const country = ['NO', 'US', 'SE'][i % 3];
            const ours: EvaluationContext = { tenantId, plan, userId, properties: { country } };
            const theirs = { userId, properties: { tenantId, plan, country } };
            for (const flag of FLAGS) {
              const overrides = OVERRIDES.get(flag.key)?.get(tenantId) ?? [];
              const result = evaluateFlag(flag, ours, { now, overrides, parents: (key) => (byKey.has(key) ? { flag: byKey.get(key)!, overrides: OVERRIDES.get(key)?.get(tenantId) } : undefined) });
              const enabled = unleash.isEnabled(flag.key, theirs);
              if (enabled !== (result.value === true)) mismatches.push(`${flag.key} ${tenantId}/${plan}/${userId}: unleash ${enabled}, engine ${JSON.stringify(result)}`);
              const variant = unleash.getVariant(flag.key, theirs).name;
              const expected = result.value === true ? result.variant ?? 'disabled' : 'disabled';
              if (variant !== expected) mismatches.push(`${flag.key} ${tenantId}/${plan}/${userId}: unleash variant ${variant}, engine ${expected}`);
            }
          }
        }
      }
    } finally {
      unleash.destroy();
    }
    expect(mismatches).toEqual([]);
  });
});

describe('the Unleash export for a tenant-bound key', () => {
  it('names no other tenant: tenant lists, constraints, overrides and tenant variant overrides are decided for the tenant', () => {
    const flags: FlagDefinition[] = [
      boolean('y.lists', { targeting: { enabledTenants: ['tenant-one', 'tenant-two'], disabledTenants: ['tenant-three'], rollouts: [{ percentage: 20, constraints: [{ contextName: 'tenantId', operator: 'NOT_IN', values: ['tenant-two'] }] }] } }),
      boolean('y.variants', { targeting: { variants: { variants: [{ name: 'a', weight: 500, overrides: [{ contextName: 'tenantId', values: ['tenant-one', 'tenant-two'] }] }, { name: 'b', weight: 500 }] } } }),
    ];
    const overrides = new Map([['y.lists', new Map<string, FlagOverride[]>([['tenant-two', [{ scope: 'tenant', tenantId: 'tenant-two', flagKey: 'y.lists', value: false }]]])]]);
    for (const tenantId of ['tenant-one', 'tenant-four']) {
      const exported = unleashClientFeatures(flags, (key) => overrides.get(key), { tenantId, now: Date.now() });
      const text = JSON.stringify(exported);
      for (const other of ['tenant-one', 'tenant-two', 'tenant-three', 'tenant-four']) expect(text.includes(other), `${tenantId} export names ${other}`).toBe(false);
      const variants = exported.features.find((f) => f.name === 'y.variants')!.variants!;
      expect(variants.map((v) => v.name)).toEqual(tenantId === 'tenant-one' ? ['a'] : ['a', 'b']);
    }
  });
});

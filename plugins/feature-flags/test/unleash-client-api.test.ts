import { InMemStorageProvider, Unleash, type Context } from 'unleash-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import featureFlags from '../src/index.ts';
import { createApiKey, createFlag, fakePlansPlugin, json, patchFlag } from './support/flag-test-kit.ts';

/**
 * The real unleash-client (npm) against a running kernel, `url: <base>/api/feature-flags/unleash`,
 * with a tenant-bound API key sent bare as Unleash SDKs send it. Over 16 contexts and every flag the
 * features endpoint exports (the seeded ones and one of each kind below), isEnabled/getVariant must
 * equal POST /api/feature-flags/evaluate with the same key and context.
 */
describe('Unleash Client API with the real unleash-client', () => {
  let t: TestKernel;
  let base: string;
  let key: string;
  let tenantA: string;
  let unleash: Unleash;
  const plans = new Map<string, string>();
  const hour = 3_600_000;

  const USERS = Array.from({ length: 16 }, (_, i) => `user-${i}`);
  const contexts: Context[] = USERS.map((userId, i) => ({
    userId,
    sessionId: `session-${i * 7}`,
    remoteAddress: `10.0.${i}.${i * 3}`,
    environment: i % 3 === 0 ? 'production' : 'staging',
    appName: 'unleash-e2e',
    properties: { email: i % 2 === 0 ? `${userId}@example.com` : `${userId}@other.org`, country: ['NO', 'US', 'DE', 'SE'][i % 4] },
  }));

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [fakePlansPlugin(plans), featureFlags] });
    tenantA = (await t.tenant('tenant-a')).id;
    const tenantB = (await t.tenant('tenant-b')).id;
    plans.set(tenantA, 'pro');
    plans.set(tenantB, 'free');

    const variants = (names: string[]) => names.map((name, i) => ({ name, weight: i === 0 ? 100 - Math.floor(100 / names.length) * (names.length - 1) : Math.floor(100 / names.length), payload: { type: 'string', value: `payload-${name}` } }));
    const flags: Record<string, unknown>[] = [
      { key: 'ue.on', enabled: true },
      { key: 'ue.off', enabled: false },
      { key: 'ue.killed', enabled: true, killSwitch: true },
      { key: 'ue.rollout_user', type: 'percentage', enabled: true, targeting: { rollouts: [{ percentage: 40, stickiness: 'userId' }] } },
      { key: 'ue.rollout_session', type: 'percentage', enabled: true, targeting: { rollouts: [{ percentage: 55, stickiness: 'sessionId', groupId: 'shared' }] } },
      { key: 'ue.rollout_default', type: 'percentage', enabled: true, targeting: { rollouts: [{ percentage: 50, stickiness: ['userId', 'sessionId', 'random'] }] } },
      { key: 'ue.rollout_tenant_in', type: 'percentage', enabled: true, targeting: { rollouts: [{ percentage: 100, stickiness: 'tenantId' }] } },
      { key: 'ue.tenants', type: 'tenant_list', enabled: true, targeting: { enabledTenants: ['tenant-a'] } },
      { key: 'ue.tenants_other', type: 'tenant_list', enabled: true, targeting: { enabledTenants: ['tenant-b'] } },
      { key: 'ue.tenant_disabled', type: 'percentage', enabled: true, targeting: { disabledTenants: ['tenant-a'], rollouts: [{ percentage: 100 }] } },
      { key: 'ue.plans', type: 'boolean', enabled: true, targeting: { enabledPlans: ['pro'] } },
      { key: 'ue.users', type: 'user_list', enabled: true, targeting: { enabledUsers: ['user-1', 'user-4', 'user-9'] } },
      { key: 'ue.schedule_now', type: 'schedule', enabled: true, targeting: { schedule: { start: new Date(Date.now() - hour).toISOString(), end: new Date(Date.now() + hour).toISOString() } } },
      { key: 'ue.schedule_past', type: 'schedule', enabled: true, targeting: { schedule: { end: new Date(Date.now() - hour).toISOString() } } },
      { key: 'ue.variants', type: 'variant', enabled: true, targeting: { variants: { variants: variants(['control', 'blue', 'green']).map((v, i) => (i === 1 ? { ...v, overrides: [{ contextName: 'userId', values: ['user-0'] }] } : v)) } } },
      {
        key: 'ue.constraints',
        type: 'percentage',
        enabled: true,
        targeting: {
          rollouts: [
            { percentage: 70, stickiness: 'userId', groupId: 'c', constraints: [{ contextName: 'environment', operator: 'IN', values: ['production'] }, { contextName: 'country', operator: 'NOT_IN', values: ['US'] }] },
            { constraints: [{ contextName: 'email', operator: 'REGEX', value: '^user-1[0-9]@', caseInsensitive: true }] },
            { percentage: 30, stickiness: 'userId', variants: { variants: variants(['x', 'y']) } },
          ],
        },
      },
      { key: 'ue.parent', type: 'percentage', enabled: true, targeting: { rollouts: [{ percentage: 60, stickiness: 'userId' }] } },
      { key: 'ue.child', type: 'boolean', enabled: true, dependencies: [{ flag: 'ue.parent' }] },
      { key: 'ue.child_of_off', type: 'boolean', enabled: true, dependencies: [{ flag: 'ue.parent', enabled: false }] },
      { key: 'ue.child_of_variant', type: 'boolean', enabled: true, dependencies: [{ flag: 'ue.variants', variants: ['blue', 'green'] }] },
      { key: 'ue.tenant_override', type: 'percentage', enabled: true, targeting: { rollouts: [{ percentage: 0 }] } },
      { key: 'ue.user_override', type: 'percentage', enabled: true, targeting: { rollouts: [{ percentage: 100 }] } },
    ];
    for (const flag of flags) await createFlag(t, flag);
    const kill = await t.inject({ method: 'POST', url: '/api/feature-flags/flags/ue.killed/kill', ...json({ reason: 'incident' }) });
    expect(kill.statusCode, kill.body).toBe(200);
    for (const override of [
      { flagKey: 'ue.tenant_override', scope: 'tenant', tenantId: tenantA, value: true },
      { flagKey: 'ue.user_override', scope: 'user', tenantId: tenantA, userId: 'user-2', value: false },
      { flagKey: 'ue.tenant_override', scope: 'user', tenantId: tenantA, userId: 'user-3', value: false },
      { flagKey: 'ue.user_override', scope: 'tenant', tenantId: tenantB, value: false },
    ]) {
      const res = await t.inject({ method: 'POST', url: '/api/feature-flags/overrides', ...json({ ...override, reason: 'test' }) });
      expect(res.statusCode, res.body).toBe(201);
    }

    key = await createApiKey(t, { name: 'unleash-sdk', permissions: ['flags.evaluate'], tenantId: tenantA, actOnBehalf: true });
    base = await t.kernel.listen();
    unleash = new Unleash({
      url: `${base}/api/feature-flags/unleash`,
      appName: 'unleash-e2e',
      customHeaders: { Authorization: key },
      refreshInterval: 250,
      metricsInterval: 300,
      metricsJitter: 0,
      storageProvider: new InMemStorageProvider(),
      skipInstanceCountWarning: true,
    });
    unleash.on('error', (error) => console.error('unleash-client error', error));
    await new Promise<void>((resolve) => unleash.once('synchronized', () => resolve()));
  }, 120_000);

  afterAll(async () => {
    unleash?.destroy();
    await t?.close();
  });

  async function evaluateAll(context: Context): Promise<Record<string, { value: unknown; variant: string | null }>> {
    const { properties, ...fields } = context;
    const res = await fetch(`${base}/api/feature-flags/evaluate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ context: { ...fields, properties } }),
    });
    expect(res.status).toBe(200);
    return (await res.json()).flags;
  }

  it('accepts the key sent bare and answers with an ETag, 304 on If-None-Match', async () => {
    const first = await fetch(`${base}/api/feature-flags/unleash/client/features`, { headers: { authorization: key } });
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    const body = await first.json();
    expect(body.version).toBe(2);
    expect(body.features.find((f: any) => f.name === 'ue.child').dependencies).toEqual([{ feature: 'ue.parent', enabled: true }]);
    expect(body.segments.length).toBeGreaterThan(0);
    const again = await fetch(`${base}/api/feature-flags/unleash/client/features`, { headers: { authorization: key, 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect((await fetch(`${base}/api/feature-flags/unleash/client/features`, { headers: { authorization: 'pk_not_a_key' } })).status).toBe(401);
    const noEvaluate = await createApiKey(t, { name: 'reader', permissions: ['flags.read'], tenantId: tenantA });
    expect((await fetch(`${base}/api/feature-flags/unleash/client/features`, { headers: { authorization: noEvaluate } })).status).toBe(403);
  });

  it('gives the same answers as POST /evaluate over 16 contexts and every exported flag', async () => {
    const exported = (await (await fetch(`${base}/api/feature-flags/unleash/client/features`, { headers: { authorization: key } })).json()).features.map((f: any) => f.name as string);
    const created = ['ue.on', 'ue.off', 'ue.killed', 'ue.rollout_user', 'ue.rollout_session', 'ue.rollout_default', 'ue.rollout_tenant_in', 'ue.tenants', 'ue.tenants_other', 'ue.tenant_disabled', 'ue.plans', 'ue.users', 'ue.schedule_now', 'ue.schedule_past', 'ue.variants', 'ue.constraints', 'ue.parent', 'ue.child', 'ue.child_of_off', 'ue.child_of_variant', 'ue.tenant_override', 'ue.user_override'];
    expect(exported).toEqual(expect.arrayContaining([...created, 'platform.maintenance_mode', 'checkout.new_flow', 'payments.wise_enabled', 'mcp.streaming_enabled', 'mcp.tools_v2']));
    expect(exported.length).toBeGreaterThanOrEqual(created.length + 14);

    const mismatches: string[] = [];
    let on = 0;
    for (const context of contexts) {
      const platform = await evaluateAll(context);
      for (const name of exported) {
        const expected = platform[name];
        const enabled = unleash.isEnabled(name, context);
        if (enabled) on++;
        if (enabled !== (expected.value === true)) mismatches.push(`${name} ${context.userId}: unleash ${enabled}, platform ${JSON.stringify(expected)}`);
        const variant = unleash.getVariant(name, context);
        const expectedVariant = expected.value === true ? expected.variant ?? 'disabled' : 'disabled';
        if (variant.name !== expectedVariant) mismatches.push(`${name} ${context.userId}: unleash variant ${variant.name}, platform ${expectedVariant}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(on).toBeGreaterThan(100);
    // The tenant's own view: its override, its plan and its lists apply; another tenant's do not.
    const probe = contexts[2];
    expect(unleash.isEnabled('ue.tenant_override', probe)).toBe(true);
    expect(unleash.isEnabled('ue.tenant_override', contexts[3])).toBe(false);
    expect(unleash.isEnabled('ue.user_override', probe)).toBe(false);
    expect(unleash.isEnabled('ue.user_override', contexts[5])).toBe(true);
    expect(unleash.isEnabled('ue.plans', probe)).toBe(true);
    expect(unleash.isEnabled('ue.tenants', probe)).toBe(true);
    expect(unleash.isEnabled('ue.tenants_other', probe)).toBe(false);
    expect(unleash.isEnabled('ue.killed', probe)).toBe(false);
  });

  it("shows a flag change on the client's next poll", async () => {
    expect(unleash.isEnabled('ue.on', contexts[0])).toBe(true);
    const changed = new Promise<void>((resolve) => unleash.once('changed', () => resolve()));
    await patchFlag(t, 'ue.on', { enabled: false });
    await changed;
    expect(unleash.isEnabled('ue.on', contexts[0])).toBe(false);
  });

  it("counts the SDK's metrics as use of the flag (stale report)", async () => {
    await createFlag(t, { key: 'ue.metrics_only', enabled: true });
    await new Promise<void>((resolve) => {
      const check = () => (unleash.getFeatureToggleDefinition('ue.metrics_only') ? resolve() : setTimeout(check, 50));
      check();
    });
    for (const context of contexts) unleash.isEnabled('ue.metrics_only', context);
    await new Promise<void>((resolve) => unleash.once('sent', () => resolve()));
    expect((await t.inject('/api/feature-flags/reports/stale')).statusCode).toBe(200);
    const rows = await t.sql<{ flag_key: string }>(`SELECT flag_key FROM feature_flag_usage WHERE flag_key = 'ue.metrics_only'`);
    expect(rows).toHaveLength(1);
  });
});

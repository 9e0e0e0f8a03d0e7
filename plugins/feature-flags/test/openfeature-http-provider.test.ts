import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenFeature } from '@openfeature/server-sdk';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import type { FlagClient } from '@platform/sdk/feature-flags';
import type { TenantInfo } from '@platform/sdk';
import featureFlags from '../src/index.ts';
import { HttpFlagClient, HttpFlagProvider } from '../src/openfeature/index.ts';
import { createApiKey, createFlag, flagClientProbe, json, patchFlag } from './support/flag-test-kit.ts';

/** fetch that records what it sent and what came back. */
function recordingFetch(log: { ifNoneMatch: string | null; status: number }[]): typeof fetch {
  return async (input, init) => {
    const res = await fetch(input, init);
    log.push({ ifNoneMatch: new Headers(init?.headers).get('if-none-match'), status: res.status });
    return res;
  };
}

describe('OpenFeature HTTP server provider against a real kernel', () => {
  let t: TestKernel;
  let base: string;
  let tenantA: TenantInfo;
  let tenantB: TenantInfo;
  const probe: { client: FlagClient | null } = { client: null };

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [featureFlags, flagClientProbe(probe)] });
    base = await t.kernel.listen();
    tenantA = await t.tenant('of-http-a');
    tenantB = await t.tenant('of-http-b');
    await createFlag(t, { key: 'ofh.rollout', type: 'percentage', enabled: true, targeting: { rollouts: [{ percentage: 50, stickiness: 'userId' }] } });
    await createFlag(t, {
      key: 'ofh.theme',
      type: 'variant',
      valueType: 'string',
      defaultValue: 'classic',
      enabled: true,
      targeting: { variants: { variants: [{ name: 'blue', weight: 50, value: 'blue' }, { name: 'green', weight: 50, value: 'green' }] } },
    });
    await createFlag(t, { key: 'ofh.b_only', type: 'tenant_list', enabled: true, targeting: { enabledTenants: [tenantB.id] } });
  });
  afterAll(async () => {
    await OpenFeature.close();
    await t?.close();
  });

  it('resolves values, variants, reasons and rules exactly as the in-process engine does', async () => {
    const edgeKey = await createApiKey(t, { name: 'edge', permissions: ['flags.evaluate'], actOnBehalf: true });
    await OpenFeature.setProviderAndWait('http', new HttpFlagProvider({ baseUrl: `${base}/`, apiKey: edgeKey }));
    const client = OpenFeature.getClient('http');
    const seen = new Set<string>();
    for (let i = 0; i < 16; i++) {
      const context = { targetingKey: `user-${i}`, tenantId: i % 2 ? tenantA.id : tenantB.id };
      for (const [key, details] of [
        ['ofh.rollout', await client.getBooleanDetails('ofh.rollout', false, context)],
        ['ofh.theme', await client.getStringDetails('ofh.theme', 'none', context)],
        ['ofh.b_only', await client.getBooleanDetails('ofh.b_only', false, context)],
      ] as const) {
        const engine = await probe.client!.evaluate(key, { userId: context.targetingKey, tenantId: context.tenantId });
        expect({ value: details.value, reason: details.reason, variant: details.variant ?? null, rule: details.flagMetadata.rule }, `${key} for user-${i}`).toEqual({
          value: engine.value,
          reason: engine.reason,
          variant: engine.variant,
          rule: engine.rule,
        });
        seen.add(`${key}=${String(details.value)}`);
      }
    }
    // The contexts cover both sides of each rule.
    expect([...seen].sort()).toEqual(['ofh.b_only=false', 'ofh.b_only=true', 'ofh.rollout=false', 'ofh.rollout=true', 'ofh.theme=blue', 'ofh.theme=green']);
    expect(await client.getBooleanDetails('ofh.missing', true)).toMatchObject({ value: true, reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' });
    expect(await client.getNumberDetails('ofh.theme', 7)).toMatchObject({ value: 7, reason: 'ERROR', errorCode: 'TYPE_MISMATCH' });
  });

  it('revalidates cached answers with If-None-Match and gets 304 until the flag changes', async () => {
    await createFlag(t, { key: 'ofh.etag', enabled: false });
    const keyA = await createApiKey(t, { name: 'tenant a service', permissions: ['flags.evaluate'], tenantId: tenantA.id });
    const log: { ifNoneMatch: string | null; status: number }[] = [];
    const client = new HttpFlagClient({ baseUrl: base, apiKey: keyA, fetch: recordingFetch(log) });

    expect(await client.evaluate('ofh.etag')).toMatchObject({ value: false, reason: 'DISABLED' });
    expect(await client.evaluate('ofh.etag')).toMatchObject({ value: false, reason: 'DISABLED' });
    expect(log).toEqual([
      { ifNoneMatch: null, status: 200 },
      { ifNoneMatch: expect.stringMatching(/^W\/"/), status: 304 },
    ]);

    await patchFlag(t, 'ofh.etag', { enabled: true });
    expect(await client.evaluate('ofh.etag')).toMatchObject({ value: true, reason: 'STATIC' });
    expect(log[2]).toEqual({ ifNoneMatch: log[1].ifNoneMatch, status: 200 });

    // Within maxAgeMs the cached answer is served without asking.
    const quiet: typeof log = [];
    const fresh = new HttpFlagClient({ baseUrl: base, apiKey: keyA, fetch: recordingFetch(quiet), maxAgeMs: 60_000 });
    await fresh.evaluate('ofh.etag');
    await fresh.evaluate('ofh.etag');
    expect(quiet).toHaveLength(1);
  });

  it("with tenant A's key, never sees tenant B's flags", async () => {
    const keyA = await createApiKey(t, { name: 'tenant a only', permissions: ['flags.evaluate'], tenantId: tenantA.id });
    const override = await t.inject({ method: 'POST', url: '/api/feature-flags/overrides', ...json({ flagKey: 'ofh.rollout', scope: 'tenant', tenantId: tenantB.id, value: true, reason: 'b pinned' }) });
    expect(override.statusCode, override.body).toBe(201);
    await OpenFeature.setProviderAndWait('tenant-a', new HttpFlagProvider({ baseUrl: base, apiKey: keyA }));
    const client = OpenFeature.getClient('tenant-a');

    // Evaluated as tenant A: B's tenant list and B's override do not apply.
    expect(await client.getBooleanDetails('ofh.b_only', false)).toMatchObject({ value: false, flagMetadata: { rule: 'default' } });
    expect((await client.getBooleanDetails('ofh.rollout', false)).flagMetadata.rule).not.toBe('tenant_override');
    // Asking as tenant B with A's key is refused: the caller's default, reason ERROR, INVALID_CONTEXT.
    const asB = await client.getBooleanDetails('ofh.b_only', false, { tenantId: tenantB.id });
    expect(asB).toMatchObject({ value: false, reason: 'ERROR', errorCode: 'INVALID_CONTEXT' });
    expect(asB.errorMessage).toMatch(/403 context_not_yours/);
    const asBySlug = await new HttpFlagClient({ baseUrl: base, apiKey: keyA }).evaluateAll({ tenantId: tenantB.slug }, ['ofh.b_only']);
    expect(asBySlug['ofh.b_only']).toMatchObject({ reason: 'ERROR', errorCode: 'INVALID_CONTEXT' });
  });

  it('turns an unreachable server or a bad key into the default value with reason ERROR', async () => {
    await OpenFeature.setProviderAndWait('broken', new HttpFlagProvider({ baseUrl: base, apiKey: 'pk_not_a_key' }));
    expect(await OpenFeature.getClient('broken').getBooleanDetails('ofh.rollout', true)).toMatchObject({ value: true, reason: 'ERROR', errorCode: 'GENERAL' });
    const closed = new HttpFlagClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'pk_x' });
    expect(await closed.evaluate('ofh.rollout')).toMatchObject({ reason: 'ERROR', errorCode: 'GENERAL' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenFeature, ProviderEvents, ProviderStatus, type EventDetails } from '@openfeature/web-sdk';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { endEventStreams, type TenantInfo } from '@platform/sdk';
import featureFlags from '../src/index.ts';
import { PlatformWebFlagProvider } from '../src/openfeature/web/index.ts';
import { createApiKey, createFlag, json, patchFlag } from './support/flag-test-kit.ts';

/** Resolves with the next event of that type from the web SDK's default client. */
function nextEvent(type: ProviderEvents, timeoutMs = 5000): Promise<EventDetails> {
  const client = OpenFeature.getClient();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} within ${timeoutMs} ms`)), timeoutMs);
    const handler = (details?: EventDetails) => {
      clearTimeout(timer);
      client.removeHandler(type, handler);
      resolve(details!);
    };
    client.addHandler(type, handler);
  });
}

const changedKeys = (details: EventDetails) => (details as { flagsChanged?: string[] }).flagsChanged ?? [];

describe('OpenFeature web provider over the real SSE stream', () => {
  let t: TestKernel;
  let base: string;
  let member: TestClient;
  let tenantB: TenantInfo;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [featureFlags] });
    base = await t.kernel.listen();
    member = await t.signIn({ role: 'tenant_member', tenant: 'of-web-a' });
    tenantB = await t.tenant('of-web-b');
    await createFlag(t, { key: 'ofw.banner', enabled: false });
    await createFlag(t, { key: 'ofw.b_only', type: 'tenant_list', enabled: true, targeting: { enabledTenants: [tenantB.id] } });
  });
  afterAll(async () => {
    await OpenFeature.close();
    await t?.close();
  });

  it('loads the flag set, then emits ConfigurationChanged when a flag changes on the server', async () => {
    const provider = new PlatformWebFlagProvider({ baseUrl: base, headers: { authorization: `Bearer ${member.token}` }, flags: ['ofw.banner', 'ofw.b_only'] });
    await OpenFeature.setProviderAndWait(provider);
    const client = OpenFeature.getClient();
    expect(client.providerStatus).toBe(ProviderStatus.READY);
    expect(client.getBooleanDetails('ofw.banner', true)).toMatchObject({ value: false, reason: 'DISABLED', flagMetadata: { rule: 'disabled' } });
    expect(client.getBooleanDetails('ofw.unknown', true)).toMatchObject({ value: true, reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' });

    const changed = nextEvent(ProviderEvents.ConfigurationChanged);
    await patchFlag(t, 'ofw.banner', { enabled: true });
    expect(changedKeys(await changed)).toEqual(['ofw.banner']);
    expect(client.getBooleanDetails('ofw.banner', false)).toMatchObject({ value: true, reason: 'STATIC' });
    expect(provider.version).toBeGreaterThan(0);
  });

  it('reconnects when the server ends the stream and keeps receiving changes', async () => {
    endEventStreams(t.kernel.app);
    const changed = nextEvent(ProviderEvents.ConfigurationChanged);
    await new Promise((resolve) => setTimeout(resolve, 1300)); // the stream's retry is 1 s
    await patchFlag(t, 'ofw.banner', { enabled: false });
    expect(changedKeys(await changed)).toEqual(['ofw.banner']);
    expect(OpenFeature.getClient().getBooleanValue('ofw.banner', true)).toBe(false);
  });

  it("with tenant A's key, never sees tenant B's flags", async () => {
    const keyA = await createApiKey(t, { name: 'tenant a web', permissions: ['flags.evaluate'], tenantId: member.tenant!.id });
    const provider = new PlatformWebFlagProvider({ baseUrl: base, apiKey: keyA });
    await OpenFeature.setProviderAndWait(provider);
    const client = OpenFeature.getClient();
    expect(client.getBooleanDetails('ofw.b_only', true)).toMatchObject({ value: false, flagMetadata: { rule: 'default' } });

    // A change only tenant B can see sends tenant A nothing.
    const events: EventDetails[] = [];
    const record = (details?: EventDetails) => void events.push(details!);
    client.addHandler(ProviderEvents.ConfigurationChanged, record);
    const override = await t.inject({ method: 'POST', url: '/api/feature-flags/overrides', ...json({ flagKey: 'ofw.banner', scope: 'tenant', tenantId: tenantB.id, value: true, reason: 'b only' }) });
    expect(override.statusCode, override.body).toBe(201);
    await new Promise((resolve) => setTimeout(resolve, 400));
    client.removeHandler(ProviderEvents.ConfigurationChanged, record);
    expect(events).toEqual([]);
    expect(client.getBooleanValue('ofw.banner', true)).toBe(false);

    // Subscribing as tenant B with A's key is refused (403 naming the field), not silently served.
    const asB = new PlatformWebFlagProvider({ baseUrl: base, apiKey: keyA });
    await expect(asB.initialize({ tenantId: tenantB.id })).rejects.toThrow(/403 context_not_yours/);
    await asB.onClose();
  });

  it('follows a context change by subscribing again', async () => {
    const staffKey = await createApiKey(t, { name: 'edge web', permissions: ['flags.evaluate'], actOnBehalf: true });
    await OpenFeature.setProviderAndWait(new PlatformWebFlagProvider({ baseUrl: base, apiKey: staffKey }));
    await OpenFeature.setContext({ tenantId: member.tenant!.id });
    expect(OpenFeature.getClient().getBooleanValue('ofw.b_only', true)).toBe(false);
    await OpenFeature.setContext({ tenantId: tenantB.id });
    expect(OpenFeature.getClient().getBooleanDetails('ofw.b_only', false)).toMatchObject({ value: true, flagMetadata: { rule: 'enabled_tenant' } });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { definePlugin, type PlatformRequest } from '@platform/sdk';
import { FLAG_CLIENT, getValue, isEnabled, type FlagClient } from '@platform/sdk/feature-flags';
import featureFlags from '../src/index.ts';
import { createApiKey, createFlag, fakePlansPlugin, injectAs, json } from './support/flag-test-kit.ts';

describe('feature-flags plugin: evaluation', () => {
  let t: TestKernel;
  let memberA: TestClient;
  let memberA2: TestClient;
  let memberB: TestClient;
  const plans = new Map<string, string>();
  const consumer: { client: FlagClient | null } = { client: null };

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [fakePlansPlugin(plans), featureFlags, flagConsumerPlugin(consumer)] });
    memberA = await t.signIn({ role: 'tenant_member', tenant: 'tenant-a' });
    memberA2 = await t.signIn({ role: 'tenant_member', tenant: 'tenant-a' });
    memberB = await t.signIn({ role: 'tenant_member', tenant: 'tenant-b' });
  });
  afterAll(async () => t?.close());

  const evaluate = (client: TestClient, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    client.inject({ method: 'POST', url: '/api/feature-flags/evaluate', payload: body, headers: { 'content-type': 'application/json', ...headers } });

  it('takes the user and the tenant from the authentication, never from the body', async () => {
    await createFlag(t, { key: 'eval.users', type: 'user_list', enabled: true, targeting: { enabledUsers: [memberA.userId] } });
    const mine = await evaluate(memberA, { flag: 'eval.users' });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ key: 'eval.users', value: true, enabled: true, reason: 'TARGETING_MATCH', rule: 'enabled_user' });
    expect((await evaluate(memberA2, { flag: 'eval.users' })).json()).toMatchObject({ value: false, reason: 'DEFAULT', rule: 'default' });

    // Claiming to be somebody else is refused, naming the field.
    const spoofUser = await evaluate(memberA2, { flag: 'eval.users', context: { userId: memberA.userId } });
    expect(spoofUser.statusCode).toBe(403);
    expect(spoofUser.json().field).toBe('context.userId');
    // ...and so is smuggling it in as a property.
    const spoofProperty = await evaluate(memberA2, { flag: 'eval.users', context: { properties: { userId: memberA.userId } } });
    expect(spoofProperty.json().value).toBe(false);

    await createFlag(t, { key: 'eval.tenants', type: 'tenant_list', enabled: true, targeting: { enabledTenants: [memberA.tenant!.id] } });
    expect((await evaluate(memberA, { flag: 'eval.tenants' })).json()).toMatchObject({ value: true, rule: 'enabled_tenant' });
    expect((await evaluate(memberB, { flag: 'eval.tenants' })).json()).toMatchObject({ value: false });
    const spoofTenant = await evaluate(memberB, { flag: 'eval.tenants', context: { tenantId: memberA.tenant!.id } });
    expect(spoofTenant.statusCode).toBe(403);
    expect(spoofTenant.json().field).toBe('context.tenantId');
  });

  it('honours a body tenant and user only from an API key allowed to act on behalf of others', async () => {
    const onBehalf = await createApiKey(t, { name: 'edge', permissions: ['flags.evaluate'], actOnBehalf: true });
    const plain = await createApiKey(t, { name: 'plain', permissions: ['flags.evaluate'] });
    const asA = await injectAs(t, onBehalf, { method: 'POST', url: '/api/feature-flags/evaluate', payload: { flags: ['eval.tenants', 'eval.users'], context: { tenantId: 'tenant-a', userId: memberA.userId } } });
    expect(asA.statusCode, asA.body).toBe(200);
    expect(asA.json().flags['eval.tenants'].value).toBe(true);
    expect(asA.json().flags['eval.users'].value).toBe(true);
    const unknown = await injectAs(t, onBehalf, { method: 'POST', url: '/api/feature-flags/evaluate', payload: { context: { tenantId: 'nope' } } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().field).toBe('context.tenantId');
    const refused = await injectAs(t, plain, { method: 'POST', url: '/api/feature-flags/evaluate', payload: { flag: 'eval.users', context: { userId: memberA.userId } } });
    expect(refused.statusCode).toBe(403);
  });

  it('evaluates many flags at once, reporting unknown keys as FLAG_NOT_FOUND', async () => {
    const all = await evaluate(memberA, {});
    expect(all.statusCode).toBe(200);
    expect(Object.keys(all.json().flags)).toEqual(expect.arrayContaining(['platform.maintenance_mode', 'eval.users']));
    const some = await evaluate(memberA, { flags: ['platform.new_tenant_signup', 'no.such_flag'] });
    expect(some.json().flags['platform.new_tenant_signup']).toMatchObject({ value: true, reason: 'STATIC' });
    expect(some.json().flags['no.such_flag']).toMatchObject({ reason: 'ERROR', errorCode: 'FLAG_NOT_FOUND' });
    const viaGet = await memberA.inject('/api/feature-flags/evaluate?flags=eval.users,eval.tenants');
    expect(viaGet.json().flags['eval.users'].value).toBe(true);
  });

  it('answers 304 to a matching If-None-Match and a new ETag after a change', async () => {
    const first = await evaluate(memberA, { flags: ['eval.tenants', 'eval.users'] });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    const again = await evaluate(memberA, { flags: ['eval.tenants', 'eval.users'] }, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const flag = (await t.inject('/api/feature-flags/flags/eval.users')).json();
    await t.inject({ method: 'PATCH', url: `/api/feature-flags/flags/${flag.id}`, ...json({ enabled: false, reason: 'etag test' }) });
    const changed = await evaluate(memberA, { flags: ['eval.tenants', 'eval.users'] }, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
  });

  it('kill switch: one call with a reason turns the flag off everywhere, audited; restore turns it back on', async () => {
    await createFlag(t, { key: 'eval.killme', enabled: true, killSwitch: true });
    expect((await evaluate(memberA, { flag: 'eval.killme' })).json().value).toBe(true);
    const noReason = await t.inject({ method: 'POST', url: '/api/feature-flags/flags/eval.killme/kill', ...json({}) });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().field).toBe('reason');
    const tenantAdmin = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-a' });
    expect((await tenantAdmin.inject({ method: 'POST', url: '/api/feature-flags/flags/eval.killme/kill', ...json({ reason: 'x' }) })).statusCode).toBe(403);

    const killed = await t.inject({ method: 'POST', url: '/api/feature-flags/flags/eval.killme/kill', ...json({ reason: 'payments failing' }) });
    expect(killed.statusCode, killed.body).toBe(200);
    expect(killed.json()).toMatchObject({ enabled: false, killedReason: 'payments failing' });
    expect((await evaluate(memberA, { flag: 'eval.killme' })).json()).toMatchObject({ value: false, reason: 'DISABLED', rule: 'kill_switch' });
    const audit = (await t.inject('/api/feature-flags/flags/eval.killme/audit')).json();
    expect(audit[0]).toMatchObject({ action: 'flag.killed', reason: 'payments failing' });

    const restored = await t.inject({ method: 'POST', url: '/api/feature-flags/flags/eval.killme/restore', ...json({ reason: 'fixed' }) });
    expect(restored.json()).toMatchObject({ enabled: true, killedAt: null });
    expect((await evaluate(memberA, { flag: 'eval.killme' })).json().value).toBe(true);
  });

  it('applies tenant and user overrides, which expire', async () => {
    await createFlag(t, { key: 'eval.overridden', enabled: true, type: 'percentage', targeting: { rollouts: [{ percentage: 0 }] } });
    const admin = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-a' });
    expect((await evaluate(memberA, { flag: 'eval.overridden' })).json().value).toBe(false);

    const past = await admin.inject({ method: 'POST', url: '/api/feature-flags/overrides', ...json({ flagKey: 'eval.overridden', scope: 'tenant', value: true, expiresAt: new Date(Date.now() - 1000).toISOString(), reason: 'x' }) });
    expect(past.statusCode).toBe(400);
    expect(past.json().field).toBe('expiresAt');
    const wrongType = await admin.inject({ method: 'POST', url: '/api/feature-flags/overrides', ...json({ flagKey: 'eval.overridden', scope: 'tenant', value: 'yes', reason: 'x' }) });
    expect(wrongType.json().field).toBe('value');

    const tenantOverride = await admin.inject({ method: 'POST', url: '/api/feature-flags/overrides', ...json({ flagKey: 'eval.overridden', scope: 'tenant', value: true, reason: 'beta tenant' }) });
    expect(tenantOverride.statusCode, tenantOverride.body).toBe(201);
    expect(tenantOverride.json().tenantId).toBe(memberA.tenant!.id);
    expect((await evaluate(memberA, { flag: 'eval.overridden' })).json()).toMatchObject({ value: true, rule: 'tenant_override' });
    expect((await evaluate(memberB, { flag: 'eval.overridden' })).json().value).toBe(false);

    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const userOverride = await admin.inject({ method: 'POST', url: '/api/feature-flags/overrides', ...json({ flagKey: 'eval.overridden', scope: 'user', userId: memberA2.userId, value: false, expiresAt, reason: 'opt out for a moment' }) });
    expect(userOverride.statusCode, userOverride.body).toBe(201);
    expect((await evaluate(memberA2, { flag: 'eval.overridden' })).json()).toMatchObject({ value: false, rule: 'user_override' });
    expect((await evaluate(memberA, { flag: 'eval.overridden' })).json().rule).toBe('tenant_override');

    await new Promise((resolve) => setTimeout(resolve, Date.parse(expiresAt) - Date.now() + 50));
    expect((await evaluate(memberA2, { flag: 'eval.overridden' })).json()).toMatchObject({ value: true, rule: 'tenant_override' });
    await t.kernel.services.jobs.runNow('feature-flags.expire-overrides');
    const remaining = (await admin.inject(`/api/feature-flags/overrides?filter=${encodeURIComponent(JSON.stringify({ flagKey: 'eval.overridden' }))}`)).json();
    expect(remaining.map((o: any) => o.scope)).toEqual(['tenant']);
    const expiredAudit = (await t.inject(`/api/feature-flags/audit?filter=${encodeURIComponent(JSON.stringify({ flagKey: 'eval.overridden', action: 'override.expired' }))}`)).json();
    expect(expiredAudit).toHaveLength(1);
  });

  it('isolates tenants: tenant A cannot read or change tenant B\'s overrides', async () => {
    await createFlag(t, { key: 'eval.isolated', enabled: true, targeting: { rollouts: [{ percentage: 0 }] } });
    const adminA = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-a' });
    const adminB = await t.signIn({ role: 'tenant_admin', tenant: 'tenant-b' });
    const created = await adminB.inject({ method: 'POST', url: '/api/feature-flags/overrides', ...json({ flagKey: 'eval.isolated', scope: 'tenant', value: true, reason: 'b only' }) });
    expect(created.statusCode, created.body).toBe(201);
    const idB = created.json().id;

    const listA = (await adminA.inject('/api/feature-flags/overrides?range=[0,99]')).json();
    expect(listA.map((o: any) => o.id)).not.toContain(idB);
    expect(listA.every((o: any) => o.tenantId === adminA.tenant!.id)).toBe(true);
    const crossFilter = await adminA.inject(`/api/feature-flags/overrides?filter=${encodeURIComponent(JSON.stringify({ tenantId: adminB.tenant!.id }))}`);
    expect(crossFilter.json()).toEqual([]);
    expect((await adminA.inject(`/api/feature-flags/overrides/${idB}`)).statusCode).toBe(404);
    expect((await adminA.inject({ method: 'PUT', url: `/api/feature-flags/overrides/${idB}`, ...json({ value: false, reason: 'hijack' }) })).statusCode).toBe(404);
    expect((await adminA.inject({ method: 'DELETE', url: `/api/feature-flags/overrides/${idB}?reason=hijack` })).statusCode).toBe(404);
    const intoB = await adminA.inject({ method: 'POST', url: '/api/feature-flags/overrides', ...json({ flagKey: 'eval.isolated', scope: 'tenant', tenantId: adminB.tenant!.id, value: false, reason: 'hijack' }) });
    expect(intoB.statusCode).toBe(403);
    expect(intoB.json().field).toBe('tenantId');
    // Tenant A's audit view does not show B's override changes either.
    const auditA = (await adminA.inject(`/api/feature-flags/audit?filter=${encodeURIComponent(JSON.stringify({ flagKey: 'eval.isolated' }))}`)).json();
    expect(auditA).toEqual([]);

    expect((await evaluate(memberB, { flag: 'eval.isolated' })).json().value).toBe(true);
    expect((await evaluate(memberA, { flag: 'eval.isolated' })).json().value).toBe(false);
    // Staff see both tenants' overrides across tenants.
    const all = (await t.inject(`/api/feature-flags/overrides?filter=${encodeURIComponent(JSON.stringify({ flagKey: 'eval.isolated' }))}`)).json();
    expect(all.map((o: any) => o.id)).toEqual([idB]);
  });

  it('targets plans through the optional entitlements service', async () => {
    plans.set(memberA.tenant!.id, 'pro');
    plans.set(memberB.tenant!.id, 'free');
    await createFlag(t, { key: 'eval.plans', enabled: true, targeting: { enabledPlans: ['pro'] } });
    expect((await evaluate(memberA, { flag: 'eval.plans' })).json()).toMatchObject({ value: true, rule: 'enabled_plan' });
    expect((await evaluate(memberB, { flag: 'eval.plans' })).json().value).toBe(false);
  });

  it('serves the SDK helpers isEnabled/getValue through the DI client, with the request\'s context', async () => {
    const client = consumer.client!;
    expect(await isEnabled(client, 'eval.tenants', { tenantId: memberA.tenant!.id })).toBe(true);
    expect(await isEnabled(client, 'eval.tenants', { tenantId: memberB.tenant!.id })).toBe(false);
    expect(await isEnabled(client, 'no.such_flag')).toBe(false);
    await createFlag(t, { key: 'eval.limit', valueType: 'number', defaultValue: 5, enabledValue: 50, enabled: true });
    expect(await getValue(client, 'eval.limit', {}, 1)).toBe(50);
    expect(await getValue(client, 'eval.limit', {}, 'wrong type')).toBe('wrong type');
    expect(await getValue(client, 'no.such_flag', {}, 7)).toBe(7);
    // From a route of another plugin: the request context carries the tenant.
    expect((await memberA.inject('/api/flag-consumer/check/eval.tenants')).json()).toEqual({ enabled: true });
    expect((await memberB.inject('/api/flag-consumer/check/eval.tenants')).json()).toEqual({ enabled: false });
    // The request-bound forms: isEnabled(key, req.ctx) and getValue(key, req.ctx, fallback).
    expect((await memberA.inject('/api/flag-consumer/by-request/eval.tenants')).json()).toEqual({ enabled: true, limit: 50 });
    expect((await memberB.inject('/api/flag-consumer/by-request/eval.tenants')).json()).toEqual({ enabled: false, limit: 50 });
  });
});

/** Another plugin using flags only through the SDK contract. */
function flagConsumerPlugin(holder: { client: FlagClient | null }) {
  return definePlugin({
    name: 'flag-consumer',
    version: '0.0.0',
    kernel: '^0.1.0',
    dependsOn: ['feature-flags'],
    boot(ctx) {
      const flags = ctx.resolve<FlagClient>(FLAG_CLIENT);
      holder.client = flags;
      ctx.routes.add({
        method: 'GET',
        url: '/check/:key',
        permission: 'flags.evaluate',
        tenantScoped: false,
        handler: async (req: PlatformRequest<{ Params: { key: string } }>) => ({ enabled: await isEnabled(flags, req.params.key, req.ctx) }),
      });
      ctx.routes.add({
        method: 'GET',
        url: '/by-request/:key',
        permission: 'flags.evaluate',
        tenantScoped: false,
        handler: async (req: PlatformRequest<{ Params: { key: string } }>) => ({
          enabled: await isEnabled(req.params.key, req.ctx),
          limit: await getValue('eval.limit', req.ctx, 1),
        }),
      });
    },
  });
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import featureFlags from '../src/index.ts';
import { TENANT_DEFAULT_FLAGS } from '../src/provisioning/tenant-default-flags.ts';

/** Provisioning a tenant seeds the default flag set as tenant overrides; a re-run adds nothing twice. */
describe('feature-flags: default flags of a new tenant', () => {
  let t: TestKernel;
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [featureFlags] });
  });
  afterAll(async () => t?.close());

  const createTenant = async (slug: string) => {
    const res = await t.inject({ method: 'POST', url: '/api/tenants', payload: { slug, name: slug } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('active');
    return res.json().id as string;
  };
  const overridesOf = (tenantId: string) =>
    t.sql<{ flag_key: string; value: unknown; reason: string }>("SELECT flag_key, value, reason FROM feature_flag_overrides WHERE tenant_id = $1 AND scope = 'tenant' ORDER BY flag_key", [tenantId]);

  it('creates the default overrides, recorded as a succeeded provisioning step, and serves them to the tenant', async () => {
    const tenantId = await createTenant('flags-defaults');
    const rows = await overridesOf(tenantId);
    expect(rows.map((r) => r.flag_key)).toEqual(TENANT_DEFAULT_FLAGS.map((d) => d.flagKey).sort());
    expect(rows.every((r) => r.value === true && r.reason.includes('provisioning'))).toBe(true);
    const steps = await t.sql<{ plugin: string; status: string }>('SELECT plugin, status FROM tenant_provisioning_steps WHERE tenant_id = $1', [tenantId]);
    expect(steps).toContainEqual({ plugin: 'feature-flags', status: 'succeeded' });
    const audit = await t.sql<{ n: number }>("SELECT count(*)::int AS n FROM audit WHERE tenant_id = $1 AND action = 'feature-flags.override.created'", [tenantId]);
    expect(audit[0].n).toBe(TENANT_DEFAULT_FLAGS.length);
    // Another tenant is untouched.
    const other = await t.sql<{ n: number }>("SELECT count(*)::int AS n FROM feature_flag_overrides WHERE tenant_id <> $1", [tenantId]);
    expect(other[0].n).toBe(0);
  });

  it('a re-run after a failure keeps what exists (an edited value included) and does not duplicate', async () => {
    const tenantId = await createTenant('flags-rerun');
    // The tenant admin turned one default off; then provisioning is re-run from the start.
    await t.sql("UPDATE feature_flag_overrides SET value = 'false'::jsonb WHERE tenant_id = $1 AND flag_key = 'admin.realtime_dashboard'", [tenantId]);
    await t.sql('DELETE FROM feature_flag_overrides WHERE tenant_id = $1 AND flag_key = $2', [tenantId, 'creators.self_service_onboarding']);
    await t.sql("UPDATE tenants SET status = 'provisioning' WHERE id = $1", [tenantId]);
    await t.sql('DELETE FROM tenant_provisioning_steps WHERE tenant_id = $1', [tenantId]);
    const rerun = await t.inject({ method: 'POST', url: `/api/tenants/${tenantId}/provision` });
    expect(rerun.statusCode, rerun.body).toBe(200);
    expect(rerun.json().status).toBe('active');
    expect(await overridesOf(tenantId)).toEqual([
      { flag_key: 'admin.realtime_dashboard', value: false, reason: expect.any(String) },
      { flag_key: 'creators.self_service_onboarding', value: true, reason: expect.any(String) },
    ]);
  });
});

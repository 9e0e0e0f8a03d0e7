import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin, type TenantInfo } from '@platform/sdk';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { expectProblem } from './support/http.ts';

/** A provisioning hook that throws leaves the tenant in `provisioning` naming the plugin; a re-run completes it. */
describe('tenant provisioning hooks', () => {
  const calls: string[] = [];
  let broken = true;
  const seedFirst = definePlugin({
    name: 'seed-first',
    version: '1.0.0',
    kernel: '^0.1.0',
    onTenantProvisioned: (_ctx, tenant: TenantInfo) => void calls.push(`seed-first:${tenant.slug}:${tenant.status}`),
  });
  const seedFlaky = definePlugin({
    name: 'seed-flaky',
    version: '1.0.0',
    kernel: '^0.1.0',
    dependsOn: ['seed-first'],
    async onTenantProvisioned(ctx, tenant) {
      calls.push(`seed-flaky:${tenant.slug}`);
      // A hook sees the platform through its own plugin context.
      expect(await ctx.tenants.get(tenant.id)).toMatchObject({ status: 'provisioning' });
      if (broken) throw new Error('the default rules could not be written');
    },
  });
  const notEnabled = definePlugin({
    name: 'seed-optional',
    version: '1.0.0',
    kernel: '^0.1.0',
    scope: 'tenant',
    defaultEnabled: false,
    onTenantProvisioned: () => void calls.push('seed-optional'),
  });
  let t: TestKernel;

  beforeAll(async () => {
    // Listed out of order on purpose: the kernel runs the hooks in dependency order.
    t = await createTestKernel({ plugins: [seedFlaky, notEnabled, seedFirst] });
  });
  afterAll(async () => t?.close());

  it('stops at the failing plugin, names it, and finishes on a re-run without repeating what succeeded', async () => {
    const created = await t.inject({ method: 'POST', url: '/api/tenants', payload: { slug: 'prov-a', name: 'Prov A' } });
    expect(created.statusCode, created.body).toBe(201);
    const tenant = created.json();
    expect(tenant.status).toBe('provisioning');
    expect(tenant.statusReason).toContain('"seed-flaky"');
    expect(tenant.statusReason).toContain('the default rules could not be written');
    expect(calls).toEqual(['seed-first:prov-a:provisioning', 'seed-flaky:prov-a']);

    const steps = (await t.inject(`/api/tenants/${tenant.id}/provisioning`)).json();
    expect(steps).toMatchObject({ status: 'provisioning', steps: expect.arrayContaining([expect.objectContaining({ plugin: 'seed-first', status: 'succeeded' }), expect.objectContaining({ plugin: 'seed-flaky', status: 'failed', error: 'the default rules could not be written' })]) });
    const failedAudit = await t.sql<{ action: string }>(`SELECT action FROM audit WHERE target_id = $1 AND action = 'tenant.provisioning_failed'`, [tenant.id]);
    expect(failedAudit).toHaveLength(1);

    // Still failing: still provisioning, the attempt counted.
    expect((await t.inject({ method: 'POST', url: `/api/tenants/${tenant.id}/provision` })).json().status).toBe('provisioning');
    broken = false;
    const rerun = await t.inject({ method: 'POST', url: `/api/tenants/${tenant.id}/provision` });
    expect(rerun.statusCode, rerun.body).toBe(200);
    expect(rerun.json()).toMatchObject({ status: 'active', statusReason: null });
    expect(rerun.json().provisioning).toEqual(
      expect.arrayContaining([expect.objectContaining({ plugin: 'seed-first', status: 'succeeded', attempts: 1 }), expect.objectContaining({ plugin: 'seed-flaky', status: 'succeeded', attempts: 3 })]),
    );
    expect(calls.filter((c) => c.startsWith('seed-first'))).toHaveLength(1);
    expect(calls).not.toContain('seed-optional');

    // Idempotent once active: nothing runs again.
    const before = calls.length;
    expect((await t.inject({ method: 'POST', url: `/api/tenants/${tenant.id}/provision` })).json().status).toBe('active');
    expect(calls.length).toBe(before);
  });

  it('creates an active tenant at once when every hook succeeds', async () => {
    broken = false;
    const created = await t.inject({ method: 'POST', url: '/api/tenants', payload: { slug: 'prov-b', name: 'Prov B' } });
    expect(created.json()).toMatchObject({ status: 'active' });
  });

  it('keeps the provisioning routes for staff', async () => {
    const admin = await t.signIn({ role: 'tenant_admin', tenant: 'prov-b' });
    expectProblem(await admin.inject({ method: 'POST', url: `/api/tenants/${admin.tenant!.id}/provision` }), 403);
    expectProblem(await admin.inject(`/api/tenants/${admin.tenant!.id}/provisioning`), 403);
    expectProblem(await t.inject(`/api/tenants/00000000-0000-4000-8000-000000000000/provisioning`), 404, 'tenant_not_found');
  });
});

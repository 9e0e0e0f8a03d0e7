import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestKernel } from '@platform/sdk/testing';
import { createOnboardingKernel, type OnboardingKernel } from './support/onboarding-kernel.ts';

/** Provisioning seeds a new tenant's console menu layout (kernel navigation overrides); a re-run keeps the tenant's edits. */
describe('onboarding: the menu layout of a new tenant', () => {
  let k: OnboardingKernel;
  let t: TestKernel;
  beforeAll(async () => {
    k = await createOnboardingKernel();
    t = k.t;
  });
  afterAll(async () => k?.close());

  const createTenant = async (slug: string) => {
    const res = await t.inject({ method: 'POST', url: '/api/tenants', payload: { slug, name: slug } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('active');
    return res.json().id as string;
  };
  const overridesOf = (tenantId: string) =>
    t.sql<{ item_id: string; hidden: boolean; order: number | null }>('SELECT item_id, hidden, "order" FROM nav_overrides WHERE tenant_id = $1 ORDER BY item_id', [tenantId]);

  it("puts the wizard first in the new tenant admin's menu, audited, and only for that tenant", async () => {
    const tenantId = await createTenant('nav-a');
    expect(await overridesOf(tenantId)).toEqual([{ item_id: 'onboarding.wizard', hidden: false, order: -1 }]);
    const admin = await t.signIn({ role: 'tenant_admin', tenant: 'nav-a' });
    const nav = (await admin.inject('/api/nav')).json() as { sections: { id: string; items: { id: string }[] }[] };
    expect(nav.sections[0].items.map((i) => i.id).slice(0, 2)).toEqual(['onboarding.wizard', 'kernel.dashboard']);
    const [audit] = await t.sql<{ n: number }>("SELECT count(*)::int AS n FROM audit WHERE tenant_id = $1 AND action = 'nav.override_saved'", [tenantId]);
    expect(audit.n).toBe(1);
    const steps = await t.sql<{ plugin: string; status: string }>('SELECT plugin, status FROM tenant_provisioning_steps WHERE tenant_id = $1', [tenantId]);
    expect(steps).toContainEqual({ plugin: 'onboarding', status: 'succeeded' });
    const other = await createTenant('nav-b');
    expect(await t.sql('SELECT item_id FROM nav_overrides WHERE tenant_id NOT IN ($1, $2)', [tenantId, other])).toEqual([]);
  });

  it("a re-run keeps the tenant's own edit and adds no second override", async () => {
    const tenantId = await createTenant('nav-rerun');
    await t.sql(`UPDATE nav_overrides SET "order" = 7 WHERE tenant_id = $1`, [tenantId]);
    await t.sql("UPDATE tenants SET status = 'provisioning' WHERE id = $1", [tenantId]);
    await t.sql('DELETE FROM tenant_provisioning_steps WHERE tenant_id = $1', [tenantId]);
    const rerun = await t.inject({ method: 'POST', url: `/api/tenants/${tenantId}/provision` });
    expect(rerun.statusCode, rerun.body).toBe(200);
    expect(rerun.json().status).toBe('active');
    expect(await overridesOf(tenantId)).toEqual([{ item_id: 'onboarding.wizard', hidden: false, order: 7 }]);
  });

  it('follows the setting tenantNavLayout, skipping items no installed plugin contributes', async () => {
    const set = await t.inject({ method: 'PUT', url: '/api/plugins/onboarding/settings', payload: { tenantNavLayout: [{ itemId: 'nope.not-installed', hidden: true }, { itemId: 'kernel.audit', hidden: true }, { itemId: 'onboarding.wizard', label: 'Start here' }] } });
    expect(set.statusCode, set.body).toBe(200);
    const tenantId = await createTenant('nav-configured');
    expect(await overridesOf(tenantId)).toEqual([
      { item_id: 'kernel.audit', hidden: true, order: null },
      { item_id: 'onboarding.wizard', hidden: false, order: null },
    ]);
    expect(await t.sql("SELECT label FROM nav_overrides WHERE tenant_id = $1 AND item_id = 'onboarding.wizard'", [tenantId])).toEqual([{ label: 'Start here' }]);
    const bad = await t.inject({ method: 'PUT', url: '/api/plugins/onboarding/settings', payload: { tenantNavLayout: [{ itemId: 'kernel.audit', hidden: 'yes' }] } });
    expect(bad.statusCode).toBe(400);
  });
});

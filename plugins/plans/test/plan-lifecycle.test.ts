import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { resolved, shopFixture } from './support/shop-fixture-plugin.ts';
import { createPlan, inTenant, outboxEvents } from './support/plans-api.ts';

const DAY = 86_400_000;

describe('plan lifecycle: default plan for new tenants, trials, governance', () => {
  let t: TestKernel;
  let trial: any;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [plans, shopFixture] });
  });
  afterAll(async () => t?.close());

  const assignmentsOf = (tenantId: string) =>
    t.sql<any>('SELECT plan_id::text, trial_ends_at, trial_ended_at, effective_to, reason, assigned_by FROM plans_assignments WHERE tenant_id = $1 ORDER BY effective_from', [tenantId]);

  it('without a default plan a new tenant has no plan and the governance default limits apply', async () => {
    const put = await t.inject({ method: 'PUT', url: '/api/plans/governance', payload: { defaultQuotas: { stores: 1 } } });
    expect(put.statusCode, put.body).toBe(200);
    const tenant = await t.tenant('planless');
    await t.kernel.services.events.drain();
    expect(await assignmentsOf(tenant.id)).toEqual([]);
    const current = (await inTenant(t, tenant.id, { url: '/api/plans/current' })).json();
    expect(current).toMatchObject({ plan: null, assignment: null, defaultQuotas: { stores: 1 } });
    expect(await resolved.entitlements!.check(tenant.id, 'stores', 2)).toMatchObject({ allowed: false, limit: 1, plan: null });
  });

  it('a new tenant is on the default plan (with its trial) when it becomes active: the provisioning hook assigns it', async () => {
    trial = await createPlan(t, { key: 'trial-plan', name: 'Growth', priceAmount: 2900, trialDays: 14, quotas: { stores: 3 }, isDefault: true });
    const tenant = await t.tenant('fresh');
    expect(tenant.status).toBe('active');
    expect(await assignmentsOf(tenant.id)).toHaveLength(1); // before tenant.created is delivered
    const steps = await t.sql<{ plugin: string; status: string }>('SELECT plugin, status FROM tenant_provisioning_steps WHERE tenant_id = $1', [tenant.id]);
    expect(steps).toEqual([{ plugin: 'plans', status: 'succeeded' }]);
    await t.kernel.services.events.drain(); // the durable subscriber finds it assigned and does nothing
    const [a] = await assignmentsOf(tenant.id);
    expect(a).toMatchObject({ plan_id: trial.id, effective_to: null, assigned_by: 'system', trial_ended_at: null });
    expect(new Date(a.trial_ends_at).getTime()).toBeGreaterThan(Date.now() + 13.9 * DAY);
    const assigned = (await outboxEvents(t, 'plan.assigned')).filter((e) => e.tenantId === tenant.id);
    expect(assigned).toHaveLength(1);
    expect(assigned[0]).toMatchObject({ planKey: 'trial-plan', previousPlanId: null, assignedBy: 'system' });
    const current = (await inTenant(t, tenant.id, { url: '/api/plans/current' })).json();
    expect(current).toMatchObject({ plan: { key: 'trial-plan' }, inTrial: true });
  });

  it('assigning the default plan is idempotent (a redelivered tenant.created does nothing)', async () => {
    const tenant = await t.tenant('fresh');
    const em = t.kernel.orm.em.fork();
    await em.transactional((tem) => t.kernel.services.events.emitDurable(tem, 'tenant.created', { tenantId: tenant.id, slug: 'fresh' }));
    await t.kernel.services.events.drain();
    expect(await assignmentsOf(tenant.id)).toHaveLength(1);
  });

  it('a trial that is over ends with plan.trial_ended, once', async () => {
    const tenant = await t.tenant('fresh');
    await t.sql("UPDATE plans_assignments SET trial_ends_at = now() - interval '1 minute' WHERE tenant_id = $1", [tenant.id]);
    await t.kernel.services.jobs.runNow('plans.end-trials');
    await t.kernel.services.jobs.runNow('plans.end-trials');
    const ended = (await outboxEvents(t, 'plan.trial_ended')).filter((e) => e.tenantId === tenant.id);
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ planId: trial.id, planKey: 'trial-plan' });
    const [a] = await assignmentsOf(tenant.id);
    expect(a.trial_ended_at).not.toBeNull();
    expect((await inTenant(t, tenant.id, { url: '/api/plans/current' })).json().inTrial).toBe(false);
    const audit = (await t.inject(`/api/audit?filter=${encodeURIComponent(JSON.stringify({ action: 'plans.trial_ended' }))}`)).json();
    expect(audit.some((e: any) => e.tenantId === tenant.id)).toBe(true);
  });

  it('a trial carried over by a plan change mid-trial does not end twice', async () => {
    const tenant = await t.tenant('switcher');
    await t.kernel.services.events.drain();
    const other = await createPlan(t, { key: 'other', priceAmount: 5000, trialDays: 30 });
    const res = await inTenant(t, tenant.id, { method: 'POST', url: '/api/plans/change', payload: { planId: other.id, reason: 'wants more' } });
    expect(res.statusCode, res.body).toBe(201);
    const rows = await assignmentsOf(tenant.id);
    expect(rows).toHaveLength(2);
    expect(new Date(rows[1].trial_ends_at).getTime()).toBe(new Date(rows[0].trial_ends_at).getTime()); // trial carried over, not restarted
    expect(res.json().proration).toMatchObject({ credit: 0, charge: 0 }); // nothing paid during a trial
    // 30 days later: move the whole history back (the closed row first, so rows never overlap on the way)
    for (const which of ['effective_to IS NOT NULL', 'effective_to IS NULL'])
      await t.sql(
        `UPDATE plans_assignments SET effective_from = effective_from - interval '30 days', effective_to = effective_to - interval '30 days',
                billing_anchor = billing_anchor - interval '30 days', trial_ends_at = trial_ends_at - interval '30 days'
          WHERE tenant_id = $1 AND ${which}`,
        [tenant.id],
      );
    await t.kernel.services.jobs.runNow('plans.end-trials');
    const ended = (await outboxEvents(t, 'plan.trial_ended')).filter((e) => e.tenantId === tenant.id);
    expect(ended.map((e) => e.planKey)).toEqual(['other']);
  });

  it('governance caps the number of tenants in a trial', async () => {
    const inTrial = (await t.inject('/api/plans/governance')).json().tenantsInTrial;
    await t.inject({ method: 'PUT', url: '/api/plans/governance', payload: { maxTrialTenants: inTrial } });
    const tenant = await t.tenant('no-trial-left');
    await t.kernel.services.events.drain();
    const [a] = await assignmentsOf(tenant.id);
    expect(a).toMatchObject({ plan_id: trial.id, trial_ends_at: null });
    const governance = (await t.inject('/api/plans/governance')).json();
    expect(governance).toMatchObject({ maxTrialTenants: inTrial, defaultPlan: { key: 'trial-plan' }, tenantsInTrial: inTrial });
  });

  it('governance sets the default plan (one at a time)', async () => {
    const basic = await createPlan(t, { key: 'basic-default' });
    const res = await t.inject({ method: 'PUT', url: '/api/plans/governance', payload: { defaultPlanId: basic.id } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().defaultPlan.key).toBe('basic-default');
    const defaults = await t.sql<{ key: string }>('SELECT key FROM plans_plans WHERE is_default');
    expect(defaults.map((d) => d.key)).toEqual(['basic-default']);
    const audit = (await t.inject(`/api/audit?filter=${encodeURIComponent(JSON.stringify({ action: 'plans.governance.updated' }))}`)).json();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });
});

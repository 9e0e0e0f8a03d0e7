import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { createPlan, inTenant } from './support/plans-api.ts';

/** Bad input gets a 400 problem+json that names the field. */
describe('bad input', () => {
  let t: TestKernel;
  let tenantId: string;
  let basic: any;
  let pro: any;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [plans] });
    basic = await createPlan(t, { key: 'basic', priceAmount: 1000, quotas: { stores: 1 }, isDefault: true });
    pro = await createPlan(t, { key: 'pro', priceAmount: 5000, quotas: { stores: 5 } });
    tenantId = (await t.tenant('careful')).id;
    await t.kernel.services.events.drain();
  });
  afterAll(async () => t?.close());

  const expect400 = (res: { statusCode: number; body: string; headers: Record<string, unknown>; json(): any }, field: string) => {
    expect(res.statusCode, res.body).toBe(400);
    expect(String(res.headers['content-type'])).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'validation_failed', field });
  };
  const newPlan = (over: Record<string, unknown>) =>
    t.inject({ method: 'POST', url: '/api/plans/plans', payload: { key: 'x', name: 'X', priceAmount: 0, currency: 'USD', interval: 'monthly', ...over } });

  it('a negative quota', async () => {
    expect400(await newPlan({ quotas: { 'sms.monthly': -5 } }), 'quotas.sms.monthly');
    expect400(await t.inject({ method: 'PUT', url: `/api/plans/plans/${pro.id}`, payload: { quotas: { stores: -1 } } }), 'quotas.stores');
    expect400(await t.inject({ method: 'PUT', url: '/api/plans/governance', payload: { defaultQuotas: { seats: -2 } } }), 'defaultQuotas.seats');
  });

  it('an unknown meter', async () => {
    expect400(await newPlan({ quotas: { teleports: 3 } }), 'quotas.teleports');
    expect400(await newPlan({ quotas: { seats: 3 }, limitTypes: { warp: 'soft' } }), 'limitTypes.warp');
    expect400(await inTenant(t, tenantId, { method: 'POST', url: '/api/plans/usage', payload: { meter: 'teleports', quantity: 1 } }), 'meter');
    expect400(await inTenant(t, tenantId, { url: '/api/plans/usage/series?meter=teleports' }), 'meter');
  });

  it('other plan fields: a negative price, a bad currency or interval, a bad limit type, an unknown field', async () => {
    expect400(await newPlan({ priceAmount: -1 }), 'priceAmount');
    expect400(await newPlan({ currency: 'usd' }), 'currency');
    expect400(await newPlan({ interval: 'weekly' }), 'interval');
    expect400(await newPlan({ quotas: { seats: 2 }, limitTypes: { seats: 'squishy' } }), 'limitTypes.seats');
    expect400(await newPlan({ archived: true, isDefault: true }), 'isDefault');
    expect400(await newPlan({ colour: 'blue' }), 'colour');
  });

  it('a change to an archived plan', async () => {
    const legacy = await createPlan(t, { key: 'legacy', priceAmount: 500 });
    const archived = await t.inject({ method: 'POST', url: `/api/plans/plans/${legacy.id}/archive`, payload: { reason: 'retired' } });
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json().archived).toBe(true);
    expect400(await inTenant(t, tenantId, { method: 'POST', url: '/api/plans/change', payload: { planId: legacy.id, reason: 'cheap' } }), 'planId');
    expect400(await inTenant(t, tenantId, { method: 'POST', url: '/api/plans/change/preview', payload: { planId: legacy.id } }), 'planId');
  });

  it('overlapping effective dates', async () => {
    const [current] = await t.sql<{ effective_from: Date }>('SELECT effective_from FROM plans_assignments WHERE tenant_id = $1 AND effective_to IS NULL', [tenantId]);
    const before = new Date(new Date(current.effective_from).getTime() - 86_400_000).toISOString();
    expect400(await inTenant(t, tenantId, { method: 'POST', url: '/api/plans/change', payload: { planId: pro.id, reason: 'backdated', effectiveFrom: before } }), 'effectiveFrom');
    expect400(await inTenant(t, tenantId, { method: 'POST', url: '/api/plans/change', payload: { planId: pro.id, reason: 'x', effectiveFrom: 'next tuesday' } }), 'effectiveFrom');
  });

  it('the database itself refuses overlapping assignments', async () => {
    const [open] = await t.sql<{ plan_id: string; effective_from: Date }>('SELECT plan_id::text, effective_from FROM plans_assignments WHERE tenant_id = $1 AND effective_to IS NULL', [tenantId]);
    await expect(
      t.sql(
        `INSERT INTO plans_assignments (id, tenant_id, plan_id, effective_from, effective_to, billing_anchor, reason)
         VALUES (gen_random_uuid(), $1, $2, $3::timestamptz - interval '1 day', $3::timestamptz + interval '1 day', now(), 'sneaky')`,
        [tenantId, open.plan_id, new Date(open.effective_from).toISOString()],
      ),
    ).rejects.toThrow(/overlaps/);
  });

  it('a plan change without a reason, to the same plan, or to an unknown plan', async () => {
    expect400(await inTenant(t, tenantId, { method: 'POST', url: '/api/plans/change', payload: { planId: pro.id } }), 'reason');
    expect400(await inTenant(t, tenantId, { method: 'POST', url: '/api/plans/change', payload: { planId: pro.id, reason: '   ' } }), 'reason');
    expect400(await inTenant(t, tenantId, { method: 'POST', url: '/api/plans/change', payload: { planId: basic.id, reason: 'again' } }), 'planId');
    expect400(await inTenant(t, tenantId, { method: 'POST', url: '/api/plans/change', payload: { planId: '00000000-0000-4000-8000-000000000000', reason: 'ghost' } }), 'planId');
  });

  it('a plan in another currency cannot be prorated against the current one', async () => {
    const euro = await createPlan(t, { key: 'euro', priceAmount: 900, currency: 'EUR' });
    expect400(await inTenant(t, tenantId, { method: 'POST', url: '/api/plans/change/preview', payload: { planId: euro.id } }), 'planId');
  });

  it('usage with a bad quantity or date', async () => {
    expect400(await inTenant(t, tenantId, { method: 'POST', url: '/api/plans/usage', payload: { meter: 'sms.monthly', quantity: -3 } }), 'quantity');
    expect400(await inTenant(t, tenantId, { method: 'POST', url: '/api/plans/usage', payload: { meter: 'sms.monthly', quantity: 0 } }), 'quantity');
    expect400(await inTenant(t, tenantId, { method: 'POST', url: '/api/plans/usage', payload: { meter: 'sms.monthly', quantity: 1, at: 'soon' } }), 'at');
    expect400(await inTenant(t, tenantId, { url: '/api/plans/usage/series?meter=sms.monthly&bucket=hour' }), 'bucket');
  });

  it('archiving the default plan, and bad governance', async () => {
    expect400(await t.inject({ method: 'POST', url: `/api/plans/plans/${basic.id}/archive`, payload: {} }), 'isDefault');
    expect400(await t.inject({ method: 'PUT', url: '/api/plans/governance', payload: { maxTrialTenants: -1 } }), 'maxTrialTenants');
    const legacy = (await t.inject(`/api/plans/plans?filter=${encodeURIComponent(JSON.stringify({ key: 'legacy' }))}`)).json()[0];
    expect400(await t.inject({ method: 'PUT', url: '/api/plans/governance', payload: { defaultPlanId: legacy.id } }), 'defaultPlanId');
  });
});

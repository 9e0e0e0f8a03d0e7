import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import plans from '@platform/plugin-plans';
import { resolved, shopFixture } from './support/shop-fixture-plugin.ts';
import { createPlan, inTenant, outboxEvents } from './support/plans-api.ts';

describe('plans API: catalog, plan change with proration, history, usage reports', () => {
  let t: TestKernel;
  let basic: any;
  let pro: any;
  let tenantId: string;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [plans, shopFixture] });
    basic = await createPlan(t, { key: 'basic', name: 'Basic', priceAmount: 3000, quotas: { 'sms.monthly': 100, stores: 2, seats: 5 }, limitTypes: { 'sms.monthly': 'soft' }, features: ['reports'], isDefault: true });
    pro = await createPlan(t, { key: 'pro', name: 'Pro', priceAmount: 9000, quotas: { 'sms.monthly': 1000, stores: 10, seats: 50 }, features: ['reports', 'pos'], plugins: ['loyalty'] });
    tenantId = (await t.tenant('acme')).id;
    await t.kernel.services.events.drain();
  });
  afterAll(async () => t?.close());

  it('lists, reads and edits plans the react-admin way; one default at a time', async () => {
    const list = await t.inject('/api/plans/plans?sort=["priceAmount","ASC"]&range=[0,9]');
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-range']).toBe('plans 0-1/2');
    expect(list.json().map((p: any) => p.key)).toEqual(['basic', 'pro']);
    expect(list.json()[0]).toMatchObject({ quotas: { 'sms.monthly': 100, stores: 2, seats: 5 }, limitTypes: { 'sms.monthly': 'soft' }, interval: 'monthly', currency: 'USD', archived: false, isDefault: true });
    const enterprise = await createPlan(t, { key: 'enterprise', priceAmount: 100_000, interval: 'annual', isDefault: true });
    const defaults = (await t.inject(`/api/plans/plans?filter=${encodeURIComponent(JSON.stringify({ isDefault: true }))}`)).json();
    expect(defaults.map((p: any) => p.key)).toEqual(['enterprise']);
    await t.inject({ method: 'PUT', url: `/api/plans/plans/${basic.id}`, payload: { isDefault: true } });
    const unarchive = await t.inject({ method: 'POST', url: `/api/plans/plans/${enterprise.id}/unarchive`, payload: {} });
    expect(unarchive.statusCode).toBe(200);
    const audit = (await t.inject(`/api/audit?filter=${encodeURIComponent(JSON.stringify({ targetId: enterprise.id }))}`)).json();
    expect(audit.map((a: any) => a.action).sort()).toEqual(['plans.plan.created', 'plans.plan.unarchived']);
    expect((await t.inject(`/api/plans/plans/${enterprise.id}`)).json().isDefault).toBe(false); // basic took the flag back
  });

  it('lists the meters, including ones other plugins contribute', async () => {
    const meters = (await t.inject('/api/plans/meters')).json();
    expect(meters.map((m: any) => m.key)).toEqual(expect.arrayContaining(['sms.monthly', 'seats', 'stores', 'shop.orders.monthly']));
  });

  it('previews a change with proration, then changes the plan with a reason (audited, plan.assigned)', async () => {
    const preview = await inTenant(t, tenantId, { method: 'POST', url: '/api/plans/change/preview', payload: { planId: pro.id } });
    expect(preview.statusCode, preview.body).toBe(200);
    const p = preview.json();
    // assigned today, changed today: the whole period is unused
    expect(p).toMatchObject({ from: { key: 'basic' }, to: { key: 'pro' }, inTrial: false, proration: { currency: 'USD', credit: 3000, charge: 9000, net: 6000, anchorKept: true } });
    expect(p.proration.remainingDays).toBe(p.proration.periodDays);
    expect(await t.sql('SELECT 1 FROM plans_assignments WHERE tenant_id = $1', [tenantId])).toHaveLength(1); // nothing written

    const changed = await inTenant(t, tenantId, { method: 'POST', url: '/api/plans/change', payload: { planId: pro.id, reason: 'Needs POS' } });
    expect(changed.statusCode, changed.body).toBe(201);
    expect(changed.json()).toMatchObject({ assignment: { planId: pro.id, reason: 'Needs POS', status: 'current' }, proration: { net: 6000 }, previous: { plan: { key: 'basic' } } });

    const history = await inTenant(t, tenantId, { url: '/api/plans/history' });
    expect(history.headers['content-range']).toBe('history 0-1/2');
    const [now, before] = history.json();
    expect(now).toMatchObject({ plan: { key: 'pro' }, effectiveTo: null, reason: 'Needs POS', status: 'current', proration: { net: 6000 } });
    expect(before).toMatchObject({ plan: { key: 'basic' }, effectiveTo: now.effectiveFrom, status: 'past', assignedBy: 'system' });
    expect(now.assignedBy).toBe(t.client.userId);

    const audit = (await t.inject(`/api/audit?filter=${encodeURIComponent(JSON.stringify({ action: 'plans.assignment.changed' }))}`)).json();
    expect(audit[0]).toMatchObject({ tenantId, reason: 'Needs POS', targetType: 'plans.assignment', targetId: now.id });
    const assigned = (await outboxEvents(t, 'plan.assigned')).filter((e) => e.tenantId === tenantId);
    expect(assigned.map((e) => e.planKey)).toEqual(['basic', 'pro']);
    expect(assigned[1]).toMatchObject({ previousPlanId: basic.id, reason: 'Needs POS', assignedBy: t.client.userId });
  });

  it('schedules a change for a future date; the current plan stays until then', async () => {
    const future = new Date(Date.now() + 10 * 86_400_000).toISOString();
    const res = await inTenant(t, tenantId, { method: 'POST', url: '/api/plans/change', payload: { planId: basic.id, reason: 'Downgrade at renewal', effectiveFrom: future } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().assignment.status).toBe('scheduled');
    expect(res.json().proration.net).toBeLessThan(0);
    const current = (await inTenant(t, tenantId, { url: '/api/plans/current' })).json();
    expect(current).toMatchObject({ plan: { key: 'pro' }, scheduled: { plan: { key: 'basic' }, effectiveFrom: future } });
    expect(current.assignment.effectiveTo).toBe(future);
    expect((await resolved.entitlements!.check(tenantId, 'pos')).allowed).toBe(true);
  });

  it('summarises usage per meter and draws a time series', async () => {
    const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
    for (const [i, n] of [[0, 30], [1, 20], [3, 5]] as const) await resolved.usage!.record(tenantId, 'sms.monthly', n, { at: day(i), idempotencyKey: `sms:${i}` });
    await resolved.usage!.record(tenantId, 'seats', 45, { idempotencyKey: 'seats:bulk' });
    const summary = await inTenant(t, tenantId, { url: '/api/plans/usage' });
    expect(summary.statusCode, summary.body).toBe(200);
    const seats = summary.json().find((r: any) => r.meter === 'seats');
    expect(seats).toMatchObject({ used: 45, limit: 50, remaining: 5, percent: 90, status: 'near', limitType: 'hard', periodStart: null });
    const stores = summary.json().find((r: any) => r.meter === 'stores');
    expect(stores).toMatchObject({ used: 0, limit: 10, status: 'ok' });

    const series = await inTenant(t, tenantId, { url: `/api/plans/usage/series?meter=sms.monthly&from=${encodeURIComponent(day(6))}&bucket=day` });
    expect(series.statusCode, series.body).toBe(200);
    const points = series.json();
    expect(points).toHaveLength(7);
    expect(points.map((p: any) => p.quantity).reverse().slice(0, 4)).toEqual([30, 20, 0, 5]);
    expect(points.at(-1).cumulative).toBe(55);
    // react-admin style filter works too
    const viaFilter = await inTenant(t, tenantId, { url: `/api/plans/usage/series?filter=${encodeURIComponent(JSON.stringify({ meter: 'seats', bucket: 'month' }))}` });
    expect(viaFilter.json().at(-1).cumulative).toBe(45);
  });

  it('lists tenants near their limits (staff, across tenants)', async () => {
    const quiet = await t.tenant('quiet');
    await t.kernel.services.events.drain();
    await resolved.usage!.record(quiet.id, 'stores', 1);
    const res = await t.inject('/api/plans/near-limits');
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json();
    expect(rows.map((r: any) => [r.tenantSlug, r.meter])).toEqual([['acme', 'seats']]);
    expect(rows[0]).toMatchObject({ tenantId, planKey: 'pro', percent: 90, limit: 50, used: 45 });
    const all = (await t.inject('/api/plans/near-limits?minPercent=50')).json();
    expect(all.map((r: any) => `${r.tenantSlug}:${r.meter}`)).toEqual(['acme:seats', 'quiet:stores']);
  });

  it('contributes permissions and nav items in the monetization section', async () => {
    const perms = (await t.inject('/api/permissions')).json().map((p: any) => p.key);
    expect(perms).toEqual(expect.arrayContaining(['plans.read', 'plans.write', 'usage.read', 'usage.write']));
    const nav = (await t.inject('/api/nav')).json();
    const section = nav.sections.find((s: any) => s.id === 'monetization');
    expect(section.items.map((i: any) => i.id)).toEqual(['plans.catalog', 'plans.tenant', 'plans.usage', 'plans.near-limits', 'plans.governance']);
    const member = await t.signIn({ role: 'tenant_member', tenant: 'acme' });
    const memberNav = (await member.inject('/api/nav')).json();
    const memberItems = memberNav.sections.flatMap((s: any) => s.items.map((i: any) => i.id));
    expect(memberItems).toContain('plans.tenant');
    expect(memberItems).not.toContain('plans.governance');
  });
});

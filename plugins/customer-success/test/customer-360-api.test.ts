import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import storage from '@platform/plugin-storage';
import support from '@platform/plugin-support';
import logging from '@platform/plugin-logging';
import health from '@platform/plugin-health';
import plans from '@platform/plugin-plans';
import billing from '@platform/plugin-billing';
import messaging from '@platform/plugin-messaging';
import onboarding from '@platform/plugin-onboarding';
import type { TenantInfo } from '@platform/sdk';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { createCustomerSuccessPlugin } from '../src/index.ts';

const DAY = 86_400_000;

describe('customer 360 on a real kernel: notes, contact log, tags, quick actions, panels', () => {
  let t: TestKernel;
  let a: TenantInfo;
  let b: TenantInfo;
  let adminA: TestClient;
  let memberA: TestClient;
  let adminB: TestClient;
  let support_: TestClient;
  let readOnly: TestClient;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [storage, messaging, onboarding, plans, billing, logging, health, support, createCustomerSuccessPlugin()] });
    // A default plan with a trial, before the tenants exist: both start on it, in a trial.
    for (const plan of [
      { key: 'starter', name: 'Starter', priceAmount: 0, currency: 'USD', interval: 'monthly', trialDays: 14, isDefault: true },
      { key: 'growth', name: 'Growth', priceAmount: 4900, currency: 'USD', interval: 'monthly' },
    ]) {
      const res = await t.inject({ method: 'POST', url: '/api/plans/plans', payload: plan });
      expect(res.statusCode, res.body).toBe(201);
    }
    a = await t.tenant('cs360-a');
    b = await t.tenant('cs360-b');
    [adminA, memberA, adminB, support_, readOnly] = await Promise.all([
      t.signIn({ role: 'tenant_admin', tenant: 'cs360-a' }),
      t.signIn({ role: 'tenant_member', tenant: 'cs360-a' }),
      t.signIn({ role: 'tenant_admin', tenant: 'cs360-b' }),
      t.signIn({ role: 'support' }),
      t.signIn({ role: 'read_only' }),
    ]);
    // Five error lines of tenant A (and one of B) in the logging plugin's store: the errors panel shows A's newest three.
    await t.sql(
      `INSERT INTO platform_logs (id, logged_at, level, tenant_id, service, action, message, request_id, error_type, error_message)
       SELECT gen_random_uuid(), now() - make_interval(mins => i), 'error', $1, 'api', 'orders.create', 'boom ' || i, 'req-' || i, 'TypeError', 'boom ' || i
       FROM generate_series(1, 5) i`,
      [a.id],
    );
    await t.sql(`INSERT INTO platform_logs (id, logged_at, level, tenant_id, service, action, message) VALUES (gen_random_uuid(), now(), 'error', $1, 'api', 'x', 'secret of b')`, [b.id]);
  }, 120_000);
  afterAll(async () => t?.close());

  const base = (tenant: TenantInfo) => `/api/customer-success/customers/${tenant.id}`;
  const auditOf = (tenantId: string, action: string) =>
    t.sql<{ action: string; actor_id: string | null; target_id: string | null }>(`SELECT action, actor_id, target_id FROM audit WHERE tenant_id = $1 AND action = $2`, [tenantId, action]);

  it('notes: create, list, rewrite and delete, each audited; a note on a user must name a user of the tenant', async () => {
    const created = await support_.inject({ method: 'POST', url: `${base(a)}/notes`, payload: { body: 'Champion is Ana; renewal talk in March.' } });
    expect(created.statusCode, created.body).toBe(201);
    const note = created.json();
    expect(note).toMatchObject({ tenantId: a.id, body: 'Champion is Ana; renewal talk in March.', userId: null });
    expect(note.authorLabel).toBeTruthy();

    const list = await readOnly.inject(`${base(a)}/notes`);
    expect(list.statusCode).toBe(200);
    expect(list.json().map((n: any) => n.id)).toEqual([note.id]);

    const patched = await support_.inject({ method: 'PATCH', url: `${base(a)}/notes/${note.id}`, payload: { body: 'Champion is Ana.' } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().body).toBe('Champion is Ana.');

    // The note belongs to tenant A: through tenant B's path it does not exist.
    expect((await support_.inject({ method: 'PATCH', url: `${base(b)}/notes/${note.id}`, payload: { body: 'x' } })).statusCode).toBe(404);
    expect((await support_.inject({ method: 'DELETE', url: `${base(b)}/notes/${note.id}` })).statusCode).toBe(404);

    const foreignUser = await t.sql<{ id: string }>(`SELECT id FROM users WHERE tenant_id = $1 LIMIT 1`, [b.id]);
    const onForeign = await support_.inject({ method: 'POST', url: `${base(a)}/notes`, payload: { body: 'x', userId: foreignUser[0].id } });
    expect(onForeign.statusCode).toBe(400);
    expect(onForeign.json().field).toBe('userId');

    expect((await support_.inject({ method: 'DELETE', url: `${base(a)}/notes/${note.id}` })).statusCode).toBe(204);
    expect((await readOnly.inject(`${base(a)}/notes`)).json()).toEqual([]);
    for (const action of ['customer_success.note_added', 'customer_success.note_updated', 'customer_success.note_deleted']) {
      const rows = await auditOf(a.id, action);
      expect(rows, action).toHaveLength(1);
      expect(rows[0].target_id).toBe(note.id);
      expect(rows[0].actor_id).toBeTruthy();
    }
  });

  it('bad input is a 4xx naming the field: NUL bytes, wrong types, unknown channel, bad tag, unknown tenant', async () => {
    const cases: [string, string, unknown, string][] = [
      ['POST', `${base(a)}/notes`, { body: 'a\u0000b' }, 'body'],
      ['POST', `${base(a)}/notes`, { body: 42 }, 'body'],
      ['POST', `${base(a)}/notes`, { body: '' }, 'body'],
      ['POST', `${base(a)}/contacts`, { channel: 'pigeon', summary: 'x' }, 'channel'],
      ['POST', `${base(a)}/contacts`, { channel: 'phone', summary: 'x', contactedAt: 'yesterday' }, 'contactedAt'],
      ['POST', `${base(a)}/contacts`, { channel: 'phone', summary: 'x', contactedAt: new Date(Date.now() + 3 * DAY).toISOString() }, 'contactedAt'],
      ['PUT', `${base(a)}/tags/VIP!`, undefined, 'tag'],
      ['POST', `${base(a)}/actions/extend-trial`, { days: 'seven', reason: 'asked nicely' }, 'days'],
      ['POST', `${base(a)}/actions/extend-trial`, { days: 500, reason: 'asked nicely' }, 'days'],
      ['POST', `${base(a)}/actions/change-plan`, { planKey: 'no-such-plan', reason: 'upgrade' }, 'planKey'],
      ['POST', `${base(a)}/actions/contact`, { to: 'not-an-address', subject: 's', body: 'b' }, 'to'],
      ['GET', `/api/customer-success/customers/00000000-0000-4000-8000-000000000000/360/profile`, undefined, 'tenantId'],
      ['GET', `/api/customer-success/customers/not-a-uuid/notes`, undefined, 'tenantId'],
    ];
    for (const [method, url, payload, field] of cases) {
      const res = await t.inject({ method: method as any, url, payload: payload as any });
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)}: ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, res.body).toBeLessThan(500);
      expect(JSON.stringify(res.json()), `${method} ${url}`).toContain(field);
    }
    expect((await readOnly.inject(`${base(a)}/contacts`)).json()).toEqual([]);
  });

  it('contact log and tags: logged and listed newest first, tags idempotent, both audited', async () => {
    const older = await support_.inject({ method: 'POST', url: `${base(a)}/contacts`, payload: { channel: 'phone', summary: 'Kick-off call', contactedAt: new Date(Date.now() - 2 * DAY).toISOString() } });
    expect(older.statusCode, older.body).toBe(201);
    const newer = await support_.inject({ method: 'POST', url: `${base(a)}/contacts`, payload: { channel: 'meeting', summary: 'QBR' } });
    expect(newer.statusCode, newer.body).toBe(201);
    expect((await readOnly.inject(`${base(a)}/contacts`)).json().map((c: any) => c.summary)).toEqual(['QBR', 'Kick-off call']);
    expect(await auditOf(a.id, 'customer_success.contact_logged')).toHaveLength(2);

    for (const tag of ['vip', 'high-touch', 'vip']) {
      const res = await support_.inject({ method: 'PUT', url: `${base(a)}/tags/${tag}` });
      expect(res.statusCode, res.body).toBe(200);
    }
    expect((await readOnly.inject(`${base(a)}/tags`)).json()).toEqual(['high-touch', 'vip']);
    expect(await auditOf(a.id, 'customer_success.tag_added')).toHaveLength(2); // the repeated vip changed nothing
    expect((await support_.inject({ method: 'DELETE', url: `${base(a)}/tags/high-touch` })).json()).toEqual(['vip']);
    expect(await auditOf(a.id, 'customer_success.tag_removed')).toHaveLength(1);
    expect((await readOnly.inject(`${base(b)}/tags`)).json()).toEqual([]);
    // read_only staff may read but not write.
    expect((await readOnly.inject({ method: 'PUT', url: `${base(a)}/tags/nope` })).statusCode).toBe(403);
  });

  it('quick actions go through the owning services: extend trial, change plan, suspend; contact without a provider writes nothing', async () => {
    const before = (await t.inject(`${base(a)}/360/plan`)).json();
    expect(before).toMatchObject({ available: true, inTrial: true, plan: { key: 'starter' } });
    const extended = await t.inject({ method: 'POST', url: `${base(a)}/actions/extend-trial`, payload: { days: 7, reason: 'Evaluating the API' } });
    expect(extended.statusCode, extended.body).toBe(200);
    expect(new Date(extended.json().trialEndsAt).getTime() - new Date(before.trialEndsAt).getTime()).toBe(7 * DAY);
    expect((await t.inject(`${base(a)}/360/plan`)).json().trialEndsAt).toBe(extended.json().trialEndsAt);
    expect(await auditOf(a.id, 'plan.trial_extended')).toHaveLength(1);
    expect(await auditOf(a.id, 'customer_success.trial_extended')).toHaveLength(1);

    const changed = await t.inject({ method: 'POST', url: `${base(a)}/actions/change-plan`, payload: { planKey: 'growth', reason: 'Upgrade agreed on the call' } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toEqual({ changed: true });
    expect((await t.inject(`${base(a)}/360/plan`)).json().plan.key).toBe('growth');
    expect(await auditOf(a.id, 'customer_success.plan_changed')).toHaveLength(1);
    // The running trial carried over to growth; B's trial is over (as the trial-end job marks it): extending it is a
    // 409, and nothing is changed or audited.
    expect((await t.inject(`${base(a)}/360/plan`)).json().trialEndsAt).toBe(extended.json().trialEndsAt);
    await t.sql(`UPDATE plans_assignments SET trial_ended_at = now() WHERE tenant_id = $1`, [b.id]);
    const noTrial = await t.inject({ method: 'POST', url: `${base(b)}/actions/extend-trial`, payload: { days: 7, reason: 'Evaluating the API' } });
    expect(noTrial.statusCode, noTrial.body).toBe(409);
    expect(noTrial.body).toContain('not_in_trial');
    expect(await auditOf(b.id, 'customer_success.trial_extended')).toHaveLength(0);
    expect(await auditOf(b.id, 'plan.trial_extended')).toHaveLength(0);

    // Support staff may write notes but not act.
    expect((await support_.inject({ method: 'POST', url: `${base(b)}/actions/suspend`, payload: { reason: 'unpaid' } })).statusCode).toBe(403);

    const contactsBefore = (await t.inject(`${base(b)}/contacts`)).json().length;
    const contact = await t.inject({ method: 'POST', url: `${base(b)}/actions/contact`, payload: { to: 'owner@b.test', subject: 'Checking in', body: 'How is it going?' } });
    expect(contact.statusCode, contact.body).toBe(409);
    expect(contact.json().type ?? contact.json().code ?? contact.body).toContain('no_provider');
    expect((await t.inject(`${base(b)}/contacts`)).json()).toHaveLength(contactsBefore);

    const c = await t.tenant('cs360-c');
    const suspended = await t.inject({ method: 'POST', url: `${base(c)}/actions/suspend`, payload: { reason: 'Chargeback fraud' } });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json()).toEqual({ changed: true });
    expect((await t.sql<{ status: string }>('SELECT status FROM tenants WHERE id = $1', [c.id]))[0].status).toBe('suspended');
    expect(await auditOf(c.id, 'customer_success.tenant_suspended')).toHaveLength(1);
    const again = await t.inject({ method: 'POST', url: `${base(c)}/actions/suspend`, payload: { reason: 'Chargeback fraud' } });
    expect(again.statusCode).toBe(409);
  });

  it('panels: profile with tags, usage, last 3 errors, a timeline with plan changes and staff actions, a user page', async () => {
    const profile = (await readOnly.inject(`${base(a)}/360/profile`)).json();
    expect(profile.tenant).toMatchObject({ id: a.id, slug: 'cs360-a' });
    expect(profile.tags).toEqual(['vip']);
    expect(profile.latestContacts.map((c: any) => c.summary)).toEqual(['QBR', 'Kick-off call']);

    const usage = (await readOnly.inject(`${base(a)}/360/usage`)).json();
    expect(usage.available).toBe(true);
    expect(Array.isArray(usage.usage)).toBe(true);

    const errors = await readOnly.inject(`${base(a)}/360/errors`);
    expect(errors.statusCode, errors.body).toBe(200);
    expect(errors.json().available).toBe(true);
    expect(errors.json().errors.map((e: any) => e.message)).toEqual(['boom 1', 'boom 2', 'boom 3']);

    const timeline = (await readOnly.inject(`${base(a)}/360/timeline`)).json();
    const kinds = new Set(timeline.map((i: any) => i.kind));
    expect(kinds.has('plan')).toBe(true);
    expect(kinds.has('customer-success')).toBe(true);
    const times = timeline.map((i: any) => i.at);
    expect([...times].sort().reverse()).toEqual(times);
    // Paging back: each page continues where the previous one ended, with no item twice.
    expect(timeline.length).toBeGreaterThanOrEqual(3);
    const first = (await readOnly.inject(`${base(a)}/360/timeline?limit=2`)).json();
    const second = (await readOnly.inject(`${base(a)}/360/timeline?limit=2&before=${first[1].id}`)).json();
    expect([...first, ...second].map((i: any) => i.id)).toEqual(timeline.slice(0, first.length + second.length).map((i: any) => i.id));
    expect(second.every((i: any) => BigInt(i.id) < BigInt(first[1].id))).toBe(true);
    const badCursor = await readOnly.inject(`${base(a)}/360/timeline?before=1%27%20OR%201=1`);
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.body).toContain('before');

    const [member] = await t.sql<{ id: string }>(`SELECT id FROM users WHERE tenant_id = $1 ORDER BY created_at LIMIT 1`, [a.id]);
    const noted = await support_.inject({ method: 'POST', url: `${base(a)}/notes`, payload: { body: 'Power user', userId: member.id } });
    expect(noted.statusCode, noted.body).toBe(201);
    const userPage = await readOnly.inject(`${base(a)}/users/${member.id}/360`);
    expect(userPage.statusCode, userPage.body).toBe(200);
    expect(userPage.json().user.id).toBe(member.id);
    expect(userPage.json().notes.map((n: any) => n.body)).toEqual(['Power user']);
    // A user of another tenant is not found through this tenant's page.
    const [userB] = await t.sql<{ id: string }>(`SELECT id FROM users WHERE tenant_id = $1 LIMIT 1`, [b.id]);
    expect((await readOnly.inject(`${base(a)}/users/${userB.id}/360`)).statusCode).toBe(404);
  });

  it('a database failure mid-request leaves nothing half-written: the tag and the note roll back with their audit entry', async () => {
    // The audit insert fails inside the transaction (as a database dropping mid-request would): the write before it is rolled back.
    await t.sql(`CREATE FUNCTION cs360_fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$`);
    await t.sql(`CREATE TRIGGER cs360_fail_audit BEFORE INSERT ON audit FOR EACH ROW WHEN (NEW.action IN ('customer_success.tag_added', 'customer_success.note_added')) EXECUTE FUNCTION cs360_fail_audit()`);
    try {
      const tag = await support_.inject({ method: 'PUT', url: `${base(a)}/tags/doomed` });
      expect(tag.statusCode, tag.body).toBeGreaterThanOrEqual(500);
      const note = await support_.inject({ method: 'POST', url: `${base(a)}/notes`, payload: { body: 'never stored' } });
      expect(note.statusCode, note.body).toBeGreaterThanOrEqual(500);
    } finally {
      await t.sql(`DROP TRIGGER cs360_fail_audit ON audit`);
      await t.sql(`DROP FUNCTION cs360_fail_audit()`);
    }
    expect((await readOnly.inject(`${base(a)}/tags`)).json()).not.toContain('doomed');
    expect((await readOnly.inject(`${base(a)}/notes`)).json().map((n: any) => n.body)).not.toContain('never stored');
  });

  it("tenant isolation: a tenant user never reads any tenant's 360 panels, notes, contacts or tags, not even their own", async () => {
    await support_.inject({ method: 'POST', url: `${base(b)}/notes`, payload: { body: 'B is unhappy about pricing' } });
    const paths = (tenant: TenantInfo) => ['notes', 'contacts', 'tags', '360/profile', '360/plan', '360/usage', '360/errors', '360/timeline'].map((p) => `${base(tenant)}/${p}`);
    for (const client of [adminA, memberA, adminB]) {
      for (const url of [...paths(a), ...paths(b), `/api/customer-success/score/${b.id}`]) {
        const res = await client.inject(url);
        expect(res.statusCode, `${url}: ${res.body}`).toBe(403);
        expect(res.body).not.toContain('unhappy');
        expect(res.body).not.toContain('Power user');
      }
      for (const [method, url, payload] of [
        ['POST', `${base(b)}/notes`, { body: 'planted' }],
        ['PUT', `${base(b)}/tags/planted`, undefined],
        ['POST', `${base(a)}/actions/extend-trial`, { days: 30, reason: 'self-service' }],
      ] as const) {
        expect((await client.inject({ method, url, payload: payload as any })).statusCode, url).toBe(403);
      }
    }
    expect((await t.inject(`${base(b)}/tags`)).json()).not.toContain('planted');
    expect((await t.inject(`${base(b)}/notes`)).json().map((n: any) => n.body)).toEqual(['B is unhappy about pricing']);
  });
});

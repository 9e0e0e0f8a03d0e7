import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import example from '@platform/plugin-example';
import { expectProblem, listQuery } from './support/http.ts';

/** provisioning → active ⇄ suspended → deleted (grace period) → restored or purged; each step audited and evented. */
describe('tenant lifecycle', () => {
  let t: TestKernel;
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [example] });
  });
  afterAll(async () => t?.close());

  const auditActions = async (tenantId: string) =>
    (await t.inject(`/api/audit${listQuery({ filter: { targetType: 'tenant', targetId: tenantId }, sort: ['id', 'ASC'], range: [0, 99] })}`)).json().map((e: any) => e.action);
  const outboxEvents = async (tenantId: string) =>
    (await t.sql<{ name: string }>(`SELECT name FROM kernel_outbox WHERE payload->>'tenantId' = $1 AND name LIKE 'tenant.%' ORDER BY id`, [tenantId])).map((r) => r.name);

  const createTenant = async (slug: string) => {
    const res = await t.inject({ method: 'POST', url: '/api/tenants', payload: { slug, name: `Tenant ${slug}`, contactEmail: `ops@${slug}.test` } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Record<string, any>;
  };

  it('refuses a taken slug with 409 slug_taken naming the field and the tenant that has it', async () => {
    const first = await createTenant('life-idem');
    expect(first).toMatchObject({ slug: 'life-idem', status: 'active', locale: 'en', deletedAt: null });
    const again = await t.inject({ method: 'POST', url: '/api/tenants', payload: { slug: 'life-idem', name: 'Another name' } });
    const problem = expectProblem(again, 409, 'slug_taken', 'slug');
    expect(problem).toMatchObject({ existingTenantId: first.id, existingTenantSlug: 'life-idem', existingTenantName: 'Tenant life-idem', existingTenantStatus: 'active' });
    expect(problem.detail).toContain('life-idem');
    // `ifExists=error` is the default, spelled out.
    expectProblem(await t.inject({ method: 'POST', url: '/api/tenants?ifExists=error', payload: { slug: 'life-idem', name: 'x' } }), 409, 'slug_taken', 'slug');
    expect(await t.sql('SELECT id FROM tenants WHERE slug = $1', ['life-idem'])).toHaveLength(1);
    expect(await auditActions(first.id)).toEqual(['tenant.created', 'tenant.provisioned']);
    expect(await outboxEvents(first.id)).toEqual(['tenant.created', 'tenant.provisioned']);
  });

  it('returns the existing tenant with ?ifExists=return (provisioning scripts), unchanged', async () => {
    const first = await createTenant('life-ifexists');
    const again = await t.inject({ method: 'POST', url: '/api/tenants?ifExists=return', payload: { slug: 'life-ifexists', name: 'Another name' } });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ id: first.id, name: 'Tenant life-ifexists' });
    expect(await auditActions(first.id)).toEqual(['tenant.created', 'tenant.provisioned']);
    expectProblem(await t.inject({ method: 'POST', url: '/api/tenants?ifExists=yes', payload: { slug: 'life-ifexists', name: 'x' } }), 400, 'validation_failed', 'ifExists');
  });

  it('replays the first answer to a retry with the same Idempotency-Key; a new key is refused', async () => {
    const send = (key: string) =>
      t.inject({ method: 'POST', url: '/api/tenants', headers: { 'idempotency-key': key }, payload: { slug: 'life-key', name: 'Tenant life-key' } });
    const first = await send('tenant-life-key-1');
    expect(first.statusCode, first.body).toBe(201);
    const retry = await send('tenant-life-key-1');
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(first.json().id);
    expectProblem(await send('tenant-life-key-2'), 409, 'slug_taken', 'slug');
  });

  it('answers concurrent creates of one slug with one 201 and slug_taken for the rest', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => t.inject({ method: 'POST', url: '/api/tenants', payload: { slug: 'life-race', name: `Race ${i}` } })),
    );
    expect(answers.filter((a) => a.statusCode === 201)).toHaveLength(1);
    for (const a of answers.filter((a) => a.statusCode !== 201)) expectProblem(a, 409, 'slug_taken', 'slug');
    const raced = await Promise.all(
      Array.from({ length: 6 }, () => t.inject({ method: 'POST', url: '/api/tenants?ifExists=return', payload: { slug: 'life-race-2', name: 'Race' } })),
    );
    expect(raced.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(raced.map((a) => a.json().id)).size).toBe(1);
  });

  it('refuses renaming a tenant to a taken slug with 409 slug_taken', async () => {
    const holder = await createTenant('life-holder');
    const other = await createTenant('life-renamed');
    const res = await t.inject({ method: 'PATCH', url: `/api/tenants/${other.id}`, payload: { slug: 'life-holder' } });
    expect(expectProblem(res, 409, 'slug_taken', 'slug')).toMatchObject({ existingTenantId: holder.id });
  });

  it('re-running provisioning after a failure finishes the same tenant (?ifExists=return)', async () => {
    const tenant = await createTenant('life-reprov');
    await t.sql(`UPDATE tenants SET status = 'provisioning', provisioned_at = NULL WHERE id = $1`, [tenant.id]);
    t.kernel.services.directory.invalidate(tenant.id);
    const again = await t.inject({ method: 'POST', url: '/api/tenants?ifExists=return', payload: { slug: 'life-reprov', name: 'x' } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: tenant.id, status: 'active' });
  });

  it('updates a tenant with an audit entry and a tenant.updated event', async () => {
    const tenant = await createTenant('life-upd');
    const res = await t.inject({ method: 'PUT', url: `/api/tenants/${tenant.id}`, payload: { ...tenant, name: 'Renamed', locale: 'de' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Renamed', locale: 'de' });
    expect(await auditActions(tenant.id)).toContain('tenant.updated');
    expect(await outboxEvents(tenant.id)).toEqual(['tenant.created', 'tenant.provisioned', 'tenant.updated']);
    const [payload] = await t.sql<{ payload: any }>(`SELECT payload FROM kernel_outbox WHERE name = 'tenant.updated' AND payload->>'tenantId' = $1`, [tenant.id]);
    expect(payload.payload.changes).toMatchObject({ name: 'Renamed', locale: 'de' });
  });

  describe('suspend, activate, delete, restore', () => {
    let tenant: Record<string, any>;
    let member: TestClient;
    let staffInTenant: TestClient;
    let noteId: string;

    beforeAll(async () => {
      tenant = await createTenant('life-cycle');
      member = await t.signIn({ role: 'tenant_admin', tenant: 'life-cycle' });
      staffInTenant = await t.signIn({ role: 'admin', tenant: 'life-cycle' });
      const note = await member.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'kept' } });
      expect(note.statusCode).toBe(201);
      noteId = note.json().id;
    });

    const memberEmail = async () => (await t.sql<{ email: string }>('SELECT email FROM users WHERE id = $1', [member.userId]))[0].email;

    it('a suspended tenant is refused with 403 tenant_suspended, for its users and for staff acting in it', async () => {
      const res = await t.inject({ method: 'POST', url: `/api/tenants/${tenant.id}/suspend`, payload: { reason: 'invoice overdue' } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'suspended', statusReason: 'invoice overdue' });

      expectProblem(await member.inject('/api/example/notes'), 403, 'tenant_suspended');
      expectProblem(await member.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'no' } }), 403, 'tenant_suspended');
      expectProblem(await member.inject('/api/auth/me'), 403, 'tenant_suspended');
      expectProblem(await member.inject('/api/users'), 403, 'tenant_suspended');
      expectProblem(await staffInTenant.inject('/api/example/notes'), 403, 'tenant_suspended');
      expectProblem(await staffInTenant.inject(`/api/example/notes/${noteId}`), 403, 'tenant_suspended');
      expectProblem(await t.inject({ url: '/api/nav-overrides', headers: { 'x-tenant-id': 'life-cycle' } }), 403, 'tenant_suspended');
      const login = await t.kernel.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: await memberEmail(), password: 'test-password' } });
      expectProblem(login, 403, 'tenant_suspended');

      // Staff still manage the tenant itself.
      expect((await t.inject(`/api/tenants/${tenant.id}`)).json().status).toBe('suspended');
      // Suspending twice is not a change.
      expectProblem(await t.inject({ method: 'POST', url: `/api/tenants/${tenant.id}/suspend`, payload: { reason: 'again' } }), 409, 'invalid_transition');
      // A reason is required to suspend.
      expectProblem(await t.inject({ method: 'POST', url: `/api/tenants/${tenant.id}/suspend`, payload: {} }), 400, 'validation_failed', 'reason');
    });

    it('activate restores access', async () => {
      const res = await t.inject({ method: 'POST', url: `/api/tenants/${tenant.id}/activate`, payload: { reason: 'paid' } });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().status).toBe('active');
      const list = await member.inject('/api/example/notes');
      expect(list.statusCode).toBe(200);
      expect(list.json().map((n: any) => n.id)).toEqual([noteId]);
      expect((await staffInTenant.inject(`/api/example/notes/${noteId}`)).statusCode).toBe(200);
      const login = await t.kernel.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: await memberEmail(), password: 'test-password' } });
      expect(login.statusCode, login.body).toBe(200);
    });

    it('a deleted tenant is refused, and restored within the grace period with its data', async () => {
      const before = Date.now();
      const del = await t.inject({ method: 'DELETE', url: `/api/tenants/${tenant.id}`, payload: { reason: 'customer left' } });
      expect(del.statusCode, del.body).toBe(200);
      expect(del.json().status).toBe('deleted');
      const purgeAfter = Date.parse(del.json().purgeAfter);
      expect(purgeAfter - before).toBeGreaterThanOrEqual(30 * 86_400_000 - 1000);
      expect(purgeAfter - before).toBeLessThan(30 * 86_400_000 + 60_000);

      expectProblem(await member.inject('/api/example/notes'), 403, 'tenant_suspended');
      expectProblem(await staffInTenant.inject('/api/example/notes'), 403, 'tenant_suspended');
      expectProblem(await t.inject({ method: 'PUT', url: `/api/tenants/${tenant.id}`, payload: { name: 'x' } }), 409, 'tenant_deleted');
      expectProblem(await t.inject({ method: 'POST', url: `/api/tenants/${tenant.id}/purge` }), 409, 'grace_period_active');

      const restored = await t.inject({ method: 'POST', url: `/api/tenants/${tenant.id}/restore`, payload: { reason: 'came back' } });
      expect(restored.statusCode, restored.body).toBe(200);
      expect(restored.json()).toMatchObject({ status: 'active', deletedAt: null, purgeAfter: null });
      const list = await member.inject('/api/example/notes');
      expect(list.statusCode).toBe(200);
      expect(list.json().map((n: any) => n.id)).toEqual([noteId]);
    });

    it('wrote an audit entry and a tenant.* outbox event for every change', async () => {
      expect(await auditActions(tenant.id)).toEqual([
        'tenant.created',
        'tenant.provisioned',
        'tenant.suspended',
        'tenant.activated',
        'tenant.deleted',
        'tenant.restored',
      ]);
      expect(await outboxEvents(tenant.id)).toEqual(['tenant.created', 'tenant.provisioned', 'tenant.suspended', 'tenant.activated', 'tenant.deleted', 'tenant.restored']);
      const [suspended] = (await t.inject(`/api/audit${listQuery({ filter: { action: 'tenant.suspended', targetId: tenant.id } })}`)).json();
      expect(suspended).toMatchObject({ reason: 'invoice overdue', actorType: 'user', tenantId: tenant.id });
      expect(suspended.before.status).toBe('active');
      expect(suspended.after.status).toBe('suspended');
      expect(suspended.requestId).toBeTruthy();
    });
  });

  describe('purge', () => {
    it('is refused before the grace period ends and removes the tenant and its plugin rows after', async () => {
      const doomed = await createTenant('life-doomed');
      const survivor = await createTenant('life-survivor');
      const doomedAdmin = await t.signIn({ role: 'tenant_admin', tenant: 'life-doomed' });
      const survivorAdmin = await t.signIn({ role: 'tenant_admin', tenant: 'life-survivor' });
      for (const title of ['one', 'two']) expect((await doomedAdmin.inject({ method: 'POST', url: '/api/example/notes', payload: { title } })).statusCode).toBe(201);
      expect((await survivorAdmin.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'stays' } })).statusCode).toBe(201);
      expect((await doomedAdmin.inject({ method: 'POST', url: '/api/nav-overrides', payload: { itemId: 'example.notes', hidden: true } })).statusCode).toBe(201);

      // A plugin table that is not an entity but carries tenant_id is purged too.
      await t.sql(`INSERT INTO example_note_log (note_id, tenant_id, event) VALUES (gen_random_uuid(), $1, 'manual')`, [doomed.id]);
      expectProblem(await t.inject({ method: 'POST', url: `/api/tenants/${doomed.id}/purge` }), 409, 'tenant_not_deleted');
      expect((await t.inject({ method: 'DELETE', url: `/api/tenants/${doomed.id}`, payload: { reason: 'closing' } })).statusCode).toBe(200);
      expectProblem(await t.inject({ method: 'POST', url: `/api/tenants/${doomed.id}/purge` }), 409, 'grace_period_active');
      expect(await t.sql('SELECT id FROM tenants WHERE id = $1', [doomed.id])).toHaveLength(1);

      // The grace period ends.
      await t.sql(`UPDATE tenants SET purge_after = now() - interval '1 second' WHERE id = $1`, [doomed.id]);
      expectProblem(await t.inject({ method: 'POST', url: `/api/tenants/${doomed.id}/restore`, payload: {} }), 409, 'grace_period_over');
      // Purging needs its own permission: an admin cannot, a super admin can.
      const admin = await t.signIn({ role: 'admin' });
      expectProblem(await admin.inject({ method: 'POST', url: `/api/tenants/${doomed.id}/purge` }), 403, 'forbidden');
      const purged = await t.inject({ method: 'POST', url: `/api/tenants/${doomed.id}/purge` });
      expect(purged.statusCode, purged.body).toBe(204);

      expect(await t.sql('SELECT id FROM tenants WHERE id = $1', [doomed.id])).toEqual([]);
      expect(await t.sql('SELECT id FROM example_notes WHERE tenant_id = $1', [doomed.id])).toEqual([]);
      expect(await t.sql('SELECT id FROM users WHERE tenant_id = $1', [doomed.id])).toEqual([]);
      expect(await t.sql('SELECT id FROM example_note_log WHERE tenant_id = $1', [doomed.id])).toEqual([]);
      expect(await t.sql('SELECT id FROM nav_overrides WHERE tenant_id = $1', [doomed.id])).toEqual([]);
      expect(await t.sql('SELECT id FROM example_notes WHERE tenant_id = $1', [survivor.id])).toHaveLength(1);
      expectProblem(await t.inject(`/api/tenants/${doomed.id}`), 404, 'tenant_not_found');
      expectProblem(await doomedAdmin.inject('/api/example/notes'), 401, 'unauthorized');

      const actions = await auditActions(doomed.id);
      expect(actions.slice(-2)).toEqual(['tenant.deleted', 'tenant.purged']);
      expect(await outboxEvents(doomed.id)).toEqual(['tenant.created', 'tenant.provisioned', 'tenant.deleted', 'tenant.purged']);
    });

    it('the kernel job purges every tenant whose grace period is over, and only those', async () => {
      const expired = await createTenant('life-expired');
      const graced = await createTenant('life-graced');
      const expiredAdmin = await t.signIn({ role: 'tenant_admin', tenant: 'life-expired' });
      expect((await expiredAdmin.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'bye' } })).statusCode).toBe(201);
      for (const id of [expired.id, graced.id]) expect((await t.inject({ method: 'DELETE', url: `/api/tenants/${id}`, payload: {} })).statusCode).toBe(200);
      await t.sql(`UPDATE tenants SET purge_after = now() - interval '1 minute' WHERE id = $1`, [expired.id]);

      await t.kernel.services.jobs.runNow('kernel.purge-expired-tenants');

      expect(await t.sql('SELECT id FROM tenants WHERE id = $1', [expired.id])).toEqual([]);
      expect(await t.sql('SELECT id FROM example_notes WHERE tenant_id = $1', [expired.id])).toEqual([]);
      expect((await t.sql<{ status: string }>('SELECT status FROM tenants WHERE id = $1', [graced.id]))[0].status).toBe('deleted');
      const [entry] = (await t.inject(`/api/audit${listQuery({ filter: { action: 'tenant.purged', targetId: expired.id } })}`)).json();
      expect(entry).toMatchObject({ actorType: 'system' });
    });
  });
});

describe('tenant purge with tenantGraceDays: 0', () => {
  it('can purge right after the delete', async () => {
    const t = await createTestKernel({ plugins: [example], config: { tenantGraceDays: 0 } });
    try {
      const admin = await t.signIn({ role: 'tenant_admin', tenant: 'zero-grace' });
      expect((await admin.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'gone soon' } })).statusCode).toBe(201);
      const del = await t.inject({ method: 'DELETE', url: `/api/tenants/${admin.tenant!.id}`, payload: { reason: 'test' } });
      expect(del.statusCode).toBe(200);
      expect(Date.parse(del.json().purgeAfter)).toBeLessThanOrEqual(Date.now());
      const purged = await t.inject({ method: 'POST', url: `/api/tenants/${admin.tenant!.id}/purge` });
      expect(purged.statusCode, purged.body).toBe(204);
      expect(await t.sql('SELECT count(*)::int AS n FROM example_notes')).toEqual([{ n: 0 }]);
      expect(await t.sql('SELECT id FROM tenants WHERE id = $1', [admin.tenant!.id])).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import example from '@platform/plugin-example';

/** The kernel on the embedded database (PGlite): boot, sign in as the seeded admin, create a tenant and a note, list it. */
describe('kernel smoke test on the embedded database', { timeout: 60_000 }, () => {
  let t: TestKernel;
  beforeAll(async () => {
    t = await createTestKernel({ database: 'embedded', plugins: [example] });
  }, 60_000);
  afterAll(async () => t?.close());

  it('boots on PGlite with the migrations of the kernel and the plugin applied', async () => {
    expect(t.kernel.embedded).toBe(true);
    expect(t.databaseUrl).toBeNull();
    const applied = await t.sql<{ owner: string }>('SELECT DISTINCT owner FROM kernel_migrations ORDER BY owner');
    expect(applied.map((m) => m.owner)).toEqual(['example', 'kernel']);
  });

  it('signs in, creates a tenant and a note, and lists it', async () => {
    const app = t.kernel.app;
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@platform.local', password: 'test-admin-password' } });
    expect(login.statusCode, login.body).toBe(200);
    const auth = { authorization: `Bearer ${login.json().token}` };

    const me = await app.inject({ url: '/api/auth/me', headers: auth });
    expect(me.json().user).toMatchObject({ email: 'admin@platform.local', kind: 'staff', roles: ['super_admin'] });

    const tenant = await app.inject({ method: 'POST', url: '/api/tenants', headers: auth, payload: { slug: 'smoke', name: 'Smoke Ltd' } });
    expect(tenant.statusCode, tenant.body).toBe(201);
    expect(tenant.json()).toMatchObject({ slug: 'smoke', status: 'active' });

    const inTenant = { ...auth, 'x-tenant-id': 'smoke' };
    const note = await app.inject({ method: 'POST', url: '/api/example/notes', headers: inTenant, payload: { title: 'Hello from PGlite' } });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json().tenantId).toBe(tenant.json().id);

    const list = await app.inject({ url: '/api/example/notes', headers: inTenant });
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-range']).toBe('notes 0-0/1');
    expect(list.json()).toEqual([expect.objectContaining({ id: note.json().id, title: 'Hello from PGlite', done: false })]);

    const audit = await app.inject({ url: '/api/audit?filter=' + encodeURIComponent(JSON.stringify({ action: 'example.note.created' })), headers: auth });
    expect(audit.json().map((e: any) => e.targetId)).toEqual([note.json().id]);
    await t.kernel.services.events.drain();
    const log = await t.sql<{ event: string }>('SELECT event FROM example_note_log WHERE note_id = $1', [note.json().id]);
    expect(log.map((l) => l.event)).toEqual(['example.note.created']);
  });
});

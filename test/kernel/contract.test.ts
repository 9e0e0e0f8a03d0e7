import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import example from '@platform/plugin-example';

/** The whole plugin contract end to end, through the example fixture plugin. */
describe('plugin contract (example fixture)', () => {
  let t: TestKernel;
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [example] });
  });
  afterAll(async () => t?.close());

  it('mounts CRUD routes under /api/<plugin>, scoped to the tenant, audited, with events', async () => {
    const admin = await t.signIn({ role: 'tenant_admin', tenant: 'acme' });
    const created = await admin.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'First' } });
    expect(created.statusCode, created.body).toBe(201);
    const note = created.json();
    expect(note.tenantId).toBe(admin.tenant!.id);

    const list = await admin.inject('/api/example/notes?range=[0,9]&sort=["title","ASC"]');
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-range']).toBe('notes 0-0/1');
    expect(list.json()).toHaveLength(1);

    const updated = await admin.inject({ method: 'PUT', url: `/api/example/notes/${note.id}`, payload: { ...note, done: true } });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().done).toBe(true);

    const audit = await t.inject(`/api/audit?filter=${encodeURIComponent(JSON.stringify({ targetId: note.id }))}`);
    expect(audit.json().map((a: any) => a.action).sort()).toEqual(['example.note.created', 'example.note.updated']);

    await t.kernel.services.events.drain();
    const log = await t.sql<{ event: string }>('SELECT event FROM example_note_log WHERE note_id = $1 ORDER BY id', [note.id]);
    expect(log.map((l) => l.event)).toEqual(['example.note.created', 'example.note.updated']);

    const del = await admin.inject({ method: 'DELETE', url: `/api/example/notes/${note.id}` });
    expect(del.statusCode).toBe(200);
    expect((await admin.inject(`/api/example/notes/${note.id}`)).statusCode).toBe(404);
  });

  it('observes responses through ctx.http.onResponse', async () => {
    const member = await t.signIn({ role: 'tenant_member', tenant: 'acme' });
    const first = (await member.inject('/api/example/stats')).json().observedResponses;
    await member.inject('/api/example/notes');
    await member.inject('/api/example/notes');
    expect((await member.inject('/api/example/stats')).json().observedResponses).toBe(first + 3);
  });

  it('contributes its nav item and permission', async () => {
    const member = await t.signIn({ role: 'tenant_member', tenant: 'acme' });
    const nav = (await member.inject('/api/nav')).json();
    const items = nav.sections.flatMap((s: any) => s.items.map((i: any) => i.id));
    expect(items).toContain('example.notes');
    const perms = (await t.inject('/api/permissions')).json().map((p: any) => p.key);
    expect(perms).toEqual(expect.arrayContaining(['example.read', 'example.write']));
  });

  it('runs its declared job and records the run', async () => {
    await t.kernel.services.jobs.runNow('example.tick');
    const jobs = (await t.inject('/api/jobs')).json();
    const tick = jobs.find((j: any) => j.name === 'example.tick');
    expect(tick).toBeTruthy();
    const runs = (await t.inject('/api/jobs/example.tick/runs')).json();
    expect(runs.length).toBeGreaterThan(0);
  });
  it('serves interactive docs at /docs and documents its routes in /api/openapi.json', async () => {
    const docs = await t.kernel.app.inject('/docs');
    expect(docs.statusCode, docs.body.slice(0, 300)).toBe(200);
    expect(docs.headers['content-type']).toMatch(/^text\/html/);
    expect(docs.body).toMatch(/<html[\s>]/i);
    expect(docs.body).toMatch(/swagger/i);
    // The UI loads the kernel's OpenAPI document, which anyone may read.
    const init = await t.kernel.app.inject('/docs/static/swagger-initializer.js');
    expect(init.statusCode).toBe(200);
    expect(init.body).toContain('/api/openapi.json');

    const res = await t.kernel.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/example/stats'].get).toMatchObject({ summary: 'Counts of notes in the current tenant', tags: ['example'], security: [{ bearer: [] }, { cookie: [] }] });
    expect(doc.paths['/api/example/notes']).toHaveProperty('get');
    expect(doc.paths['/api/example/notes']).toHaveProperty('post');
    expect(doc.paths['/api/example/notes/{id}']).toHaveProperty('put');
    expect(doc.paths['/api/example/ping'].get.security).toBeUndefined();
  });
});

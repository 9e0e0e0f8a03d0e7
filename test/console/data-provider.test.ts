import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import example from '@platform/plugin-example';
import { dataProvider, registerApiPaths } from '../../admin-ui/src/api/dataProvider.ts';
import { setTenantSelection, ALL_TENANTS } from '../../admin-ui/src/api/tenantSelection.ts';
import { createFlakySubscriber, emitFlakyPing, FLAKY_ERROR, FLAKY_SUBSCRIBER } from '../support/flaky-subscriber-plugin.ts';

/**
 * Every method of the console's data provider against the real kernel API (no mocks): the browser's
 * relative `/api` URLs are pointed at a listening test kernel, signed in with a bearer token.
 */
describe('console data provider against the real API', () => {
  let t: TestKernel;
  let staff: TestClient;
  let base: string;
  const realFetch = globalThis.fetch;
  const flaky = createFlakySubscriber();
  /** Every request the data provider sent: method, path and its Idempotency-Key. */
  const sent: { method: string; path: string; key: string | null }[] = [];

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [example, flaky.plugin], config: { logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' } });
    staff = t.client;
    base = await t.kernel.app.listen({ port: 0, host: '127.0.0.1' });
    globalThis.fetch = ((input: RequestInfo | URL, init: RequestInit = {}) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, base);
      const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
      headers.set('authorization', `Bearer ${staff.token}`);
      sent.push({ method: (init.method ?? 'GET').toUpperCase(), path: url.pathname, key: headers.get('idempotency-key') });
      return realFetch(url, { ...init, headers });
    }) as typeof fetch;
    registerApiPaths([['example-notes', 'example/notes']]);
  });

  afterAll(async () => {
    globalThis.fetch = realFetch;
    setTenantSelection(ALL_TENANTS);
    await t?.close();
  });

  it('create, getOne, getList (sort, range, filter, Content-Range total), getMany, getManyReference', async () => {
    const acme = await t.tenant('dp-acme');
    setTenantSelection(acme.id);
    const titles = ['alpha', 'bravo', 'charlie'];
    const created = [];
    for (const title of titles) created.push((await dataProvider.create('example-notes', { data: { title } })).data);
    expect(created.map((n) => n.tenantId)).toEqual([acme.id, acme.id, acme.id]);

    const one = await dataProvider.getOne('example-notes', { id: created[1].id });
    expect(one.data.title).toBe('bravo');

    const page = await dataProvider.getList('example-notes', { pagination: { page: 1, perPage: 2 }, sort: { field: 'title', order: 'DESC' }, filter: {} });
    expect(page.total).toBe(3);
    expect(page.data.map((n) => n.title)).toEqual(['charlie', 'bravo']);
    const searched = await dataProvider.getList('example-notes', { pagination: { page: 1, perPage: 10 }, sort: { field: 'title', order: 'ASC' }, filter: { q: 'alp' } });
    expect(searched.data.map((n) => n.title)).toEqual(['alpha']);

    const many = await dataProvider.getMany('example-notes', { ids: [created[0].id, created[2].id] });
    expect(many.data.map((n) => n.title).sort()).toEqual(['alpha', 'charlie']);

    const ref = await dataProvider.getManyReference('example-notes', { target: 'tenantId', id: acme.id, pagination: { page: 1, perPage: 10 }, sort: { field: 'title', order: 'ASC' }, filter: {} });
    expect(ref.total).toBe(3);
  });

  it('update sends only changed fields, updateMany, delete, deleteMany', async () => {
    const list = await dataProvider.getList('example-notes', { pagination: { page: 1, perPage: 10 }, sort: { field: 'title', order: 'ASC' }, filter: {} });
    const [a, b, c] = list.data;
    const updated = await dataProvider.update('example-notes', { id: a.id, data: { ...a, done: true }, previousData: a });
    expect(updated.data.done).toBe(true);
    const bulk = await dataProvider.updateMany('example-notes', { ids: [b.id, c.id], data: { done: true } });
    expect(bulk.data?.sort()).toEqual([b.id, c.id].sort());
    const removed = await dataProvider.delete('example-notes', { id: a.id, previousData: a });
    expect(removed.data.id).toBe(a.id);
    await dataProvider.deleteMany('example-notes', { ids: [b.id, c.id] });
    expect((await dataProvider.getList('example-notes', { pagination: { page: 1, perPage: 10 }, sort: { field: 'id', order: 'ASC' }, filter: {} })).total).toBe(0);
  });

  it('sends a fresh Idempotency-Key with every mutation (none with reads), and the kernel keeps the answer under it', async () => {
    const acme = await t.tenant('dp-acme');
    setTenantSelection(acme.id);
    sent.length = 0;
    const note = (await dataProvider.create('example-notes', { data: { title: 'keyed' } })).data;
    await dataProvider.update('example-notes', { id: note.id, data: { ...note, done: true }, previousData: note });
    await dataProvider.getOne('example-notes', { id: note.id });
    await dataProvider.delete('example-notes', { id: note.id, previousData: note });
    await dataProvider.api('/example/ping');
    const mutations = sent.filter((r) => r.method !== 'GET');
    expect(mutations.map((r) => r.method)).toEqual(['POST', 'PATCH', 'DELETE']);
    for (const r of mutations) expect(r.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(mutations.map((r) => r.key)).size).toBe(3);
    for (const r of sent.filter((x) => x.method === 'GET')) expect(r.key).toBeNull();
    const stored = await t.sql<{ key: string; status_code: number }>('SELECT key, status_code FROM kernel_idempotency_keys WHERE key = ANY($1) ORDER BY status_code DESC', [mutations.map((r) => r.key)]);
    expect(stored.map((r) => r.status_code)).toEqual([201, 200, 200]);
  });

  it('surfaces problem+json errors as HttpError carrying the detail', async () => {
    await expect(dataProvider.create('example-notes', { data: { title: '' } })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/title/) });
    await expect(dataProvider.getOne('example-notes', { id: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ status: 404 });
  });

  it('kernel extras: tenant lifecycle with a reason, plugin enablement, settings, jobs, permissions, audit CSV', async () => {
    setTenantSelection(ALL_TENANTS);
    const globex = await t.tenant('dp-globex');
    const suspended = await dataProvider.tenantTransition(globex.id, 'suspend', 'data provider test');
    expect(suspended.data.status).toBe('suspended');
    expect((await dataProvider.tenantTransition(globex.id, 'activate', 'back')).data.status).toBe('active');
    const deleted = await dataProvider.delete('tenants', { id: globex.id, meta: { reason: 'closing' } });
    expect(deleted.data.status).toBe('deleted');

    const acme = await t.tenant('dp-acme');
    await dataProvider.setPluginEnabled('example', acme.id, false);
    setTenantSelection(acme.id);
    await expect(dataProvider.getList('example-notes', { pagination: { page: 1, perPage: 1 }, sort: { field: 'id', order: 'ASC' }, filter: {} })).rejects.toMatchObject({ status: 403 });
    setTenantSelection(ALL_TENANTS);
    await dataProvider.setPluginEnabled('example', acme.id, true);

    const saved = await dataProvider.savePluginSettings('example', { greeting: 'hi', apiToken: 'sk_secret' });
    expect((saved as any).values).toMatchObject({ greeting: 'hi', apiToken: '••••••' });
    expect(((await dataProvider.pluginSettings('example')) as any).values.apiToken).toBe('••••••');

    await dataProvider.runJob('example.tick');
    expect((await dataProvider.jobRuns('example.tick')).length).toBeGreaterThan(0);
    const jobs = await dataProvider.getList('jobs', { pagination: { page: 1, perPage: 50 }, sort: { field: 'name', order: 'ASC' }, filter: {} });
    expect(jobs.data.map((j) => j.name)).toContain('example.tick');

    expect((await dataProvider.permissionCatalog()).map((p) => p.key)).toContain('example.write');
    const csv = await dataProvider.exportAuditCsv({ filter: { action: 'tenant.suspended' } });
    const text = await csv.blob.text();
    expect(text.split('\n')[0]).toMatch(/^id,at,/);
    expect(text).toContain('data provider test');
    expect(await dataProvider.api('/example/ping')).toEqual({ ok: true });
  });

  it('dead letters: getList paged by the API with the total, deadLetters, retryDeadLetter', async () => {
    setTenantSelection(ALL_TENANTS);
    for (const n of [1, 2, 3]) await emitFlakyPing(t.kernel, { n });

    const first = await dataProvider.getList('dead-letters', { pagination: { page: 1, perPage: 2 }, sort: { field: 'id', order: 'ASC' }, filter: {} });
    expect(first.total).toBe(3);
    expect(first.data.map((d) => d.payload)).toEqual([{ n: 3 }, { n: 2 }]);
    expect(first.data[0]).toMatchObject({ id: `${first.data[0].eventId}/${FLAKY_SUBSCRIBER}`, subscriber: FLAKY_SUBSCRIBER, attempts: 1, maxAttempts: 1 });
    expect(first.data[0].lastError).toContain(FLAKY_ERROR);
    const second = await dataProvider.getList('dead-letters', { pagination: { page: 2, perPage: 2 }, sort: { field: 'id', order: 'ASC' }, filter: {} });
    expect(second.data.map((d) => d.payload)).toEqual([{ n: 1 }]);
    expect(second.total).toBe(3);
    expect((await dataProvider.deadLetters({ limit: 1, offset: 1 })).data.map((d) => d.payload)).toEqual([{ n: 2 }]);

    flaky.failing = false;
    const newest = first.data[0];
    await dataProvider.retryDeadLetter(newest.eventId, newest.subscriber);
    await t.kernel.services.events.drain();
    expect(flaky.delivered).toEqual([{ n: 3 }]);
    expect((await dataProvider.deadLetters({ limit: 25, offset: 0 })).total).toBe(2);
    await expect(dataProvider.retryDeadLetter(newest.eventId, newest.subscriber)).rejects.toMatchObject({ status: 404, message: expect.stringMatching(/already retried/) });
  });
});

import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import example from '@platform/plugin-example';

/** Polls until `check` passes (the change arrives over NOTIFY, a moment after the commit). */
async function eventually(check: () => Promise<void>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

const titles = async (client: TestClient, url = '/api/example/notes?sort=["title","ASC"]') => {
  const res = await client.inject(url);
  expect(res.statusCode, res.body).toBe(200);
  return { titles: (res.json() as { title: string }[]).map((n) => n.title), range: res.headers['content-range'] };
};

/**
 * CRUD list pages are kept until their table changes. These prove the page is never stale after a
 * write, whoever makes it: the CRUD helper on this instance, raw SQL on another connection, or another
 * kernel on the same database; and that a kept page never crosses tenants.
 */
describe('CRUD list cache', () => {
  let t: TestKernel;
  let peer: TestKernel;
  let a: TestClient;
  let b: TestClient;
  let peerA: TestClient;

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [example] });
    peer = await createTestKernel({ plugins: [example], databaseUrl: t.databaseUrl!, config: { background: false } });
    a = await t.signIn({ role: 'tenant_admin', tenant: 'cache-a' });
    b = await t.signIn({ role: 'tenant_admin', tenant: 'cache-b' });
    peerA = await peer.signIn({ role: 'tenant_admin', tenant: 'cache-a' });
    for (const title of ['a1', 'a2']) expect((await a.inject({ method: 'POST', url: '/api/example/notes', payload: { title } })).statusCode).toBe(201);
    expect((await b.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'b1' } })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await peer?.close();
    await t?.close();
  });

  it('serves a repeated page from the cache, and each tenant its own page for the same URL', async () => {
    expect(await titles(a)).toEqual({ titles: ['a1', 'a2'], range: 'notes 0-1/2' });
    expect(await titles(b)).toEqual({ titles: ['b1'], range: 'notes 0-0/1' });
    expect(await titles(a)).toEqual({ titles: ['a1', 'a2'], range: 'notes 0-1/2' });
    expect(t.kernel.services.readCache.size).toBeGreaterThan(0);
  });

  it('shows a CRUD write at once on the writing instance', async () => {
    await titles(a);
    const created = await a.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'a3' } });
    expect(created.statusCode).toBe(201);
    expect((await titles(a)).titles).toEqual(['a1', 'a2', 'a3']);
    expect((await a.inject({ method: 'PATCH', url: `/api/example/notes/${created.json().id}`, payload: { title: 'a0' } })).statusCode).toBe(200);
    expect((await titles(a)).titles).toEqual(['a0', 'a1', 'a2']);
    expect((await a.inject({ method: 'DELETE', url: `/api/example/notes/${created.json().id}` })).statusCode).toBe(200);
    expect(await titles(a)).toEqual({ titles: ['a1', 'a2'], range: 'notes 0-1/2' });
  });

  it('shows a write made through the ORM outside the CRUD helper at once, with or without a transaction', async () => {
    await titles(a);
    const em = t.kernel.orm.em.fork();
    em.create('ExampleNote', { tenantId: a.tenant!.id, title: 'a1-orm', body: '', done: false });
    await em.flush();
    expect((await titles(a)).titles).toContain('a1-orm');
    await t.kernel.orm.em.fork().transactional(async (tx) => {
      const row = await tx.findOneOrFail('ExampleNote', { title: 'a1-orm' } as any, { filters: false });
      tx.remove(row);
    });
    expect((await titles(a)).titles).not.toContain('a1-orm');
  });

  it('drops a kept page when raw SQL on another connection changes the table', async () => {
    await titles(a);
    const client = new pg.Client({ connectionString: t.databaseUrl! });
    await client.connect();
    try {
      await client.query(`UPDATE example_notes SET title = 'a2-renamed' WHERE title = 'a2' AND tenant_id = $1`, [a.tenant!.id]);
    } finally {
      await client.end();
    }
    await eventually(async () => expect((await titles(a)).titles).toEqual(['a1', 'a2-renamed']));
  });

  it('drops a kept page when another kernel on the same database writes', async () => {
    const before = (await titles(a)).titles;
    const created = await peerA.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'from-peer' } });
    expect(created.statusCode, created.body).toBe(201);
    await eventually(async () => expect((await titles(a)).titles).toEqual([...before, 'from-peer'].sort()));
    expect((await titles(b)).titles).toEqual(['b1']);
  });

  it('never keeps a page that failed validation', async () => {
    const bad = await a.inject('/api/example/notes?sort=["nope","ASC"]');
    expect(bad.statusCode).toBe(400);
    expect((await a.inject('/api/example/notes?sort=["nope","ASC"]')).statusCode).toBe(400);
  });
});

describe('CRUD list cache on the embedded database', () => {
  let t: TestKernel;
  afterAll(async () => t?.close());

  it('drops a kept page when SQL outside the CRUD helper changes the table', async () => {
    t = await createTestKernel({ plugins: [example], database: 'embedded' });
    const a = await t.signIn({ role: 'tenant_admin', tenant: 'emb-a' });
    expect((await a.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'one' } })).statusCode).toBe(201);
    expect((await titles(a)).titles).toEqual(['one']);
    await t.kernel.orm.em.fork().getConnection().execute(`UPDATE example_notes SET title = 'two'`);
    await eventually(async () => expect((await titles(a)).titles).toEqual(['two']));
  });
});

describe('CRUD list cache turned off (LIST_CACHE=off)', () => {
  let t: TestKernel;
  afterAll(async () => t?.close());

  it('reads every page from the database and keeps nothing', async () => {
    t = await createTestKernel({ plugins: [example], config: { listCache: false } });
    const a = await t.signIn({ role: 'tenant_admin', tenant: 'nocache-a' });
    expect((await a.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'one' } })).statusCode).toBe(201);
    expect((await titles(a)).titles).toEqual(['one']);
    expect((await titles(a)).titles).toEqual(['one']);
    expect(t.kernel.services.readCache.size).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import example from '@platform/plugin-example';
import { createIdempotencyProbe } from '../support/idempotency-probe-plugin.ts';
import { expectProblem, type InjectOptions } from './support/http.ts';

const quiet = { logLevel: process.env.TEST_LOG_LEVEL ?? 'silent' };

/** Idempotency-Key on mutations: replays, mismatches, concurrency, two instances, scoping, retention. */
describe('Idempotency-Key on mutations (real PostgreSQL)', () => {
  const probe = createIdempotencyProbe();
  let t: TestKernel;
  let second: TestKernel;
  let staff: TestClient;
  let tenantId: string;

  const notes = async (title: string) => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM example_notes WHERE title = $1', [title]))[0].n;
  const probeRows = async (label: string) => (await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM idem_probe_writes WHERE label = $1', [label]))[0].n;
  const createNote = (title: string, key: string, client: TestClient = staff): Promise<Awaited<ReturnType<TestClient['inject']>>> =>
    client.inject({ method: 'POST', url: '/api/example/notes', headers: { 'idempotency-key': key }, payload: { title } });
  /** The same caller (bearer token, tenant) on another kernel instance. */
  const onSecond = (opts: InjectOptions) => second.kernel.app.inject({ ...opts, headers: { authorization: `Bearer ${staff.token}`, 'x-tenant-id': tenantId, ...(opts.headers ?? {}) } });

  beforeAll(async () => {
    t = await createTestKernel({ plugins: [example, probe.plugin], config: { ...quiet, idempotencyMaxAnswerBytes: 4096 }, as: { role: 'super_admin', tenant: 'idem-acme' } });
    staff = t.client;
    tenantId = staff.tenant!.id;
    // Instances of one deployment share PLATFORM_SECRET_KEY (stored answers are sealed with it).
    second = await createTestKernel({ plugins: [example, probe.plugin], config: { ...quiet, secretKey: t.kernel.config.secretKey }, databaseUrl: t.databaseUrl! });
  });

  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('a retry with the same key and body replays the first answer and creates one row', async () => {
    const key = randomUUID();
    const first = await createNote('replayed', key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await createNote('replayed', key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers['content-type']).toBe(first.headers['content-type']);
    expect(retry.json()).toEqual(first.json());
    expect(await notes('replayed')).toBe(1);
    // Without a key every POST is a new note.
    await staff.inject({ method: 'POST', url: '/api/example/notes', payload: { title: 'replayed' } });
    expect(await notes('replayed')).toBe(2);
  });

  it('updates and deletes replay too; a 404 is replayed as it was', async () => {
    const id = (await createNote('to-edit', randomUUID())).json().id;
    const patchKey = randomUUID();
    const patch = () => staff.inject({ method: 'PATCH', url: `/api/example/notes/${id}`, headers: { 'idempotency-key': patchKey }, payload: { done: true } });
    const patched = await patch();
    expect(patched.statusCode).toBe(200);
    const again = await patch();
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(patched.json());

    const deleteKey = randomUUID();
    const del = () => staff.inject({ method: 'DELETE', url: `/api/example/notes/${id}`, headers: { 'idempotency-key': deleteKey } });
    expect((await del()).statusCode).toBe(200);
    const delAgain = await del();
    expect(delAgain.statusCode).toBe(200);
    expect(delAgain.headers['idempotent-replayed']).toBe('true');

    const missing = randomUUID();
    const gone = () => staff.inject({ method: 'DELETE', url: `/api/example/notes/${missing}`, headers: { 'idempotency-key': deleteKey + '-404' } });
    const first = await gone();
    expectProblem(first, 404, 'not_found');
    const goneAgain = await gone();
    // The first answer as it was, its requestId included; the retry's own id is in x-request-id.
    expect(goneAgain.statusCode).toBe(404);
    expect(goneAgain.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(goneAgain.headers['idempotent-replayed']).toBe('true');
    expect(goneAgain.json()).toEqual(first.json());
  });

  it("kernel routes too: a new API key is created once, its one-time secret replayed to the same caller and stored encrypted", async () => {
    const key = randomUUID();
    const create = () => t.inject({ method: 'POST', url: '/api/api-keys', headers: { 'idempotency-key': key, 'x-tenant-id': '*' }, payload: { name: 'idem-key', permissions: ['example.read'] } });
    const first = await create();
    expect(first.statusCode, first.body).toBe(201);
    const secret = first.json().key as string;
    expect(secret).toMatch(/^pk_/);
    const retry = await create();
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().key).toBe(secret);
    expect((await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM api_keys WHERE name = 'idem-key'`))[0].n).toBe(1);
    const [row] = await t.sql<{ body: string }>('SELECT body FROM kernel_idempotency_keys WHERE key = $1', [key]);
    expect(row.body).not.toContain(secret);
  });

  it('sign-in has no caller to scope a key to: it is not deduplicated, and its token is never stored', async () => {
    const key = randomUUID();
    const login = () => t.kernel.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'idempotency-key': key }, payload: { email: t.kernel.config.adminEmail, password: 'test-admin-password' } });
    const [a, b] = [await login(), await login()];
    expect(a.statusCode).toBe(200);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.json().token).not.toBe(a.json().token);
    expect(await t.sql('SELECT 1 FROM kernel_idempotency_keys WHERE key = $1', [key])).toHaveLength(0);
  });

  it('the OpenAPI document lists the header on mutations, not on reads', async () => {
    const doc = (await t.kernel.app.inject('/api/openapi.json')).json();
    const headerOf = (op: any) => (op.parameters ?? []).find((p: any) => p.in === 'header' && p.name === 'idempotency-key');
    for (const op of [doc.paths['/api/example/notes'].post, doc.paths['/api/example/notes/{id}'].patch, doc.paths['/api/example/notes/{id}'].delete, doc.paths['/api/api-keys'].post])
      expect(headerOf(op)).toMatchObject({ required: false, schema: { type: 'string', maxLength: 255 } });
    expect(headerOf(doc.paths['/api/example/notes'].get)).toBeUndefined();
    // documenting it did not make the route validate it: the kernel's own check names the header
    expectProblem(await createNote('doc-check', ''), 400, 'validation_failed', 'Idempotency-Key');
  });

  it('a POST route declaring readOnly takes no key: nothing is stored or replayed, every call runs, and it is not documented', async () => {
    const key = randomUUID();
    const read = () => staff.inject({ method: 'POST', url: '/api/idem-probe/counts', headers: { 'idempotency-key': key }, payload: { label: 'read-only' } });
    const before = probe.calls;
    for (let i = 0; i < 2; i++) {
      const res = await read();
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
    }
    expect(probe.calls - before).toBe(2);
    expect((await t.sql<{ n: number }>('SELECT count(*)::int AS n FROM kernel_idempotency_keys WHERE key = $1', [key]))[0].n).toBe(0);
    const doc = (await t.kernel.app.inject('/api/openapi.json')).json();
    expect((doc.paths['/api/idem-probe/counts'].post.parameters ?? []).some((p: any) => p.name === 'idempotency-key')).toBe(false);
  });

  it('the same key with a different body, method or URL answers 422 naming the header', async () => {
    const key = randomUUID();
    expect((await createNote('original', key)).statusCode).toBe(201);
    expectProblem(await createNote('different', key), 422, 'idempotency_key_reused', 'Idempotency-Key');
    expect(await notes('different')).toBe(0);
    expectProblem(await staff.inject({ method: 'POST', url: '/api/idem-probe/writes', headers: { 'idempotency-key': key }, payload: { title: 'original' } }), 400);
  });

  it('a malformed key is a 400 naming Idempotency-Key, and nothing is written', async () => {
    expectProblem(await createNote('bad-key', 'x'.repeat(256)), 400, 'validation_failed', 'Idempotency-Key');
    expectProblem(await createNote('bad-key', 'tab\there'), 400, 'validation_failed', 'Idempotency-Key');
    expectProblem(await createNote('bad-key', '   '), 400, 'validation_failed', 'Idempotency-Key');
    expect(await notes('bad-key')).toBe(0);
    expect((await createNote('good-key', 'k'.repeat(255))).statusCode).toBe(201);
  });

  it('two kernels on one database: a retry on the other instance replays, one row', async () => {
    const key = randomUUID();
    const first = await createNote('two-instances', key);
    expect(first.statusCode).toBe(201);
    const retry = await onSecond({ method: 'POST', url: '/api/example/notes', headers: { 'idempotency-key': key }, payload: { title: 'two-instances' } });
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    expect(await notes('two-instances')).toBe(1);
  });

  it('concurrent duplicates, on one instance and across two: one row, the others 409 or the replay', async () => {
    for (const spread of [false, true]) {
      const key = randomUUID();
      const title = `concurrent-${spread}`;
      const send = (i: number) => {
        const opts = { method: 'POST' as const, url: '/api/example/notes', headers: { 'idempotency-key': key }, payload: { title } };
        return spread && i % 2 ? onSecond(opts) : staff.inject(opts);
      };
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => send(i)));
      const codes = answers.map((a) => (a.statusCode === 201 ? (a.headers['idempotent-replayed'] ? 'replayed' : 'created') : `${a.statusCode} ${a.json().code}`));
      expect(codes.filter((c) => c === 'created'), codes.join(', ')).toHaveLength(1);
      for (const c of codes) expect(['created', 'replayed', '409 idempotency_in_progress']).toContain(c);
      for (const a of answers.filter((x) => x.statusCode === 409)) if (!spread) expect(a.headers['retry-after']).toBe('1');
      expect(await notes(title)).toBe(1);
      const later = await send(1);
      expect(later.statusCode).toBe(201);
      expect(later.headers['idempotent-replayed']).toBe('true');
    }
  });

  it("another caller's key is independent: same key and body, its own row", async () => {
    const key = randomUUID();
    const other = await t.signIn({ role: 'admin', tenant: 'idem-acme' });
    expect((await createNote('per-caller', key)).statusCode).toBe(201);
    const theirs = await createNote('per-caller', key, other);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(await notes('per-caller')).toBe(2);
    // a tenant user (its writes run under row-level security): its own key, replayed to it alone
    const tenantUser = await t.signIn({ role: 'tenant_admin', tenant: 'idem-acme' });
    const mine = await createNote('per-caller', key, tenantUser);
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.headers['idempotent-replayed']).toBeUndefined();
    const mineAgain = await createNote('per-caller', key, tenantUser);
    expect(mineAgain.headers['idempotent-replayed']).toBe('true');
    expect(mineAgain.json()).toEqual(mine.json());
    await t.sql('DELETE FROM example_notes WHERE id = $1', [mine.json().id]);
    // and in another tenant the same caller's key is another key
    const beta = await t.tenant('idem-beta');
    const inBeta = await staff.inject({ method: 'POST', url: '/api/example/notes', headers: { 'idempotency-key': key, 'x-tenant-id': beta.id }, payload: { title: 'per-caller' } });
    expect(inBeta.statusCode).toBe(201);
    expect(inBeta.headers['idempotent-replayed']).toBeUndefined();
    expect(await notes('per-caller')).toBe(3);
  });

  it('a 5xx before the commit frees the key: the retry does the work once', async () => {
    const key = randomUUID();
    const send = () => staff.inject({ method: 'POST', url: '/api/idem-probe/writes', headers: { 'idempotency-key': key }, payload: { label: 'failed-first' } });
    probe.failuresBeforeCommit = 1;
    expectProblem(await send(), 500);
    expect(await probeRows('failed-first')).toBe(0);
    const retry = await send();
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.json().rows).toBe(1);
    expect((await send()).headers['idempotent-replayed']).toBe('true');
    expect(await probeRows('failed-first')).toBe(1);
  });

  it('a 5xx after the commit keeps the key: the retry is told the work was done, never does it twice', async () => {
    const key = randomUUID();
    const send = (on: 'first' | 'second' = 'first') => {
      const opts = { method: 'POST' as const, url: '/api/idem-probe/writes', headers: { 'idempotency-key': key }, payload: { label: 'failed-after' } };
      return on === 'first' ? staff.inject(opts) : onSecond(opts);
    };
    probe.afterCommit = async () => {
      throw new Error('probe: the answer is lost after the commit');
    };
    try {
      expectProblem(await send(), 500);
    } finally {
      probe.afterCommit = async () => undefined;
    }
    expect(await probeRows('failed-after')).toBe(1);
    const retry = expectProblem(await send('second'), 409, 'idempotency_answer_unavailable', 'Idempotency-Key');
    expect(retry.originalStatus).toBe(500);
    expect(await probeRows('failed-after')).toBe(1);
  });

  it('an answer over the size cap is not kept: the retry is told the work was done, and nothing is written twice', async () => {
    const key = randomUUID();
    const send = () => staff.inject({ method: 'POST', url: '/api/example/notes', headers: { 'idempotency-key': key }, payload: { title: 'large', body: 'x'.repeat(5000) } });
    expect((await send()).statusCode).toBe(201);
    const retry = expectProblem(await send(), 409, 'idempotency_answer_unavailable', 'Idempotency-Key');
    expect(retry.originalStatus).toBe(201);
    expect(await notes('large')).toBe(1);
  });

  it('answers are stored sealed, and the retention job purges them; the key is then new', async () => {
    const key = randomUUID();
    expect((await createNote('retained', key)).statusCode).toBe(201);
    const [row] = await t.sql<{ body: string; state: string }>('SELECT body, state FROM kernel_idempotency_keys WHERE key = $1', [key]);
    expect(row.state).toBe('completed');
    expect(row.body).toMatch(/^enc:v1:/);
    expect(row.body).not.toContain('retained');

    await t.kernel.services.jobs.runNow('kernel.purge-idempotency-keys');
    expect(await t.sql('SELECT 1 FROM kernel_idempotency_keys WHERE key = $1', [key])).toHaveLength(1);
    await t.sql(`UPDATE kernel_idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1`, [key]);
    await t.kernel.services.jobs.runNow('kernel.purge-idempotency-keys');
    expect(await t.sql('SELECT 1 FROM kernel_idempotency_keys WHERE key = $1', [key])).toHaveLength(0);
    const after = await createNote('retained', key);
    expect(after.statusCode).toBe(201);
    expect(after.headers['idempotent-replayed']).toBeUndefined();
    expect(await notes('retained')).toBe(2);
  });

  it('an expired answer not yet purged is not replayed either', async () => {
    const key = randomUUID();
    expect((await createNote('expired', key)).statusCode).toBe(201);
    await t.sql(`UPDATE kernel_idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1`, [key]);
    const again = await createNote('expired', key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(await notes('expired')).toBe(2);
  });
});

describe('Idempotency-Key on the embedded database (PGlite, one session)', () => {
  it('the key row is written inside the route transaction on the single connection, and replays', async () => {
    const t = await createTestKernel({ plugins: [example], database: 'embedded', config: quiet, as: { role: 'super_admin', tenant: 'idem-embedded' } });
    try {
      const key = randomUUID();
      const send = () => t.inject({ method: 'POST', url: '/api/example/notes', headers: { 'idempotency-key': key }, payload: { title: 'embedded' } });
      const first = await send();
      expect(first.statusCode, first.body).toBe(201);
      const answers = await Promise.all([send(), send(), send()]);
      for (const a of answers) {
        expect(a.statusCode).toBe(201);
        expect(a.json()).toEqual(first.json());
      }
      expect((await t.sql<{ n: number }>(`SELECT count(*)::int AS n FROM example_notes WHERE title = 'embedded'`))[0].n).toBe(1);
      expect((await t.sql<{ state: string }>('SELECT state FROM kernel_idempotency_keys WHERE key = $1', [key]))[0].state).toBe('completed');
    } finally {
      await t.close();
    }
  }, 120_000);
});

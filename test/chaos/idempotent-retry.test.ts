import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { createTestKernel, type TestClient, type TestKernel } from '@platform/sdk/testing';
import { startThrowawayCluster, type ThrowawayCluster } from './support/throwaway-cluster.ts';
import { createIdempotencyProbe } from '../support/idempotency-probe-plugin.ts';

/**
 * Issue #13, "writes that committed but answered 500": two kernel instances on a PostgreSQL cluster of the
 * test's own. A write is sent to instance 1 and its answer is lost (the client hangs up) or is a 5xx (the
 * database stops right after the commit, or before it); the client retries on instance 2 with the same
 * Idempotency-Key, as long as it gets 5xx. Whatever happened, there is exactly one row.
 */
describe('chaos: a retried write with the same Idempotency-Key', () => {
  const probe = createIdempotencyProbe();
  let cluster: ThrowawayCluster;
  let one: TestKernel;
  let two: TestKernel;
  let staff: TestClient;
  const urls: string[] = [];

  const rows = async (label: string): Promise<number> => {
    const c = new pg.Client({ connectionString: cluster.url });
    await c.connect();
    try {
      return (await c.query('SELECT count(*)::int AS n FROM idem_probe_writes WHERE label = $1', [label])).rows[0].n;
    } finally {
      await c.end();
    }
  };

  const post = (instance: 0 | 1, label: string, key: string, signal?: AbortSignal) =>
    fetch(`${urls[instance]}/api/idem-probe/writes`, {
      method: 'POST',
      headers: { authorization: `Bearer ${staff.token}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify({ label }),
      signal,
    });

  /** What a client does: the same request, same key, on the other instance, while the answer is a 5xx or "still running". */
  const retryOnSecond = async (label: string, key: string): Promise<Response> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const res = await post(1, label, key);
      const running = res.status === 409 && (await res.clone().json()).code === 'idempotency_in_progress';
      if ((res.status < 500 && !running) || Date.now() > deadline) return res;
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, 250));
    }
  };

  /** Instance 1 answers, but the client hangs up first: it never sees the answer. */
  const postAndHangUp = async (label: string, key: string, beforeAnswer: () => void = () => undefined): Promise<void> => {
    const hangUp = new AbortController();
    let answered!: () => void;
    const handlerDone = new Promise<void>((resolve) => (answered = resolve));
    probe.afterCommit = async () => {
      probe.afterCommit = async () => undefined;
      hangUp.abort();
      await new Promise((r) => setTimeout(r, 100));
      beforeAnswer();
      answered();
    };
    await expect(post(0, label, key, hangUp.signal)).rejects.toThrow();
    await handlerDone;
  };

  beforeAll(async () => {
    cluster = await startThrowawayCluster();
    const config = { logLevel: process.env.TEST_LOG_LEVEL ?? 'silent', secretKey: randomBytes(32) };
    one = await createTestKernel({ plugins: [probe.plugin], databaseUrl: cluster.url, config });
    two = await createTestKernel({ plugins: [probe.plugin], databaseUrl: cluster.url, config });
    staff = one.client;
    for (const k of [one, two]) urls.push(await k.kernel.app.listen({ host: '127.0.0.1', port: 0 }));
  }, 120_000);

  afterAll(async () => {
    probe.afterCommit = async () => undefined;
    for (const k of [two, one]) await k?.close().catch(() => undefined);
    cluster?.destroy();
  });

  it('the answer is lost (the client hung up after the commit): the retry on instance 2 replays it, one row', async () => {
    const key = randomUUID();
    await postAndHangUp('lost-answer', key);
    const retry = await retryOnSecond('lost-answer', key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toMatchObject({ label: 'lost-answer', rows: 1 });
    expect(await rows('lost-answer')).toBe(1);
  });

  it('the database stops right after the commit (the answer is a 503): the retry does not write again, one row', async () => {
    const key = randomUUID();
    // `fast`: clients are cut off, but what committed stays (the cluster runs with synchronous_commit=off, so
    // after an `immediate` crash the last commits may be gone, the write and its key's row together).
    probe.afterCommit = async () => {
      probe.afterCommit = async () => undefined;
      cluster.stop('fast');
    };
    const first = await post(0, 'after-commit', key);
    expect(first.status).toBe(503); // database_unavailable
    cluster.start();
    const callsBefore = probe.calls;

    // Instance 1 records the 5xx once the database is back: the retry learns the work was done.
    const retry = await retryOnSecond('after-commit', key);
    const body = await retry.json();
    expect(retry.status, JSON.stringify(body)).toBe(409);
    expect(body).toMatchObject({ code: 'idempotency_answer_unavailable', field: 'Idempotency-Key', originalStatus: first.status });
    expect(probe.calls).toBe(callsBefore); // the route did not run again
    expect(await rows('after-commit')).toBe(1);
  });

  it('the database stops after the commit, the 201 cannot be stored and the client hung up: stored once the database is back, replayed on instance 2', async () => {
    const key = randomUUID();
    probe.readAfterCommit = false;
    try {
      await postAndHangUp('unstored-answer', key, () => cluster.stop('fast'));
    } finally {
      probe.readAfterCommit = true;
      cluster.start();
    }
    const callsBefore = probe.calls;
    const retry = await retryOnSecond('unstored-answer', key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await retry.json()).toMatchObject({ label: 'unstored-answer', rows: null });
    expect(probe.calls).toBe(callsBefore);
    expect(await rows('unstored-answer')).toBe(1);
  });

  it('the database is down before the commit (the answer is a 503): the retry on instance 2 does the work once', async () => {
    const key = randomUUID();
    cluster.stop('immediate');
    try {
      const first = await post(0, 'before-commit', key);
      expect(first.status).toBe(503); // database_unavailable
    } finally {
      cluster.start();
    }
    const retry = await retryOnSecond('before-commit', key);
    expect(retry.status).toBe(201);
    expect(await retry.json()).toMatchObject({ label: 'before-commit', rows: 1 });
    const again = await post(0, 'before-commit', key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await rows('before-commit')).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { definePlugin } from '@platform/sdk';

/** Marks when the slow handler starts and ends, so the test can close the kernel while it runs. */
const progress = { started: 0, finished: 0 };

/** A route that waits ~300 ms, then still needs the database: it only succeeds if close() drains it first. */
const slow = definePlugin({
  name: 'slow',
  version: '1.0.0',
  kernel: '^0.1.0',
  boot(ctx) {
    ctx.routes.add({
      method: 'GET',
      url: '/wait',
      public: true,
      tenantScoped: false,
      schema: { summary: 'Answers after 300 ms (test fixture)' },
      async handler() {
        progress.started = Date.now();
        await sleep(300);
        const [row] = await ctx.db.sql<{ answer: number }>('SELECT 42 AS answer');
        progress.finished = Date.now();
        return { answer: row.answer };
      },
    });
  },
});

/**
 * A GET on its own connection (`Connection: close`); the keep-alive case has its own test below.
 */
function get(url: string): Promise<{ status: number; body: any; at: number }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, headers: { connection: 'close' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), at: Date.now() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('graceful shutdown', () => {
  let t: TestKernel;
  let url: string;
  beforeAll(async () => {
    t = await createTestKernel({ plugins: [slow], config: { host: '127.0.0.1', port: 0 } });
    url = await t.kernel.listen();
  });
  afterAll(async () => t?.close());

  it('lets an in-flight request finish with 200 before close() resolves', async () => {
    const response = get(`${url}/api/slow/wait`);
    const deadline = Date.now() + 5000;
    while (!progress.started && Date.now() < deadline) await sleep(5);
    expect(progress.started, 'the slow handler never started').toBeGreaterThan(0);

    const closing = t.kernel.close().then(() => Date.now());
    const [res, closedAt] = await Promise.all([response, closing]);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ answer: 42 });
    expect(progress.finished).toBeGreaterThan(0);
    expect(progress.finished - progress.started).toBeGreaterThanOrEqual(290);
    // close() waited for the handler (and its database query), and the response went out before it resolved.
    expect(closedAt).toBeGreaterThanOrEqual(progress.finished);
    expect(closedAt).toBeGreaterThanOrEqual(res.at);

    // Closed for good: new connections are refused.
    await expect(get(`${url}/api/slow/wait`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('closes promptly while a keep-alive client is in flight (no wait for the keep-alive timeout)', async () => {
    const k = await createTestKernel({ plugins: [slow], config: { host: '127.0.0.1', port: 0 } });
    const base = await k.kernel.listen();
    progress.started = 0;
    const agent = new Agent({ keepAlive: true });
    const response = new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
      request(`${base}/api/slow/wait`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
      })
        .on('error', reject)
        .end();
    });
    const deadline = Date.now() + 5000;
    while (!progress.started && Date.now() < deadline) await sleep(5);
    const startedClosing = Date.now();
    await k.kernel.close();
    const res = await response;
    expect(res.status).toBe(200);
    expect(res.connection).toBe('close');
    // Well under Fastify's 72 s keep-alive timeout: the idle connection was ended, not waited out.
    expect(Date.now() - startedClosing).toBeLessThan(10_000);
    agent.destroy();
  });
});

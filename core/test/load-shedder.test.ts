import { afterEach, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { DEFAULT_LOAD_SHEDDING, LoadShedder, loadSheddingFromEnv, type LoadSheddingConfig } from '../src/http/load-shedder.ts';

/** A Fastify app with the shedder installed first, a route held open until the test lets it go, and the probes. */
async function appWith(config: Partial<LoadSheddingConfig>) {
  const shedder = new LoadShedder({ ...DEFAULT_LOAD_SHEDDING, maxEventLoopDelayMs: 0, maxTurnMs: 0, ...config });
  const app = Fastify({ serverFactory: shedder.serverFactory() });
  shedder.install(app);
  const gates: Array<() => void> = [];
  let started = 0;
  app.get('/api/slow', async () => {
    started++;
    await new Promise<void>((resolve) => gates.push(resolve));
    return { ok: true };
  });
  app.get('/api/fast', async () => ({ ok: true }));
  app.get('/livez', async () => ({ live: true }));
  app.get('/readyz', async () => ({ ready: true }));
  app.get('/console.js', async () => 'static');
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, shedder, url, gates, started: () => started };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
};

describe('LoadShedder', () => {
  const apps: FastifyInstance[] = [];
  afterEach(async () => {
    for (const a of apps.splice(0)) await a.close();
  });

  it('refuses past maxInFlight with a 503 problem and Retry-After on a kept-alive connection, but never the probes', async () => {
    const t = await appWith({ maxInFlight: 2, retryAfterSeconds: 3 });
    apps.push(t.app);
    const held = [fetch(`${t.url}/api/slow`), fetch(`${t.url}/api/slow`)];
    await until(() => t.started() === 2);

    const refused = await fetch(`${t.url}/api/fast`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('3');
    // Closing would make every refused client reconnect: a handshake costs more than the refusal (and libuv accepts
    // one connection per event-loop turn), so the connection stays open for the retry.
    expect(refused.headers.get('connection')).not.toBe('close');
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(await refused.json()).toMatchObject({ status: 503, code: 'overloaded' });
    expect((await fetch(`${t.url}/livez`)).status).toBe(200);
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${t.url}/console.js`)).status).toBe(200);

    for (const release of t.gates) release();
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([200, 200]);
    await until(() => t.shedder.stats().inFlight === 0);
    expect((await fetch(`${t.url}/api/fast`)).status).toBe(200);
  });

  it('keeps the slot of a client that gave up until its handler has finished', async () => {
    const t = await appWith({ maxInFlight: 1 });
    apps.push(t.app);
    const abort = new AbortController();
    const gaveUp = fetch(`${t.url}/api/slow`, { signal: abort.signal }).catch(() => 'aborted');
    await until(() => t.started() === 1);
    abort.abort();
    expect(await gaveUp).toBe('aborted');
    // The response is closed, the work is not done: still full.
    await new Promise((r) => setTimeout(r, 50));
    expect((await fetch(`${t.url}/api/fast`)).status).toBe(503);

    t.gates[0]();
    await until(() => t.shedder.stats().inFlight === 0);
    expect((await fetch(`${t.url}/api/fast`)).status).toBe(200);
  });

  it('does not count event streams as in flight', async () => {
    const t = await appWith({ maxInFlight: 1 });
    apps.push(t.app);
    const stream = fetch(`${t.url}/api/slow`, { headers: { accept: 'text/event-stream' } });
    await until(() => t.started() === 1);
    expect(t.shedder.stats().inFlight).toBe(0);
    expect((await fetch(`${t.url}/api/fast`)).status).toBe(200);
    t.gates[0]();
    await stream;
  });

  it('lets fewer requests in while the event loop is late (twice as late, half as many), never fewer than 8', async () => {
    const t = await appWith({ maxInFlight: 2, maxEventLoopDelayMs: 100 });
    apps.push(t.app);
    expect(t.shedder.admissionLimit()).toBe(2);
    t.shedder.observe({ eventLoopDelayMs: 200, heapUsedBytes: 0 });
    expect(t.shedder.admissionLimit()).toBe(8);
    const wide = new LoadShedder({ ...DEFAULT_LOAD_SHEDDING, maxInFlight: 100, maxEventLoopDelayMs: 100 });
    wide.observe({ eventLoopDelayMs: 400, heapUsedBytes: 0 });
    expect(wide.admissionLimit()).toBe(25);
    wide.observe({ eventLoopDelayMs: 60, heapUsedBytes: 0 });
    expect(wide.admissionLimit()).toBe(100);
  });

  it('refuses the rest of an event-loop turn that has worked past maxTurnMs with many requests, when the turn before did too', async () => {
    const shedder = new LoadShedder({ ...DEFAULT_LOAD_SHEDDING, maxInFlight: 0, maxEventLoopDelayMs: 0, maxTurnMs: 10 });
    const work = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    };
    const nextTurn = () => new Promise((r) => setImmediate(r));
    /** `n` requests arriving in this turn, after `ms` of work; the last one's verdict. */
    const requests = (n: number, ms = 0) => {
      let verdict: string | null = null;
      for (let i = 0; i < n; i++) verdict = shedder.reasonToRefuse();
      work(ms);
      return verdict;
    };
    // A first long turn with many requests: not yet overload (one slow turn happens).
    expect(requests(20, 15)).toBeNull();
    expect(requests(1)).toBeNull();
    await nextTurn();
    // The next turn goes over too, with as many requests: what it reads after its first 10 ms is refused.
    expect(requests(20, 15)).toBeNull();
    expect(requests(1)).toBe('turn');
    await nextTurn();
    // A short turn resets it.
    expect(requests(20)).toBeNull();
    await nextTurn();
    expect(requests(20, 15)).toBeNull();
    expect(requests(1)).toBeNull();
    await nextTurn();
    // Long turns with a handful of requests (a heavy report, a browser's parallel calls) are not a backlog.
    expect(requests(3, 15)).toBeNull();
    await nextTurn();
    expect(requests(3, 15)).toBeNull();
    expect(requests(1)).toBeNull();
  });

  it('refuses everything but the probes while the heap is over its threshold', async () => {
    // No sampler in the way: the readings are the test's.
    const t = await appWith({ maxHeapUsedBytes: 100 * 2 ** 20, sampleIntervalMs: 3_600_000 });
    apps.push(t.app);
    t.shedder.observe({ eventLoopDelayMs: 0, heapUsedBytes: 200 * 2 ** 20 });
    expect((await fetch(`${t.url}/api/fast`)).status).toBe(503);
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
    t.shedder.observe({ eventLoopDelayMs: 0, heapUsedBytes: 50 * 2 ** 20 });
    expect((await fetch(`${t.url}/api/fast`)).status).toBe(200);
  });

  it('reads its thresholds from the environment and refuses nonsense', () => {
    expect(loadSheddingFromEnv({})).toEqual(DEFAULT_LOAD_SHEDDING);
    expect(loadSheddingFromEnv({ SHED_MAX_IN_FLIGHT: '0', SHED_MAX_EVENT_LOOP_DELAY_MS: '80', SHED_MAX_TURN_MS: '25', SHED_MAX_HEAP_MB: '512', SHED_RETRY_AFTER_SECONDS: '5' })).toMatchObject({
      maxInFlight: 0,
      maxEventLoopDelayMs: 80,
      maxTurnMs: 25,
      maxHeapUsedBytes: 512 * 2 ** 20,
      retryAfterSeconds: 5,
    });
    expect(() => loadSheddingFromEnv({ SHED_MAX_IN_FLIGHT: 'lots' })).toThrow('SHED_MAX_IN_FLIGHT');
    expect(() => loadSheddingFromEnv({ SHED_MAX_HEAP_MB: '-1' })).toThrow('SHED_MAX_HEAP_MB');
  });
});

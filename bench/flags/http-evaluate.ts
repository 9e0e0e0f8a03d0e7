// Benchmark 2: POST /api/feature-flags/evaluate for the 14 platform flags at 50 connections, against a
// bare Fastify hello-world measured in the same run (autocannon, as bench/kernel does).
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { startChild } from './child-process.ts';

type AutocannonOptions = Parameters<typeof autocannon>[0];

export interface HttpResult {
  flags: number;
  seconds: number;
  bare: Measured;
  evaluate: Measured;
  /** Every request a different session, so no answer is reused (the memo never helps). */
  distinctUsers: Measured;
}

const CONNECTIONS = 50;

/** Requests/s and latency, and the server's CPU time per request (user + system, µs). */
export interface Measured {
  rps: number;
  p50: number;
  p99: number;
  cpuUs: number;
}

/** The server process's CPU time so far (µs), asked over IPC. */
function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((ok) => {
    child.once('message', (m: any) => ok(m.cpu));
    child.send('cpu');
  });
}

async function measure(child: ChildProcess, opts: AutocannonOptions, seconds: number): Promise<Measured> {
  await autocannon({ ...opts, connections: CONNECTIONS, duration: 2 });
  const before = await cpuOf(child);
  const r = await autocannon({ ...opts, connections: CONNECTIONS, duration: seconds });
  const cpu = (await cpuOf(child)) - before;
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${opts.url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  // CPU per request depends less on what else the (shared) machine does than requests per second.
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, cpuUs: cpu / r.requests.total };
}

export async function measureHttpEvaluate(seconds: number): Promise<HttpResult> {
  const bare = await startChild('../kernel/bare-server.ts');
  const bareResult = await measure(bare.child, { url: bare.info.url }, seconds);
  bare.child.kill();

  const server = await startChild('./flags-server.ts', { FLAGS_BENCH_SETUP: '1' });
  const url = `${server.info.url}/api/feature-flags/evaluate`;
  const request = { method: 'POST' as const, body: '{}', headers: { authorization: `Bearer ${server.info.memberToken}`, 'content-type': 'application/json' } };
  const probe = await fetch(url, request);
  const flags = Object.keys(((await probe.json()) as { flags: Record<string, unknown> }).flags).length;
  try {
    const evaluate = await measure(server.child, { url, ...request }, seconds);
    let user = 0;
    const distinctUsers = await measure(
      server.child,
      { url, ...request, requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: JSON.stringify({ context: { sessionId: `bench-session-${user++}` } }) }) }] } as AutocannonOptions,
      seconds,
    );
    return { flags, seconds, bare: bareResult, evaluate, distinctUsers };
  } finally {
    await server.stop();
  }
}

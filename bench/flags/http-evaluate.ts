// Benchmark 2: POST /api/feature-flags/evaluate for the 14 platform flags at 50 connections, against a
// bare Fastify hello-world measured in the same run, before and after the evaluate runs (autocannon, as
// bench/kernel does).
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { startChild } from './child-process.ts';

type AutocannonOptions = Parameters<typeof autocannon>[0];

export interface HttpResult {
  flags: number;
  seconds: number;
  /** Bare Fastify, measured first and last; `bare` is their mean (the shared machine drifts). */
  bare: Measured;
  bareRuns: [Measured, Measured];
  /** Every request a different user and session (an on-behalf API key names them): nothing is reused per context. */
  distinctUsers: Measured & Distinctness;
  /** Every request a different session of the signed-in member. */
  distinctSessions: Measured & Distinctness;
  /** One repeated context. */
  evaluate: Measured;
}

/** Proof that the contexts were new: how many request bodies were made for how many requests, and how many different answers they got. */
export interface Distinctness {
  contextsSent: number;
  requests: number;
  /** Distinct ETags over a probe of `probed` distinct contexts (the answer varies only where targeting reads the context). */
  distinctAnswers: number;
  probed: number;
}

const CONNECTIONS = 50;

/** Requests/s and latency, and the server's CPU time per request (user + system, µs). */
export interface Measured {
  rps: number;
  p50: number;
  p99: number;
  cpuUs: number;
  requests: number;
}

/** The server process's CPU time so far (µs), asked over IPC. */
function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((ok) => {
    child.once('message', (m: any) => ok(m.cpu));
    child.send('cpu');
  });
}

async function measure(child: ChildProcess, opts: AutocannonOptions, seconds: number, onRun?: () => void): Promise<Measured> {
  await autocannon({ ...opts, connections: CONNECTIONS, duration: 2 });
  onRun?.();
  const before = await cpuOf(child);
  const r = await autocannon({ ...opts, connections: CONNECTIONS, duration: seconds });
  const cpu = (await cpuOf(child)) - before;
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${opts.url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  // CPU per request depends less on what else the (shared) machine does than requests per second.
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, cpuUs: cpu / r.requests.total, requests: r.requests.total };
}

const mean = (a: Measured, b: Measured): Measured => ({ rps: (a.rps + b.rps) / 2, p50: (a.p50 + b.p50) / 2, p99: (a.p99 + b.p99) / 2, cpuUs: (a.cpuUs + b.cpuUs) / 2, requests: a.requests + b.requests });

/** Measures with a new body from `contextOf(n)` on every request (autocannon calls `setupRequest` per request), and probes how many answers differ. */
async function measureDistinct(child: ChildProcess, url: string, headers: Record<string, string>, contextOf: (n: number) => object, seconds: number): Promise<Measured & Distinctness> {
  let next = 0;
  let sent = 0;
  const measured = await measure(
    child,
    { url, method: 'POST', headers, requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: JSON.stringify({ context: contextOf((sent++, next++)) }) }) }] } as AutocannonOptions,
    seconds,
    () => (sent = 0),
  );
  const probed = 200;
  const etags = new Set<string>();
  for (let i = 0; i < probed; i++) {
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ context: contextOf(1e9 + i) }) });
    etags.add(res.headers.get('etag')!);
    await res.arrayBuffer();
  }
  return { ...measured, contextsSent: sent, requests: measured.requests, distinctAnswers: etags.size, probed };
}

export async function measureHttpEvaluate(seconds: number): Promise<HttpResult> {
  const bare = await startChild('../kernel/bare-server.ts');
  const server = await startChild('./flags-server.ts', { FLAGS_BENCH_SETUP: '1' });
  const url = `${server.info.url}/api/feature-flags/evaluate`;
  const member = { authorization: `Bearer ${server.info.memberToken}`, 'content-type': 'application/json' };
  const onBehalf = { authorization: `Bearer ${server.info.onBehalfKey}`, 'content-type': 'application/json' };
  const probe = await fetch(url, { method: 'POST', body: '{}', headers: member });
  const flags = Object.keys(((await probe.json()) as { flags: Record<string, unknown> }).flags).length;
  try {
    const bareFirst = await measure(bare.child, { url: bare.info.url }, seconds);
    const distinctUsers = await measureDistinct(server.child, url, onBehalf, (n) => ({ userId: `bench-user-${n}`, sessionId: `bench-session-${n}` }), seconds);
    const distinctSessions = await measureDistinct(server.child, url, member, (n) => ({ sessionId: `bench-session-${n}` }), seconds);
    const evaluate = await measure(server.child, { url, method: 'POST', body: '{}', headers: member }, seconds);
    const bareLast = await measure(bare.child, { url: bare.info.url }, seconds);
    return { flags, seconds, bare: mean(bareFirst, bareLast), bareRuns: [bareFirst, bareLast], distinctUsers, distinctSessions, evaluate };
  } finally {
    bare.child.kill();
    await server.stop();
  }
}

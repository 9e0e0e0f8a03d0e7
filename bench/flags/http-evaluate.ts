// Benchmark 2: POST /api/feature-flags/evaluate for the 14 platform flags at 50 connections, against a
// bare Fastify hello-world measured in the same run (autocannon, as bench/kernel does). The machine is
// shared, and its load drifts over seconds: so the run is cut into rounds, each measuring bare Fastify
// and then every evaluate mode for a slice; a mode's ratio is the median over rounds of its req/s over
// that round's bare req/s.
import autocannon from 'autocannon';
import type { ChildProcess } from 'node:child_process';
import { startChild } from './child-process.ts';

type AutocannonOptions = Parameters<typeof autocannon>[0];

const CONNECTIONS = 50;

/** One slice: requests/s, latency, and the server's CPU time per request (user + system, µs). */
export interface Slice {
  rps: number;
  p50: number;
  p99: number;
  cpuUs: number;
  requests: number;
}

/** A mode over every round: medians of its slices, and its ratio to bare Fastify (median of per-round ratios). */
export interface Measured {
  rps: number;
  p50: number;
  p99: number;
  /** The worst slice's p99. */
  maxP99: number;
  cpuUs: number;
  requests: number;
  ratio: number;
  /** Per-round ratios, in order. */
  ratios: number[];
}

/**
 * Proof that the contexts were new: how many request bodies (each with the next user or session number)
 * autocannon made during the measured slices, for how many requests, and how many different answers they got.
 */
export interface Distinctness {
  contextsSent: number;
  /** Distinct ETags over a probe of `probed` further distinct contexts (the answer varies only where targeting reads the context). */
  distinctAnswers: number;
  probed: number;
}

export interface HttpResult {
  flags: number;
  seconds: number;
  rounds: number;
  bare: Measured;
  /** Bare Fastify answering the same POST with the same body and headers (ratios of this one are to bare hello-world too). */
  peer: Measured;
  /** Every request a different user and session (an on-behalf API key names them): nothing is reused per context. */
  distinctUsers: Measured & Distinctness;
  /** Every request a different session of the signed-in member. */
  distinctSessions: Measured & Distinctness;
  /** One repeated context (second figure). */
  evaluate: Measured;
}

/** The server process's CPU time so far (µs), asked over IPC. */
function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((ok) => {
    child.once('message', (m: any) => ok(m.cpu));
    child.send('cpu');
  });
}

async function slice(child: ChildProcess, opts: AutocannonOptions, seconds: number): Promise<Slice> {
  const before = await cpuOf(child);
  const r = await autocannon({ ...opts, connections: CONNECTIONS, duration: seconds });
  const cpu = (await cpuOf(child)) - before;
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${opts.url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  // CPU per request depends less on what else the (shared) machine does than requests per second.
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, cpuUs: cpu / r.requests.total, requests: r.requests.total };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function summary(slices: Slice[], bare: Slice[]): Measured {
  const ratios = slices.map((s, i) => s.rps / bare[i].rps);
  return {
    rps: median(slices.map((s) => s.rps)),
    p50: median(slices.map((s) => s.p50)),
    p99: median(slices.map((s) => s.p99)),
    maxP99: Math.max(...slices.map((s) => s.p99)),
    cpuUs: median(slices.map((s) => s.cpuUs)),
    requests: slices.reduce((sum, s) => sum + s.requests, 0),
    ratio: median(ratios),
    ratios,
  };
}

/** A request whose body carries `contextOf(n)` with the next n every time (autocannon calls `setupRequest` per request). */
function distinctRequests(url: string, headers: Record<string, string>, contextOf: (n: number) => object) {
  const state = { next: 0, sent: 0 };
  const opts = {
    url,
    method: 'POST',
    headers,
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: JSON.stringify({ context: contextOf((state.sent++, state.next++)) }) }) }],
  } as AutocannonOptions;
  return { opts, state };
}

async function distinctAnswers(url: string, headers: Record<string, string>, contextOf: (n: number) => object, probed: number): Promise<number> {
  const etags = new Set<string>();
  for (let i = 0; i < probed; i++) {
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ context: contextOf(1e9 + i) }) });
    etags.add(res.headers.get('etag')!);
    await res.arrayBuffer();
  }
  return etags.size;
}

export async function measureHttpEvaluate(seconds: number, rounds = 4): Promise<HttpResult> {
  const bare = await startChild('../kernel/bare-server.ts');
  const server = await startChild('./flags-server.ts', { FLAGS_BENCH_SETUP: '1' });
  const url = `${server.info.url}/api/feature-flags/evaluate`;
  const member = { authorization: `Bearer ${server.info.memberToken}`, 'content-type': 'application/json' };
  const onBehalf = { authorization: `Bearer ${server.info.onBehalfKey}`, 'content-type': 'application/json' };
  const probe = await fetch(url, { method: 'POST', body: JSON.stringify({ context: { sessionId: 'probe' } }), headers: member });
  const answer = await probe.text();
  const flags = Object.keys((JSON.parse(answer) as { flags: Record<string, unknown> }).flags).length;
  const peer = await startChild('./bare-evaluate-peer.ts', { FLAGS_PEER_BODY: answer, FLAGS_PEER_ETAG: probe.headers.get('etag') ?? '' });
  const userContext = (n: number) => ({ userId: `bench-user-${n}`, sessionId: `bench-session-${n}` });
  const sessionContext = (n: number) => ({ sessionId: `bench-session-${n}` });
  const users = distinctRequests(url, onBehalf, userContext);
  const sessions = distinctRequests(url, member, sessionContext);
  const repeated: AutocannonOptions = { url, method: 'POST', body: '{}', headers: member };
  const modes = [
    { child: bare.child, opts: { url: bare.info.url } as AutocannonOptions },
    { child: peer.child, opts: distinctRequests(`${peer.info.url}/api/feature-flags/evaluate`, onBehalf, userContext).opts },
    { child: server.child, opts: users.opts },
    { child: server.child, opts: sessions.opts },
    { child: server.child, opts: repeated },
  ];
  try {
    for (const mode of modes) await autocannon({ ...mode.opts, connections: CONNECTIONS, duration: 2 }); // warm-up (JIT)
    users.state.sent = 0;
    sessions.state.sent = 0;
    const slices: Slice[][] = modes.map(() => []);
    const sliceSeconds = Math.max(2, Math.round(seconds / rounds));
    for (let round = 0; round < rounds; round++)
      for (const [i, mode] of modes.entries()) slices[i].push(await slice(mode.child, mode.opts, sliceSeconds));
    const [bareSlices, peerSlices, userSlices, sessionSlices, repeatedSlices] = slices;
    return {
      flags,
      seconds: sliceSeconds * rounds,
      rounds,
      bare: summary(bareSlices, bareSlices),
      peer: summary(peerSlices, bareSlices),
      distinctUsers: { ...summary(userSlices, bareSlices), contextsSent: users.state.sent, distinctAnswers: await distinctAnswers(url, onBehalf, userContext, 200), probed: 200 },
      distinctSessions: { ...summary(sessionSlices, bareSlices), contextsSent: sessions.state.sent, distinctAnswers: await distinctAnswers(url, member, sessionContext, 200), probed: 200 },
      evaluate: summary(repeatedSlices, bareSlices),
    };
  } finally {
    bare.child.kill();
    peer.child.kill();
    await server.stop();
  }
}

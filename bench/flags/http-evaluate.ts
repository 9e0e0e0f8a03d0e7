// Benchmark 2: POST /api/feature-flags/evaluate for the 14 platform flags at 50 connections, against a
// bare Fastify hello-world measured in the same run (autocannon, as bench/kernel does).
import autocannon from 'autocannon';
import { startChild } from './child-process.ts';

type AutocannonOptions = Parameters<typeof autocannon>[0];

export interface HttpResult {
  flags: number;
  seconds: number;
  bare: { rps: number; p50: number; p99: number };
  evaluate: { rps: number; p50: number; p99: number };
  /** Reference: every request a different session, so no answer is reused. */
  distinctUsers: { rps: number; p50: number; p99: number };
}

const CONNECTIONS = 50;

async function measure(opts: AutocannonOptions, seconds: number) {
  await autocannon({ ...opts, connections: CONNECTIONS, duration: 2 });
  const r = await autocannon({ ...opts, connections: CONNECTIONS, duration: seconds });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${opts.url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99 };
}

export async function measureHttpEvaluate(seconds: number): Promise<HttpResult> {
  const bare = await startChild('../kernel/bare-server.ts');
  const bareResult = await measure({ url: bare.info.url }, seconds);
  bare.child.kill();

  const server = await startChild('./flags-server.ts', { FLAGS_BENCH_SETUP: '1' });
  const url = `${server.info.url}/api/feature-flags/evaluate`;
  const request = { method: 'POST' as const, body: '{}', headers: { authorization: `Bearer ${server.info.memberToken}`, 'content-type': 'application/json' } };
  const probe = await fetch(url, request);
  const flags = Object.keys(((await probe.json()) as { flags: Record<string, unknown> }).flags).length;
  try {
    const evaluate = await measure({ url, ...request }, seconds);
    let user = 0;
    const distinctUsers = await measure(
      { url, ...request, requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: JSON.stringify({ context: { sessionId: `bench-session-${user++}` } }) }) }] } as AutocannonOptions,
      seconds,
    );
    return { flags, seconds, bare: bareResult, evaluate, distinctUsers };
  } finally {
    await server.stop();
  }
}

// bench/kernel, two comparisons, each against a peer measured in the same run (autocannon, 50 connections):
// 1. the authenticated, tenant-scoped CRUD list (25 rows of 10,000), served from its page cache, against a
//    bare Fastify hello-world. Targets: >= 0.35 of bare Fastify's requests/s, p99 < 15 ms.
// 2. the same list with the page cache off (LIST_CACHE=off: every request runs the page SELECT and the
//    COUNT under row-level security), against a bare Fastify + node-postgres running the same two
//    statements on the same database (pg-peer-server.ts). Target: >= 0.5 of the peer, p99 < 25 ms.
//    The machine is shared, so the two are measured in alternating rounds (A B B A ...) and each round's
//    ratio is reported, with their minimum and median. Also measured: both at one fixed offered rate
//    (p99 without the queueing of 50 closed-loop connections), and CPU per request of the server process
//    and of the PostgreSQL backends, which do not depend on what else the machine is doing.
// 3. the cached list with a rate-limit policy on the tenant against the same list without one (alternating
//    rounds, rate-limit-comparison.ts). Target: >= 0.95 of its req/s. BENCH_RATE_LIMIT=off skips it.
// BENCH_SECONDS (default 10) per measurement, BENCH_ROUNDS (default 4) rounds of the second comparison,
// BENCH_WARMUP_SECONDS (default 8) of load on each of its two servers before the rounds.
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { start } from './bench-servers.ts';
import { cpuBetween, databaseCpu } from './database-cpu.ts';
import { compareRateLimit, rateLimitTable } from './rate-limit-comparison.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 4);
const CONNECTIONS = 50;
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 8);

/** The server process's CPU time so far (user + system, µs), asked over IPC. */
function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((ok) => {
    child.once('message', (m: any) => ok(m.cpu));
    child.send('cpu');
  });
}

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  cpuUs: number;
  dbCpuUs: number | null;
}

async function measure(child: ChildProcess, url: string, o: { headers?: Record<string, string>; databaseUrl?: string; rate?: number; warm?: boolean } = {}): Promise<Measured> {
  const headers = o.headers ?? {};
  if (o.warm !== false) await autocannon({ url, connections: CONNECTIONS, duration: 2, headers });
  const cpuBefore = await cpuOf(child);
  const dbBefore = o.databaseUrl ? await databaseCpu(o.databaseUrl) : null;
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers, ...(o.rate ? { overallRate: o.rate } : {}) });
  const cpu = (await cpuOf(child)) - cpuBefore;
  const dbCpu = o.databaseUrl ? cpuBetween(dbBefore!, await databaseCpu(o.databaseUrl)) : null;
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, cpuUs: cpu / r.requests.total, dbCpuUs: dbCpu === null ? null : dbCpu / r.requests.total };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const row = (m: Measured) => ({ 'req/s': Math.round(m.rps), 'p50 ms': m.p50, 'p99 ms': m.p99, 'server CPU µs/req': m.cpuUs.toFixed(0), 'db CPU µs/req': m.dbCpuUs === null ? '' : m.dbCpuUs.toFixed(0) });

// 1. cached list vs bare Fastify
const bare = await start('./bare-server.ts');
const bareResult = await measure(bare.child, bare.info.url);
bare.child.send('stop');
const kernel = await start('./kernel-server.ts');
const listPath = `/api/example/notes?range=${encodeURIComponent('[0,24]')}&sort=${encodeURIComponent('["createdAt","DESC"]')}`;
const probe = await fetch(kernel.info.url + listPath, { headers: { authorization: `Bearer ${kernel.info.token}` } });
const rows = (await probe.json()) as unknown[];
console.log(`kernel list returns ${rows.length} rows, Content-Range: ${probe.headers.get('content-range')}`);
const kernelResult = await measure(kernel.child, kernel.info.url + listPath, { headers: { authorization: `Bearer ${kernel.info.token}` } });
kernel.child.send('stop');

// 2. uncached list vs the node-postgres peer, alternating
const uncachedKernel = await start('./kernel-server.ts', { LIST_CACHE: 'off' });
const databaseUrl = uncachedKernel.info.databaseUrl!;
const peer = await start('./pg-peer-server.ts', { PEER_DATABASE_URL: databaseUrl, PEER_TENANT_ID: uncachedKernel.info.tenantId! });
const kernelBody = await (await fetch(uncachedKernel.info.url + listPath, { headers: { authorization: `Bearer ${uncachedKernel.info.token}` } })).text();
const peerBody = await (await fetch(`${peer.info.url}/notes`)).text();
if (peerBody !== kernelBody) throw new Error(`the peer's body differs from the kernel's:\n${peerBody.slice(0, 300)}\n${kernelBody.slice(0, 300)}`);
const uncachedRun = (o: { rate?: number } = {}) => measure(uncachedKernel.child, uncachedKernel.info.url + listPath, { headers: { authorization: `Bearer ${uncachedKernel.info.token}` }, databaseUrl, ...o });
const peerRun = (o: { rate?: number } = {}) => measure(peer.child, `${peer.info.url}/notes`, { databaseUrl, ...o });
// A longer warm-up of both first: the kernel has far more code for V8 to optimise than the peer, and the
// compiler's threads count in the process's CPU time; without it the first round measures the JIT.
await autocannon({ url: uncachedKernel.info.url + listPath, connections: CONNECTIONS, duration: WARMUP, headers: { authorization: `Bearer ${uncachedKernel.info.token}` } });
await autocannon({ url: `${peer.info.url}/notes`, connections: CONNECTIONS, duration: WARMUP });
const rounds: Array<{ uncached: Measured; peer: Measured }> = [];
for (let i = 0; i < ROUNDS; i++) {
  if (i % 2 === 0) {
    const uncached = await uncachedRun();
    rounds.push({ uncached, peer: await peerRun() });
  } else {
    const p = await peerRun();
    rounds.push({ peer: p, uncached: await uncachedRun() });
  }
}
// One fixed offered rate for both, well under what the peer sustains: p99 of the service, not of the queue.
const rate = Math.max(50, Math.round((median(rounds.map((r) => r.peer.rps)) * 0.4) / 50) * 50);
const uncachedAtRate = await uncachedRun({ rate });
const peerAtRate = await peerRun({ rate });
peer.child.send('stop');
uncachedKernel.child.send('stop');

// 3. cached list with a rate-limit policy vs without
const rateLimit = process.env.BENCH_RATE_LIMIT === 'off' ? null : await compareRateLimit({ seconds: DURATION, rounds: ROUNDS, warmupSeconds: Math.min(WARMUP, 4), listPath });

console.log('\nbench/kernel (autocannon, %d connections, %d s per measurement)', CONNECTIONS, DURATION);
const table: Record<string, ReturnType<typeof row>> = {
  'bare Fastify hello-world': row(bareResult),
  'kernel tenant-scoped list (25 of 10,000), cached': row(kernelResult),
};
rounds.forEach((r, i) => {
  table[`round ${i + 1}: kernel list, LIST_CACHE=off`] = row(r.uncached);
  table[`round ${i + 1}: peer, bare Fastify + node-postgres`] = row(r.peer);
});
table[`kernel list, LIST_CACHE=off, at ${rate} req/s`] = row(uncachedAtRate);
table[`peer at ${rate} req/s`] = row(peerAtRate);
if (rateLimit) Object.assign(table, rateLimitTable(rateLimit));
console.table(table);

const ratios = rounds.map((r) => r.uncached.rps / r.peer.rps);
const p99s = rounds.map((r) => r.uncached.p99);
const peerP99s = rounds.map((r) => r.peer.p99);
console.log(`uncached list / node-postgres peer, per round: ${ratios.map((x) => x.toFixed(3)).join(', ')}; min ${Math.min(...ratios).toFixed(3)}, median ${median(ratios).toFixed(3)} (target >= 0.5) ${median(ratios) >= 0.5 ? 'MET' : 'NOT MET'}`);
console.log(`uncached p99 at ${CONNECTIONS} connections, per round: ${p99s.join(', ')} ms, median ${median(p99s)} ms (target < 25 ms) ${median(p99s) < 25 ? 'MET' : 'NOT MET'}; the peer's: ${peerP99s.join(', ')} ms`);
console.log(`  (${CONNECTIONS} closed-loop connections keep ${CONNECTIONS} requests queued: mean latency = ${CONNECTIONS} / throughput, ${(1000 * CONNECTIONS / median(rounds.map((r) => r.uncached.rps))).toFixed(0)} ms here)`);
console.log(`uncached p99 at a fixed ${rate} req/s: ${uncachedAtRate.p99} ms (target < 25 ms) ${uncachedAtRate.p99 < 25 ? 'MET' : 'NOT MET'}; the peer's ${peerAtRate.p99} ms`);
const cpuRatio = median(rounds.map((r) => r.uncached.cpuUs / r.peer.cpuUs));
const dbRatio = median(rounds.map((r) => r.uncached.dbCpuUs! / r.peer.dbCpuUs!));
console.log(`CPU per request, uncached kernel / peer (median): server ${cpuRatio.toFixed(2)}x, database ${dbRatio.toFixed(2)}x`);
const ratio = kernelResult.rps / bareResult.rps;
console.log(`ratio cached kernel list / bare: ${ratio.toFixed(3)} (target >= 0.35) ${ratio >= 0.35 ? 'MET' : 'NOT MET'}`);
console.log(`server CPU per request kernel/bare: ${(kernelResult.cpuUs / bareResult.cpuUs).toFixed(2)}x (load-independent; throughput ratio ~ its inverse when the server is CPU-bound)`);
console.log(`cached kernel p99: ${kernelResult.p99} ms (target < 15 ms) ${kernelResult.p99 < 15 ? 'MET' : 'NOT MET'}`);
if (rateLimit) {
  console.log(`cached list with / without a rate-limit policy, per round: ${rateLimit.ratios.map((x) => x.toFixed(3)).join(', ')}; median ${rateLimit.ratio.toFixed(3)} (target >= 0.95) ${rateLimit.ratio >= 0.95 ? 'MET' : 'NOT MET'}`);
  console.log(`server CPU per request, with minus without the policy (median of rounds): ${rateLimit.cpuDiffUs.toFixed(1)} µs (the check alone: bench/kernel/rate-limit-check.ts)`);
}
process.exit(0);

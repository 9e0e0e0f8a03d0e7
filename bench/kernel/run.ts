// bench/kernel: an authenticated, tenant-scoped CRUD list (25 rows of 10,000) against a bare Fastify
// hello-world, both measured here with autocannon at 50 connections. Prints the ratio and p99.
// Targets: >= 0.35 of bare Fastify's requests/s, p99 < 15 ms.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;

function start(file: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; info: { url: string; token?: string; databaseUrl?: string; tenantId?: string } }> {
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), { execArgv: ['--import', 'tsx'], stdio: 'inherit', env: { ...process.env, ...env } });
  return new Promise((ok, fail) => {
    child.once('message', (info: any) => ok({ child, info }));
    child.once('exit', (code) => fail(new Error(`${file} exited with ${code}`)));
  });
}

/** The server process's CPU time so far (user + system, µs), asked over IPC. */
function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((ok) => {
    child.once('message', (m: any) => ok(m.cpu));
    child.send('cpu');
  });
}

async function measure(child: ChildProcess, url: string, headers: Record<string, string> = {}) {
  // warm-up, then the measured run
  await autocannon({ url, connections: CONNECTIONS, duration: 2, headers });
  const cpuBefore = await cpuOf(child);
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  const cpu = (await cpuOf(child)) - cpuBefore;
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  // CPU per request does not depend on what else the machine is doing, unlike requests per second.
  return { rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, cpuUs: cpu / r.requests.total };
}

const bare = await start('./bare-server.ts');
const bareResult = await measure(bare.child, bare.info.url);
bare.child.kill();

const kernel = await start('./kernel-server.ts');
const listUrl = `${kernel.info.url}/api/example/notes?range=${encodeURIComponent('[0,24]')}&sort=${encodeURIComponent('["createdAt","DESC"]')}`;
const probe = await fetch(listUrl, { headers: { authorization: `Bearer ${kernel.info.token}` } });
const rows = (await probe.json()) as unknown[];
console.log(`kernel list returns ${rows.length} rows, Content-Range: ${probe.headers.get('content-range')}`);
const kernelResult = await measure(kernel.child, listUrl, { authorization: `Bearer ${kernel.info.token}` });
kernel.child.send('stop');
// For reference: the same list with the page cache off (LIST_CACHE=off), so every request runs the
// SELECT and COUNT. Not the measure; it shows the database path.
const uncachedKernel = await start('./kernel-server.ts', { LIST_CACHE: 'off' });
const uncachedUrl = listUrl.replace(kernel.info.url, uncachedKernel.info.url);
const uncached = await measure(uncachedKernel.child, uncachedUrl, { authorization: `Bearer ${uncachedKernel.info.token}` });
// Its peer: bare Fastify + node-postgres running the same page and count statements on the same database.
const peer = await start('./pg-peer-server.ts', { PEER_DATABASE_URL: uncachedKernel.info.databaseUrl!, PEER_TENANT_ID: uncachedKernel.info.tenantId! });
const peerRows = (await (await fetch(`${peer.info.url}/notes`)).json()) as unknown[];
if (peerRows.length !== rows.length) throw new Error(`peer returned ${peerRows.length} rows, the kernel ${rows.length}`);
const peerResult = await measure(peer.child, `${peer.info.url}/notes`);
peer.child.send('stop');
uncachedKernel.child.send('stop');

const ratio = kernelResult.rps / bareResult.rps;
console.log('\nbench/kernel (autocannon, 50 connections, %d s)', DURATION);
console.table({
  'bare Fastify hello-world': { 'req/s': Math.round(bareResult.rps), 'p50 ms': bareResult.p50, 'p99 ms': bareResult.p99, 'server CPU µs/req': bareResult.cpuUs.toFixed(1) },
  'kernel tenant-scoped list (25 of 10,000)': { 'req/s': Math.round(kernelResult.rps), 'p50 ms': kernelResult.p50, 'p99 ms': kernelResult.p99, 'server CPU µs/req': kernelResult.cpuUs.toFixed(1) },
  '(reference) same list, LIST_CACHE=off': { 'req/s': Math.round(uncached.rps), 'p50 ms': uncached.p50, 'p99 ms': uncached.p99, 'server CPU µs/req': uncached.cpuUs.toFixed(1) },
  'peer: bare Fastify + node-postgres, same 2 statements': { 'req/s': Math.round(peerResult.rps), 'p50 ms': peerResult.p50, 'p99 ms': peerResult.p99, 'server CPU µs/req': peerResult.cpuUs.toFixed(1) },
});
const uncachedRatio = uncached.rps / peerResult.rps;
console.log(`uncached list / node-postgres peer: ${uncachedRatio.toFixed(3)} (target >= 0.5) ${uncachedRatio >= 0.5 ? 'MET' : 'NOT MET'}; uncached p99 ${uncached.p99} ms (target < 25 ms) ${uncached.p99 < 25 ? 'MET' : 'NOT MET'}`);
console.log(`ratio kernel/bare: ${ratio.toFixed(3)} (target >= 0.35) ${ratio >= 0.35 ? 'MET' : 'NOT MET'}`);
console.log(`server CPU per request kernel/bare: ${(kernelResult.cpuUs / bareResult.cpuUs).toFixed(2)}x (load-independent; throughput ratio ~ its inverse when the server is CPU-bound)`);
console.log(`kernel p99: ${kernelResult.p99} ms (target < 15 ms) ${kernelResult.p99 < 15 ? 'MET' : 'NOT MET'}`);
process.exit(0);

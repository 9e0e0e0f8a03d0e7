// bench/health: 15 platform monitors + 3 per-tenant monitors x 1,000 tenants against local fake APIs
// (and the real PostgreSQL and Redis), every cadence compressed to 1 s, with 30 days of history present.
// Reports scheduling lag (target p99 < 250 ms), sustained checks/s, and GET /api/health/ p95
// (target < 20 ms; the seed asks < 5 s), timed by a separate client process over keep-alive HTTP, with
// the tenant matrix's first page (GET /api/health/matrix?range=[0,49]) and a deep page (the last 50
// tenants: range=[950,999] at 1,000 tenants) timed in turn with it, idle and during the same run.
//
//   node --import tsx bench/health/run.ts
//   BENCH_SECONDS=60 BENCH_TENANTS=1000 BENCH_HISTORY_SCALE=1 node --import tsx bench/health/run.ts
import { fork } from 'node:child_process';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { MONITOR_TIER_INTERVAL_SECONDS, type MonitorTier } from '@platform/sdk/monitors';
import { createTestKernel } from '@platform/sdk/testing';
import { createHealthPlugin } from '../../plugins/health/src/index.ts';
import { platformMonitors, tenantMonitors, type FakeApis } from './bench-monitors.ts';
import { seedThirtyDays } from './seed-history.ts';
import { summarize, type LatencySummary } from './get-latency.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const TENANTS = Number(process.env.BENCH_TENANTS ?? 1000);
const HISTORY_SCALE = Number(process.env.BENCH_HISTORY_SCALE ?? 1);
const WARMUP_SECONDS = 8;
const fakeApisCpuMs = () =>
  new Promise<number>((resolve) => {
    child.once('message', (m) => resolve((m as { cpuMs: number }).cpuMs));
    child.send('cpu');
  });

const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);
const timed = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
  const started = Date.now();
  const out = await fn();
  log(`${what}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return out;
};

const child = fork(fileURLToPath(new URL('./fake-apis.ts', import.meta.url)), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
const probe = fork(fileURLToPath(new URL('./get-probe.ts', import.meta.url)), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
process.on('exit', () => {
  child.kill();
  probe.kill();
});
await new Promise((ok) => probe.once('message', ok));
/** GETs timed by the probe process: `count` of them, or as many as fit before `untilMs`. */
type ProbeSample = { url: string; ms: number; status: number };
const probeGets = (job: { url?: string; urls?: string[]; token: string; count?: number; warmup?: number; pauseMs?: number; untilMs?: number }) =>
  new Promise<ProbeSample[]>((resolve) => {
    probe.once('message', (m) => resolve((m as { samples: ProbeSample[] }).samples));
    probe.send(job);
  });
/** One summary per URL, in the order of `urls`. */
const summarizeEach = (samples: ProbeSample[], urls: string[]): LatencySummary[] => urls.map((u) => summarize(samples.filter((x) => x.url === u)));
const api = await new Promise<FakeApis>((ok, fail) => {
  child.once('message', (m) => ok(m as FakeApis));
  child.once('exit', (code) => fail(new Error(`fake APIs exited with ${code}`)));
});

const health = createHealthPlugin({
  autoStart: false,
  tierIntervalSeconds: { critical: 1, core: 1, integrations: 1, external: 1 },
  loopMs: 50,
  concurrency: Number(process.env.BENCH_CONCURRENCY ?? 512),
  defaultTimeoutMs: 1000,
  flushMs: 250,
  ...(process.env.BENCH_TARGET_REFRESH_MS ? { targetRefreshMs: Number(process.env.BENCH_TARGET_REFRESH_MS) } : {}),
});
const placeholderDb = 'postgres://postgres@127.0.0.1:5432/postgres';
const platform = platformMonitors(api, placeholderDb);
const perTenant = tenantMonitors(api);
const t = await timed('kernel boot', () =>
  createTestKernel({ plugins: [health, ...platform.map((m) => m.plugin), ...perTenant.map((m) => m.plugin)], config: { logLevel: 'warn' } }),
);
const settings = t.kernel.services.settings;

try {
  await timed(`settings of ${platform.length} platform monitors`, async () => {
    for (const m of platform) await settings.set(m.plugin.name, m.plugin.name === 'monitor-postgres' ? { connectionString: t.databaseUrl } : m.settings);
    for (const m of perTenant) await settings.set(m.plugin.name, m.platform);
  });
  const tenants = await timed(`${TENANTS} tenants`, async () => {
    const out = [];
    for (let i = 0; i < TENANTS; i++) out.push(await t.tenant(`bench-${String(i).padStart(4, '0')}`));
    return out;
  });
  await timed(`${TENANTS * perTenant.length} per-tenant settings (secrets sealed)`, async () => {
    for (let i = 0; i < tenants.length; i++) for (const m of perTenant) await settings.set(m.plugin.name, m.perTenant(i), tenants[i].id);
  });
  const runtime = health.runtime();
  await timed('target discovery', () => runtime.directory.refresh());
  const targets = runtime.directory.scheduled();
  log(`${targets.length} targets scheduled (${targets.filter((x) => !x.tenant).length} platform, ${targets.filter((x) => x.tenant).length} per tenant)`);

  const historyRows = await timed(`30 days of history (scale ${HISTORY_SCALE})`, () =>
    seedThirtyDays(
      t,
      targets.map((x) => ({ monitorId: x.monitorId, targetKey: x.targetKey, tenantId: x.tenant?.id ?? null, realIntervalSeconds: MONITOR_TIER_INTERVAL_SECONDS[x.entry.monitor.tier as MonitorTier] })),
      HISTORY_SCALE,
    ),
  );
  const [{ size, partitions }] = await t.sql<{ size: string; partitions: number }>(
    `SELECT pg_size_pretty(sum(pg_total_relation_size(inhrelid))) AS size, count(*)::int AS partitions FROM pg_inherits WHERE inhparent = 'health_check_history'::regclass`,
  );
  log(`${historyRows.toLocaleString()} history rows (${size} in ${partitions} daily partitions)`);

  const address = await t.kernel.listen();
  const masterUrl = `${address}/api/health/`;
  const matrixRange = (from: number) => `range=${encodeURIComponent(`[${from},${from + 49}]`)}`;
  const deepFrom = Math.max(0, TENANTS - 50);
  const firstPageUrl = `${address}/api/health/matrix?${matrixRange(0)}`;
  const deepPageUrl = `${address}/api/health/matrix?${matrixRange(deepFrom)}`;
  const matrixUrls = [firstPageUrl, deepPageUrl];
  const matrixLabels = ['GET /api/health/matrix?range=[0,49]', `GET /api/health/matrix?range=[${deepFrom},${deepFrom + 49}]`];
  const token = t.client.token;

  await runtime.scheduler.beat();
  const idle: LatencySummary = await timed('GET /api/health/ x 300 (scheduler idle)', async () => summarize(await probeGets({ url: masterUrl, token, count: 300, warmup: 20 })));
  const matrixIdle = await timed('GET /api/health/matrix first and deep page x 100 each (scheduler idle)', async () => summarizeEach(await probeGets({ urls: matrixUrls, token, count: 100, warmup: 5 }), matrixUrls));
  const deepPage = (await (await fetch(deepPageUrl, { headers: { authorization: `Bearer ${token}` } })).json()) as { rows?: unknown[]; total?: number };
  log(`matrix deep page [${deepFrom},${deepFrom + 49}]: ${deepPage.rows?.length ?? '?'} rows of ${deepPage.total ?? '?'}`);

  runtime.start();
  log(`scheduler started; warm-up ${WARMUP_SECONDS} s (the first pass checks every target at once: catch-up)`);
  await new Promise((r) => setTimeout(r, WARMUP_SECONDS * 1000));
  runtime.scheduler.metrics.reset();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const apisCpuBefore = await fakeApisCpuMs();
  const deadline = Date.now() + SECONDS * 1000;
  // One client, the three GETs in turn: the master view, the matrix's first page and a deep page.
  const probing = probeGets({ urls: [masterUrl, ...matrixUrls], token, pauseMs: 50, untilMs: deadline });
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, Math.min(10_000, Math.max(0, deadline - Date.now()))));
    const m = runtime.scheduler.metrics.snapshot(runtime.scheduler.queueState());
    log(`  ${m.checksCompleted} checks, lag p99 ${m.lagMs.p99} ms, running ${m.running}, queued ${m.queued}, results waiting to be written ${runtime.writer.backlog}`);
  }
  const underLoad = await probing;
  const elapsed = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const apisCpuMs = (await fakeApisCpuMs()) - apisCpuBefore;
  const [checkMs] = await t.sql<{ p50: number; p99: number }>(
    `SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY response_time_ms) AS p50, percentile_disc(0.99) WITHIN GROUP (ORDER BY response_time_ms) AS p99
     FROM health_check_history WHERE checked_at >= now() - make_interval(secs => $1)`,
    [elapsed],
  );
  const metrics = runtime.scheduler.metrics.snapshot(runtime.scheduler.queueState());
  const writes = { ...runtime.writer.stats, backlog: runtime.writer.backlog };
  loopDelay.disable();
  const overview = (await (await fetch(masterUrl, { headers: { authorization: `Bearer ${token}` } })).json()) as any;
  await runtime.stop();
  const [loaded, ...matrixLoaded] = summarizeEach(underLoad, [masterUrl, ...matrixUrls]);

  const checksPerSecond = metrics.checksCompleted / elapsed;
  const offered = targets.length; // every target once a second
  console.log(`\nbench/health: ${platform.length} platform monitors + ${perTenant.length} per-tenant monitors x ${TENANTS} tenants = ${targets.length} targets, cadence 1 s, ${SECONDS} s measured`);
  console.table({
    'scheduling lag (ms)': { p50: metrics.lagMs.p50, p95: metrics.lagMs.p95, p99: metrics.lagMs.p99, max: metrics.lagMs.max },
    'GET /api/health/ idle (ms)': { p50: idle.p50, p95: idle.p95, p99: idle.p99, max: idle.max },
    'GET /api/health/ during the run (ms)': { p50: loaded.p50, p95: loaded.p95, p99: loaded.p99, max: loaded.max, n: loaded.requests },
    ...Object.fromEntries(
      matrixLabels.flatMap((label, i) => [
        [`${label} idle (ms)`, { p50: matrixIdle[i].p50, p95: matrixIdle[i].p95, p99: matrixIdle[i].p99, max: matrixIdle[i].max, n: matrixIdle[i].requests }],
        [`${label} during the run (ms)`, { p50: matrixLoaded[i].p50, p95: matrixLoaded[i].p95, p99: matrixLoaded[i].p99, max: matrixLoaded[i].max, n: matrixLoaded[i].requests }],
      ]),
    ),
    'event-loop delay during the run (ms)': { p50: Math.round(loopDelay.percentile(50) / 1e5) / 10, p95: Math.round(loopDelay.percentile(95) / 1e5) / 10, p99: Math.round(loopDelay.percentile(99) / 1e5) / 10, max: Math.round(loopDelay.max / 1e5) / 10 },
  });
  console.log(`checks/s sustained: ${checksPerSecond.toFixed(0)} (offered ${offered}/s; ${metrics.checksCompleted} checks in ${elapsed.toFixed(1)} s; planned times skipped while the previous check was unfinished: ${metrics.skippedBusy}; claims lost ${metrics.claimsLost})`);
  console.log(`CPU during the run: this process ${((cpuMs / elapsed / 10)).toFixed(0)}% of a core, ${((cpuMs * 1000) / Math.max(1, metrics.checksCompleted)).toFixed(0)} µs per check; the fake APIs ${(apisCpuMs / elapsed / 10).toFixed(0)}% of a core; check response time p50 ${checkMs?.p50} ms, p99 ${checkMs?.p99} ms; machine load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
  console.log(`result writes: ${writes.writes} transactions, ${Math.round(writes.results / Math.max(1, writes.writes))} results each on average, ${(writes.totalMs / Math.max(1, writes.writes)).toFixed(0)} ms average, ${writes.maxMs.toFixed(0)} ms max; backlog at the end ${writes.backlog}`);
  console.log(`history present: ${historyRows.toLocaleString()} rows (${size}) before the run`);
  console.log(`at the end of the run: master status ${overview.status}, tenant tallies ${JSON.stringify(overview.tenantMonitors.map((m: any) => [m.id, m.tally]))}`);
  console.log(`scheduling lag p99 ${metrics.lagMs.p99} ms (target < 250 ms): ${metrics.lagMs.p99 !== null && metrics.lagMs.p99 < 250 ? 'MET' : 'NOT MET'}`);
  console.log(`GET /api/health/ p95 ${idle.p95} ms idle, ${loaded.p95} ms under load (target < 20 ms): ${Math.max(idle.p95, loaded.p95) < 20 ? 'MET' : idle.p95 < 20 ? 'MET idle, NOT MET under load' : 'NOT MET'}`);
  for (const [i, label] of matrixLabels.entries()) {
    const bad = Object.keys(matrixLoaded[i].statuses).filter((code) => code !== '200' && code !== '206');
    console.log(`${label} p95 ${matrixIdle[i].p95} ms idle, ${matrixLoaded[i].p95} ms under load (GET /api/health/ p95 under load ${loaded.p95} ms)${bad.length ? `; non-2xx answers: ${JSON.stringify(matrixLoaded[i].statuses)}` : ''}`);
  }
  console.log(`sustained ${checksPerSecond >= offered * 0.97 ? 'MET' : 'BELOW'} the offered ${offered} checks/s`);
} finally {
  await t.close();
  child.send('stop');
  probe.send('stop');
}
process.exit(0);

// bench/alerts: the alert benchmarks of issue 7, on a real PostgreSQL through createTestKernel.
//   1. evaluation: 1,000 rules over 10,000 metric series (5 minute-rows each in system_metrics_minute),
//      the evaluator job run several times. Target: < 1 s per tick.
//   2. breach-to-notification: a rule with a zero for-duration, a breaching sample inserted, then the
//      evaluator job run; time until the local webhook receiver gets the POST (the evaluator sends fresh
//      notifications right after its tick). Target: < 2 s.
//   3. the same through the fast path: the breaching sample recorded with the SDK and written by the
//      metrics flush, which makes the alerts plugin evaluate that metric's rules at once (no job run).
//      Without a manual flush add the flush interval (flushMs, 5 s by default) before the write.
// Run: node --import tsx bench/alerts/run.ts   (BENCH_TICKS=5 and BENCH_LATENCY_SAMPLES=5 by default)
import { createTestKernel, startFakeHttpServer } from '@platform/sdk/testing';
import { createMetricsPlugin } from '@platform/plugin-metrics';
import { createAlertsPlugin } from '@platform/plugin-alerts';
import webhook from '@platform/plugin-alert-channel-webhook';

const TICKS = Number(process.env.BENCH_TICKS ?? 5);
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 5);
const RULES = 1000;
const SERIES = 10_000;
const METRICS = 20;
const MINUTES = 5;
const verdict = (met: boolean) => (met ? 'MET' : 'NOT MET');
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!;
  return { min: s[0]!, p50: q(0.5), max: s.at(-1)!, mean: s.reduce((a, b) => a + b, 0) / s.length };
};
const round = (n: number) => Math.round(n * 10) / 10;

// The receiver notes when each POST has fully arrived.
const arrivals: number[] = [];
const receiver = await startFakeHttpServer((_req, res) => {
  arrivals.push(performance.now());
  res.end('ok');
});

const metrics = createMetricsPlugin({ autoFlush: false, processMetrics: false });
const alerts = createAlertsPlugin();
const t = await createTestKernel({ plugins: [metrics, alerts, webhook], config: { logLevel: 'warn' } });
const settings = await t.inject({ method: 'PUT', url: '/api/plugins/alert-channel-webhook/settings', payload: { url: `${receiver.url}/am`, secret: 'bench-webhook-secret-0123456789' } });
if (settings.statusCode !== 200) throw new Error(`webhook settings: ${settings.body}`);

// 10,000 series: 20 metrics x 500 routes (each series also has one of 7 queues), 5 minute-rows each.
// Values 0..99; rules fire above 98, so about 1% of the groups breach (they go pending: for 5 min).
const setupStarted = performance.now();
await t.sql(
  `INSERT INTO system_metrics_minute (minute, metric_name, kind, tenant_id, dimensions, count, sum, min, max, last)
   SELECT date_trunc('minute', now()) - m * interval '1 minute', 'bench_metric_' || (g % ${METRICS}), 'gauge', NULL,
          jsonb_build_object('route', '/api/r' || (g / ${METRICS}), 'queue', 'q' || (g % 7)),
          1, (g % 100), (g % 100), (g % 100), (g % 100)
   FROM generate_series(0, ${SERIES - 1}) g, generate_series(0, ${MINUTES - 1}) m`,
);
// 1,000 rules: each on one of the 20 metrics, half filtered on a queue, grouped by route (avg over 5 min).
await t.sql(
  `INSERT INTO alerts_rules (id, name, metric, aggregation, filter, group_by, condition, threshold, window_minutes, for_minutes,
                            repeat_interval_minutes, severity, channels, enabled)
   SELECT gen_random_uuid(), 'bench rule ' || i, 'bench_metric_' || (i % ${METRICS}), 'avg',
          CASE WHEN i % 2 = 1 THEN jsonb_build_object('queue', 'q' || (i % 7)) ELSE '{}'::jsonb END,
          '["route"]'::jsonb, 'gt', 98, 5, 5, 60, 'warning', '["webhook"]'::jsonb, true
   FROM generate_series(0, ${RULES - 1}) i`,
);
await t.sql('VACUUM ANALYZE system_metrics_minute');
await t.sql('VACUUM ANALYZE alerts_rules');
const setupMs = performance.now() - setupStarted;
const [{ rows }] = await t.sql<{ rows: string }>(`SELECT count(*) AS rows FROM system_metrics_minute`);
const [{ series }] = await t.sql<{ series: string }>(`SELECT count(DISTINCT (metric_name, dimensions)) AS series FROM system_metrics_minute`);

// 1. Evaluation ticks through the scheduler's job (once across instances), and the evaluator's own report.
const jobMs: number[] = [];
const tickReports: Awaited<ReturnType<ReturnType<typeof alerts.runtime>['evaluator']['evaluate']>>[] = [];
for (let i = 0; i < TICKS; i++) {
  const started = performance.now();
  await t.kernel.services.jobs.runNow('alerts.evaluate');
  jobMs.push(performance.now() - started);
}
for (let i = 0; i < 2; i++) tickReports.push(await alerts.runtime().evaluator.evaluate());
// Where a tick's time goes: the metrics read alone (the evaluator's windowRollups over the 20 metrics, 5 min,
// rolled up per series by PostgreSQL), and for comparison the minute rows it replaced (seriesOfMany).
const readMs: number[] = [];
const rawReadMs: number[] = [];
let readSeries = 0;
const benchMetrics = Array.from({ length: METRICS }, (_, m) => `bench_metric_${m}`);
for (let i = 0; i < 3; i++) {
  const now = Date.now();
  let started = performance.now();
  const read = await metrics.runtime().service().windowRollups(benchMetrics.map((metric) => ({ metric, minutes: MINUTES })), now);
  readMs.push(performance.now() - started);
  readSeries = read.reduce((n, w) => n + w.series.length, 0);
  started = performance.now();
  await metrics.runtime().service().seriesOfMany(benchMetrics, { from: Math.floor(now / 60_000) * 60_000 - (MINUTES - 1) * 60_000, to: now + 1, resolution: 'minute' });
  rawReadMs.push(performance.now() - started);
}
const [{ alertsOpen }] = await t.sql<{ alertsOpen: string }>(`SELECT count(*) AS "alertsOpen" FROM alerts_instances`);

// 2. Breach to notification: a zero for-duration rule; each sample breaches on a fresh route, so each
// evaluation fires one new alert whose webhook POST we wait for.
await t.sql(
  `INSERT INTO alerts_rules (id, name, metric, aggregation, filter, group_by, condition, threshold, window_minutes, for_minutes,
                            repeat_interval_minutes, severity, channels, enabled)
   VALUES (gen_random_uuid(), 'bench latency', 'bench_latency', 'last', '{}'::jsonb, '["route"]'::jsonb, 'gt', 100, 1, 0, 60, 'critical', '["webhook"]'::jsonb, true)`,
);
const waitForPost = async (count: number, timeoutMs = 10_000) => {
  const deadline = performance.now() + timeoutMs;
  while (arrivals.length < count) {
    if (performance.now() > deadline) throw new Error(`no webhook POST within ${timeoutMs} ms`);
    await new Promise((r) => setImmediate(r));
  }
  return arrivals[count - 1]!;
};
const latencyMs: number[] = [];
const evaluationShareMs: number[] = [];
for (let k = 0; k < LATENCY_SAMPLES; k++) {
  const before = arrivals.length;
  await t.sql(
    `INSERT INTO system_metrics_minute (minute, metric_name, kind, tenant_id, dimensions, count, sum, min, max, last)
     VALUES (date_trunc('minute', now()), 'bench_latency', 'gauge', NULL, jsonb_build_object('route', '/latency/' || $1::text), 1, 500, 500, 500, 500)`,
    [String(k)],
  );
  // The breach is in the table and the for-duration (zero) has elapsed: the next tick must notify.
  const breachAt = performance.now();
  const job = t.kernel.services.jobs.runNow('alerts.evaluate').then(() => performance.now());
  const arrivedAt = await waitForPost(before + 1);
  const jobDoneAt = await job;
  latencyMs.push(arrivedAt - breachAt);
  evaluationShareMs.push(jobDoneAt - breachAt);
  const posts = receiver.requests.slice(before).map((r) => r.json<any>());
  if (!posts.some((p) => p.status === 'firing' && p.alerts?.some((a: any) => a.labels?.route === `/latency/${k}`))) throw new Error('the webhook POST is not the expected firing alert');
}
// 3. The fast path: the sample recorded through the SDK and flushed; the alerts plugin evaluates the rules
// of the written metrics (here the one latency rule, with the 1,000 others loaded but not evaluated).
await t.sql(
  `INSERT INTO alerts_rules (id, name, metric, aggregation, filter, group_by, condition, threshold, window_minutes, for_minutes,
                            repeat_interval_minutes, severity, channels, enabled)
   VALUES (gen_random_uuid(), 'bench fast path', 'bench_fast_path', 'last', '{}'::jsonb, '["route"]'::jsonb, 'gt', 100, 1, 0, 60, 'critical', '["webhook"]'::jsonb, true)`,
);
const fastMs: number[] = [];
const flushShareMs: number[] = [];
for (let k = 0; k < LATENCY_SAMPLES; k++) {
  const before = arrivals.length;
  const breachAt = performance.now();
  metrics.runtime().recorder.gauge('bench_fast_path', 500, { route: `/fast/${k}` });
  await metrics.runtime().flush();
  flushShareMs.push(performance.now() - breachAt);
  fastMs.push((await waitForPost(before + 1)) - breachAt);
  const post = receiver.requests.at(-1)!.json<any>();
  if (!(post.status === 'firing' && post.alerts?.some((a: any) => a.labels?.route === `/fast/${k}`))) throw new Error('the fast-path webhook POST is not the expected firing alert');
}
await alerts.runtime().evaluator.settled();

// The same without the 1,000 benchmark rules: the pipeline's own latency.
await t.sql(`UPDATE alerts_rules SET enabled = false WHERE name LIKE 'bench rule %'`);
const aloneMs: number[] = [];
for (let k = 0; k < LATENCY_SAMPLES; k++) {
  const before = arrivals.length;
  await t.sql(
    `INSERT INTO system_metrics_minute (minute, metric_name, kind, tenant_id, dimensions, count, sum, min, max, last)
     VALUES (date_trunc('minute', now()), 'bench_latency', 'gauge', NULL, jsonb_build_object('route', '/alone/' || $1::text), 1, 500, 500, 500, 500)`,
    [String(k)],
  );
  const breachAt = performance.now();
  void t.kernel.services.jobs.runNow('alerts.evaluate');
  aloneMs.push((await waitForPost(before + 1)) - breachAt);
}

const job = stats(jobMs);
const evaluator = stats(tickReports.map((r) => r.durationMs));
const latency = stats(latencyMs);
const alone = stats(aloneMs);
const fast = stats(fastMs);
console.log(`\nbench/alerts setup: ${Number(rows).toLocaleString('en')} minute rows (${Number(series).toLocaleString('en')} series x ${MINUTES} min), ${RULES.toLocaleString('en')} rules, ${Math.round(setupMs)} ms`);
console.log(`\nbench/alerts 1. evaluation tick: ${RULES} rules over ${Number(series).toLocaleString('en')} series (${alertsOpen} open alerts after the ticks)`);
console.table({
  [`job runNow('alerts.evaluate') x${TICKS}`]: { 'min ms': round(job.min), 'p50 ms': round(job.p50), 'mean ms': round(job.mean), 'max ms': round(job.max) },
  [`evaluator.evaluate() report x${tickReports.length}`]: { 'min ms': round(evaluator.min), 'p50 ms': round(evaluator.p50), 'mean ms': round(evaluator.mean), 'max ms': round(evaluator.max) },
});
console.log(`of which the metrics read (windowRollups, ${readSeries.toLocaleString('en')} series rolled up in PostgreSQL): p50 ${round(stats(readMs).p50)} ms; the minute rows instead (seriesOfMany): p50 ${round(stats(rawReadMs).p50)} ms`);
console.log(`last tick counts: ${JSON.stringify(tickReports.at(-1)!.counts)}`);
console.log(`evaluation time per tick: max ${round(job.max)} ms (target < 1000 ms) ${verdict(job.max < 1000)}`);

console.log(`\nbench/alerts 2. breach-to-notification on a local webhook receiver (for-duration 0, ${LATENCY_SAMPLES} samples each)`);
console.table({
  'with the 1,000 rules (tick + send)': { 'min ms': round(latency.min), 'p50 ms': round(latency.p50), 'max ms': round(latency.max), 'of which job ms (p50)': round(stats(evaluationShareMs).p50) },
  'fast path: SDK sample + flush, no job run': { 'min ms': round(fast.min), 'p50 ms': round(fast.p50), 'max ms': round(fast.max), 'of which job ms (p50)': null },
  'latency rule alone': { 'min ms': round(alone.min), 'p50 ms': round(alone.p50), 'max ms': round(alone.max), 'of which job ms (p50)': null },
});
console.log(`fast path: of which the metrics flush (p50) ${round(stats(flushShareMs).p50)} ms; with the flush timer add up to flushMs (5,000 ms by default) before it`);
console.log(`breach-to-notification: max ${round(latency.max)} ms (tick), ${round(fast.max)} ms (fast path) (target < 2000 ms) ${verdict(Math.max(latency.max, fast.max) < 2000)}`);

await t.close();
await receiver.close();
process.exit(0);

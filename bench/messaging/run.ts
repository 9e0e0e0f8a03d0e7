// bench/messaging: the notification worker of issue 17 (item 6), against a local fake SMS provider
// (support/counting-sms-provider.ts, honouring idempotency keys), on the test PostgreSQL server.
//   1. throughput: BENCH_NOTIFICATIONS (10,000) durable events, each matching one platform rule that sends one
//      SMS to the event's payload.phone, written in one transaction; from its commit until the provider has
//      them all, through the outbox relay, the worker (rule lookup, delivery row, idempotency key), the
//      sender (message row, provider call through the provider plugin, record) on a kernel in this process
//      (background relay on). Compared with a bare loop posting the same 10,000 requests to the same
//      provider, one after another, measured before and after in the same run. Target: >= 0.25x.
//   2. latency: events offered at 100/s for BENCH_LATENCY_SECONDS (20), one transaction each; from just before
//      the emitting transaction to the request's arrival at the provider. Target: p99 < 1 s.
//   3. kill: two platform processes on one database, BENCH_KILL_EVENTS (2,000) events; when half are sent,
//      one process is killed with SIGKILL. Target: 0 lost, 0 duplicated (messages per recipient at the provider).
// Templates are a fixed in-bench renderer (test/chaos/support/messaging-with-fixed-templates.ts) until stored
// templates land; no SMS credits are charged (no ledger wired).
// Run: node --import tsx bench/messaging/run.ts
import { createTestKernel } from '@platform/sdk/testing';
import messaging from '../../test/chaos/support/messaging-with-fixed-templates.ts';
import chaosSms from '../../test/chaos/support/chaos-sms-provider-plugin.ts';
import { benchPhone, startCountingSmsProvider } from './support/counting-sms-provider.ts';
import { killOneOfTwoHalfway } from './support/two-instance-kill.ts';

const N = Number(process.env.BENCH_NOTIFICATIONS ?? 10_000);
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 20);
const RATE = 100;
const KILL_EVENTS = Number(process.env.BENCH_KILL_EVENTS ?? 2_000);
const verdict = (met: boolean) => (met ? 'MET' : 'NOT MET');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
};
const waitUntil = async (what: string, check: () => boolean, timeoutMs: number) => {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(2);
  }
};

const provider = await startCountingSmsProvider();
const t = await createTestKernel({ plugins: [messaging, chaosSms], background: true, config: { logLevel: 'warn' } });
try {
  const ok = async (res: Promise<{ statusCode: number; body: string; json(): any }>) => {
    const r = await res;
    if (r.statusCode >= 300) throw new Error(`${r.statusCode} ${r.body}`);
    return r.json();
  };
  const config = await ok(t.inject({ method: 'POST', url: '/api/messaging/providers', payload: { channel: 'sms', providerId: 'chaos-sms', name: 'Bench', config: { baseUrl: provider.url } } }));
  await ok(t.inject({ method: 'PUT', url: '/api/messaging/assignments', payload: { tenantId: null, channel: 'sms', providerConfigIds: [config.id] } }));
  await ok(t.inject({ method: 'POST', url: '/api/messaging/notification-rules', payload: { name: 'Bench', eventPattern: 'bench.*', channel: 'sms', templateKey: 'welcome', recipientPaths: ['payload.phone'] } }));
  const events = t.kernel.services.events;
  const emit = async (name: string, from: number, count: number) => {
    const em = t.kernel.orm.em.fork();
    await em.transactional(async (tx) => {
      for (let seq = from; seq < from + count; seq++) await events.emitDurable(tx, name, { seq, phone: benchPhone(seq) });
    });
  };

  // --- 1. throughput ---
  const bareLoop = async (): Promise<number> => {
    const started = performance.now();
    for (let i = 0; i < N; i++) {
      const res = await fetch(`${provider.url}/sms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `bare-${started}-${i}` },
        body: JSON.stringify({ to: benchPhone(i), body: 'Welcome, tenant' }),
      });
      await res.json();
    }
    return performance.now() - started;
  };
  // Warm-up: connections, JIT, the worker's and the sender's first queries.
  await emit('bench.warmup', 0, 200);
  await waitUntil('the warm-up notifications', () => provider.sent() >= 200, 60_000);
  provider.reset();
  const bareBeforeMs = await bareLoop();
  provider.reset();

  const emitStarted = performance.now();
  await emit('bench.notify', 0, N);
  const committedAt = performance.now();
  await waitUntil('the worker to send every notification', () => provider.sent() >= N, 600_000);
  const workerMs = performance.now() - committedAt;
  const workerDuplicates = provider.requests() - N;
  provider.reset();
  const bareAfterMs = await bareLoop();
  provider.reset();
  const bareMs = (bareBeforeMs + bareAfterMs) / 2;
  const ratio = bareMs / workerMs;

  // --- 2. latency at 100/s offered ---
  const count = LATENCY_SECONDS * RATE;
  const emittedAt: number[] = [];
  const offerStarted = performance.now();
  for (let seq = 0; seq < count; seq++) {
    const due = offerStarted + (seq * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    emittedAt[seq] = performance.now();
    await emit('bench.latency', seq, 1);
  }
  const offeredRate = count / ((performance.now() - offerStarted) / 1000);
  await waitUntil('the latency run to finish', () => provider.sent() >= count, 120_000);
  const arrivals = provider.firstArrival();
  const latencies = emittedAt.map((at, seq) => arrivals.get(benchPhone(seq))! - at);
  const p50 = quantile(latencies, 0.5);
  const p99 = quantile(latencies, 0.99);
  const max = Math.max(...latencies);
  await t.close();

  // --- 3. kill one of two instances halfway ---
  const kill = await killOneOfTwoHalfway(provider, KILL_EVENTS);

  console.log(`\nbench/messaging: notifications through the worker to a local fake SMS provider (${N} for throughput)`);
  console.table({
    'bare loop (sequential POSTs)': { ms: Math.round(bareMs), 'per second': Math.round((N / bareMs) * 1000), note: `before ${Math.round(bareBeforeMs)} ms, after ${Math.round(bareAfterMs)} ms` },
    'worker (event -> provider)': { ms: Math.round(workerMs), 'per second': Math.round((N / workerMs) * 1000), note: `emit ${N} events in one transaction took ${Math.round(committedAt - emitStarted)} ms (not counted); extra requests ${workerDuplicates}` },
  });
  console.log(`throughput ratio worker / bare loop: ${ratio.toFixed(2)}x (target >= 0.25x: ${verdict(ratio >= 0.25)})`);
  console.log(
    `event-to-provider latency at ${offeredRate.toFixed(1)}/s offered (${count} events): p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${max.toFixed(1)} ms (target p99 < 1000 ms: ${verdict(p99 < 1000)})`,
  );
  console.log(
    `kill -9 of one of two instances after ${kill.sentBeforeKill} of ${kill.events} sent: lost ${kill.lost}, duplicated ${kill.duplicated} (target 0 and 0: ${verdict(kill.lost === 0 && kill.duplicated === 0)}); ` +
      `${kill.requests} requests reached the provider, ${kill.repeatedKeys} of them repeating an idempotency key it had accepted (deduplicated); the survivor finished ${Math.round(kill.drainMsAfterKill)} ms after the kill`,
  );
} finally {
  await t.close().catch(() => undefined);
  await provider.close();
}

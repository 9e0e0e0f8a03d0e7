// bench/messaging: the notification worker of issue 17 (item 6), against a local fake SMS provider
// (support/counting-sms-provider.ts, honouring idempotency keys), on the test PostgreSQL server.
//   1. throughput: 10,000 notifications through the worker (durable events written in one transaction; from its
//      commit until the provider has them all: outbox relay, worker (rule lookup, delivery row, idempotency key),
//      sender (message row, provider call through the provider plugin, record), on a kernel in this process with
//      its background relay), compared with a bare loop posting the same requests to the same provider one after
//      another, measured before and after in the same run. Two shapes: BENCH_FANOUT_EVENTS (1,000) events with 10
//      recipients each (the worker sends an event's recipients side by side), and BENCH_SINGLE_EVENTS (2,000; set
//      10000 for the full count) events with one recipient each (the worker takes up to 64 events side by side
//      from the relay, which claims and marks them 200 deliveries at a time). Target: >= 0.25x. Also reported, as
//      they do not move with the machine's load: the database statements this process sends per notification
//      (support/statement-counter.ts) and its CPU per notification.
//   2. latency at 100 messages/s offered, from just before the emitting transaction to the request's arrival at
//      the provider: 10 events/s x 10 recipients for BENCH_LATENCY_SECONDS (20), and 100 events/s x 1 recipient
//      for BENCH_SINGLE_LATENCY_SECONDS (5). Target: p99 < 1 s.
//   3. kill: two platform processes on one database, BENCH_KILL_EVENTS (1,000) one-recipient events; when half
//      are sent, one process is killed with SIGKILL. Target: 0 lost, 0 duplicated (messages per recipient).
// A phase whose count or seconds is set to 0 is skipped.
// The real path (phases 1 and 2): the messaging plugin as shipped, a tenant's rules on a stored SMS template
// (`welcome`, "Welcome, {{tenant.name}}", rendered for every message) and the tenant's SMS credits reserved and
// consumed through the ledger (a top-up seeded first). BENCH_TEMPLATES=fixed runs the former path instead, for
// comparison: a fixed in-bench renderer (test/chaos/support/messaging-with-fixed-templates.ts), platform rules,
// no credits. Phase 3 (separate processes) keeps the fixed renderer.
// Run: node --import tsx bench/messaging/run.ts
import { createTestKernel } from '@platform/sdk/testing';
import realMessaging from '@platform/plugin-messaging';
import fixedTemplateMessaging from '../../test/chaos/support/messaging-with-fixed-templates.ts';
import chaosSms from '../../test/chaos/support/chaos-sms-provider-plugin.ts';
import { benchPhone, startCountingSmsProvider } from './support/counting-sms-provider.ts';
import { killOneOfTwoHalfway } from './support/two-instance-kill.ts';
import { countDatabaseStatements } from './support/statement-counter.ts';

const FANOUT_EVENTS = Number(process.env.BENCH_FANOUT_EVENTS ?? 1_000);
const FANOUT = 10;
const SINGLE_EVENTS = Number(process.env.BENCH_SINGLE_EVENTS ?? 2_000);
const LATENCY_SECONDS = Number(process.env.BENCH_LATENCY_SECONDS ?? 20);
const SINGLE_LATENCY_SECONDS = Number(process.env.BENCH_SINGLE_LATENCY_SECONDS ?? 5);
const KILL_EVENTS = Number(process.env.BENCH_KILL_EVENTS ?? 1_000);
const REAL_PATH = process.env.BENCH_TEMPLATES !== 'fixed';
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
/** Recipient numbers of event `seq`: one, or `fanout` of them (distinct across events while seq * fanout < 10,000). */
const phonesOf = (seq: number, fanout: number) => Array.from({ length: fanout }, (_, k) => benchPhone(seq * fanout + k));

const statements = countDatabaseStatements();
const provider = await startCountingSmsProvider();
const t = await createTestKernel({ plugins: [REAL_PATH ? realMessaging : fixedTemplateMessaging, chaosSms], background: true, config: { logLevel: 'warn' } });
const lines: string[] = [];
try {
  const ok = async (res: Promise<{ statusCode: number; body: string; json(): any }>) => {
    const r = await res;
    if (r.statusCode >= 300) throw new Error(`${r.statusCode} ${r.body}`);
    return r.json();
  };
  const config = await ok(t.inject({ method: 'POST', url: '/api/messaging/providers', payload: { channel: 'sms', providerId: 'chaos-sms', name: 'Bench', config: { baseUrl: provider.url } } }));
  await ok(t.inject({ method: 'PUT', url: '/api/messaging/assignments', payload: { tenantId: null, channel: 'sms', providerConfigIds: [config.id] } }));
  // The real path: a tenant whose rules render a stored template and whose sends are charged to its credits.
  const tenantId = REAL_PATH ? (await t.signIn({ role: 'tenant_admin', tenant: 'bench' })).tenant!.id : null;
  if (REAL_PATH) {
    await ok(t.inject({ method: 'POST', url: '/api/messaging/templates', payload: { key: 'welcome', channel: 'sms', defaultLanguage: 'en', variables: [{ name: 'tenant', type: 'object' }], body: 'Welcome, {{tenant.name}}' } }));
    await ok(t.inject({ method: 'POST', url: `/api/messaging/credits/${tenantId}/top-up`, payload: { amount: 10_000_000, reason: 'bench' } }));
  }
  for (const fanout of [1, FANOUT]) {
    await ok(t.inject({ method: 'POST', url: '/api/messaging/notification-rules', payload: { name: `Bench x${fanout}`, eventPattern: `bench.x${fanout}`, channel: 'sms', templateKey: 'welcome', recipientPaths: ['payload.phones'], ...(tenantId ? { tenantId } : {}) } }));
  }
  const creditsOf = async () => (tenantId ? (await t.sql<{ balance: number }>(`SELECT balance::int AS balance FROM messaging_credit_accounts WHERE tenant_id = $1`, [tenantId]))[0]!.balance : 0);
  const events = t.kernel.services.events;
  const emit = async (fanout: number, from: number, count: number) => {
    const em = t.kernel.orm.em.fork();
    await em.transactional(async (tx) => {
      for (let seq = from; seq < from + count; seq++) await events.emitDurable(tx, `bench.x${fanout}`, { ...(tenantId ? { tenantId } : {}), seq, phones: phonesOf(seq, fanout) });
    });
  };

  const bareLoop = async (n: number): Promise<number> => {
    const started = performance.now();
    for (let i = 0; i < n; i++) {
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
  await emit(FANOUT, 0, 20);
  await waitUntil('the warm-up notifications', () => provider.sent() >= 20 * FANOUT, 120_000);
  provider.reset();

  // --- 1. throughput ---
  const throughput = async (fanout: number, eventCount: number) => {
    const n = eventCount * fanout;
    provider.reset();
    const bareBeforeMs = await bareLoop(n);
    provider.reset();
    const creditsBefore = await creditsOf();
    const emitStarted = performance.now();
    await emit(fanout, 0, eventCount);
    const committedAt = performance.now();
    const statementsBefore = statements.count();
    const cpuBefore = process.cpuUsage();
    await waitUntil(`the worker to send ${n} notifications`, () => provider.sent() >= n, 3_600_000);
    const workerMs = performance.now() - committedAt;
    const cpu = process.cpuUsage(cpuBefore);
    const perNotification = (statements.count() - statementsBefore) / n;
    const repeated = provider.repeatedKeys();
    const charged = creditsBefore - (await creditsOf());
    provider.reset();
    const bareAfterMs = await bareLoop(n);
    provider.reset();
    const bareMs = (bareBeforeMs + bareAfterMs) / 2;
    const ratio = bareMs / workerMs;
    lines.push(
      `throughput, ${eventCount} events x ${fanout} recipient(s) = ${n} notifications: worker ${Math.round((n / workerMs) * 1000)}/s (${Math.round(workerMs)} ms from commit; ` +
        `emitting took ${Math.round(committedAt - emitStarted)} ms, not counted; ${repeated} repeated keys; ${REAL_PATH ? `stored template, ${charged} credits charged` : 'fixed template, no credits'}; ${perNotification.toFixed(1)} database statements and ` +
        `${((cpu.user + cpu.system) / 1000 / n).toFixed(2)} ms of this process's CPU per notification), bare loop ${Math.round((n / bareMs) * 1000)}/s ` +
        `(${Math.round(bareBeforeMs)} ms before, ${Math.round(bareAfterMs)} ms after): ratio ${ratio.toFixed(2)}x (target >= 0.25x: ${verdict(ratio >= 0.25)})`,
    );
  };
  if (FANOUT_EVENTS > 0) await throughput(FANOUT, FANOUT_EVENTS);
  if (SINGLE_EVENTS > 0) await throughput(1, SINGLE_EVENTS);

  // --- 2. latency at 100 messages/s offered ---
  const latency = async (fanout: number, seconds: number) => {
    provider.reset();
    const eventsPerSecond = 100 / fanout;
    const count = Math.round(seconds * eventsPerSecond);
    const emittedAt: number[] = [];
    const offerStarted = performance.now();
    for (let seq = 0; seq < count; seq++) {
      const wait = offerStarted + (seq * 1000) / eventsPerSecond - performance.now();
      if (wait > 0) await sleep(wait);
      emittedAt[seq] = performance.now();
      await emit(fanout, seq, 1);
    }
    const offered = (count * fanout) / ((performance.now() - offerStarted) / 1000);
    const arrivals = provider.firstArrival();
    const phones = emittedAt.flatMap((at, seq) => phonesOf(seq, fanout).map((phone) => ({ phone, at })));
    await waitUntil('the latency run to finish', () => phones.every((p) => arrivals.has(p.phone)), 600_000);
    const ms = phones.map((p) => arrivals.get(p.phone)! - p.at);
    const p99 = quantile(ms, 0.99);
    lines.push(
      `latency, ${eventsPerSecond} events/s x ${fanout} recipient(s), ${offered.toFixed(1)} messages/s offered for ${seconds} s (${ms.length} messages): ` +
        `p50 ${quantile(ms, 0.5).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms (target p99 < 1000 ms: ${verdict(p99 < 1000)})`,
    );
  };
  if (LATENCY_SECONDS > 0) await latency(FANOUT, LATENCY_SECONDS);
  if (SINGLE_LATENCY_SECONDS > 0) await latency(1, SINGLE_LATENCY_SECONDS);
  await t.close();

  // --- 3. kill one of two instances halfway ---
  const kill = KILL_EVENTS > 0 ? await killOneOfTwoHalfway(provider, KILL_EVENTS) : null;
  if (kill) lines.push(
    `kill -9 of one of two instances after ${kill.sentBeforeKill} of ${kill.events} one-recipient events were sent: lost ${kill.lost}, duplicated ${kill.duplicated} ` +
      `(target 0 and 0: ${verdict(kill.lost === 0 && kill.duplicated === 0)}); ${kill.requests} requests reached the provider, ${kill.repeatedKeys} of them repeating an ` +
      `idempotency key it had accepted (deduplicated by the provider); the survivor finished ${Math.round(kill.drainMsAfterKill)} ms after the kill`,
  );
} finally {
  await t.close().catch(() => undefined);
  await provider.close();
  console.log(`\nbench/messaging: the notification worker against a local fake SMS provider\n${lines.map((l) => `- ${l}`).join('\n')}`);
}

// Memory under load (issue #13 item 8): ROUNDS (default 10) back-to-back rounds of ROUND_SECONDS (default 30) at
// 500 connections on POST /api/feature-flags/evaluate, against a platform process of its own (the overload chaos
// test's server, with the production load-shedding defaults). After each round it prints the server's RSS as
// the round left it, then RSS and V8 heap after a full GC: a leak shows as a heap that keeps growing after GC.
// Every request carries a different session id (MEMORY_CONTEXT=same for one context), so every per-request cache
// sees a new key each time and has to be bounded to stay flat.
// MEMORY_SNAPSHOTS=1 also writes heap snapshots after the first and the last round and prints the constructors
// that grew most between them (the heap snapshot diff).
//
//   node --import tsx bench/memory/run.ts
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { createTestDatabase } from '@platform/sdk/testing';
import { diffHeapSnapshots } from './heap-snapshot-diff.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 10);
const ROUND_SECONDS = Number(process.env.ROUND_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 500);
const DISTINCT = process.env.MEMORY_CONTEXT !== 'same';
const SNAPSHOTS = process.env.MEMORY_SNAPSHOTS === '1';

interface Memory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

const mb = (n: number) => (n / 2 ** 20).toFixed(0).padStart(5);

function ask<T>(child: ChildProcess, message: unknown, key: string): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: any) => {
      if (m && typeof m === 'object' && key in m) {
        child.off('message', on);
        resolve(m[key] as T);
      }
    };
    child.on('message', on);
    child.send(message as never);
  });
}

const db = await createTestDatabase();
const server = fork(fileURLToPath(new URL('../../test/chaos/support/flags-evaluate-server.ts', import.meta.url)), {
  execArgv: ['--import', 'tsx', '--expose-gc'],
  env: { ...process.env, DATABASE_URL: db.url },
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const info = await new Promise<{ url: string; memberToken: string }>((resolve, reject) => {
  server.once('message', (m) => resolve(m as { url: string; memberToken: string }));
  server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});
const rssOf = async () => (await ask<Memory>(server, 'memory', 'memory')).rss;
const url = `${info.url}/api/feature-flags/evaluate`;
const headers = { authorization: `Bearer ${info.memberToken}`, 'content-type': 'application/json' };
let n = 0;
const requests = [
  {
    method: 'POST' as const,
    headers,
    body: '{}',
    ...(DISTINCT ? { setupRequest: (req: Record<string, unknown>) => ({ ...req, body: JSON.stringify({ context: { sessionId: `memory-session-${n++}` } }) }) } : {}),
  },
];

const snapshotDir = SNAPSHOTS ? mkdtempSync(join(tmpdir(), 'platform-heap-')) : null;
const snapshots: string[] = [];
const start = await ask<Memory>(server, 'memory', 'memory');
console.log(`memory under load: ${ROUNDS} rounds x ${ROUND_SECONDS} s at ${CONNECTIONS} connections, ${DISTINCT ? 'a new session id per request' : 'one context'}`);
console.log(`round    req/s   p99 ms  2xx      503      timeouts  rss MB (as left)  rss MB (after gc)  heap MB (after gc)`);
console.log(`start                                                                   ${mb(start.rss)}              ${mb(start.heapUsed)}`);
for (let round = 1; round <= ROUNDS; round++) {
  const statuses: Record<number, number> = {};
  const run = autocannon({ url, connections: CONNECTIONS, duration: ROUND_SECONDS, requests });
  run.on('response', (_client, status) => void (statuses[status] = (statuses[status] ?? 0) + 1));
  const r = await run;
  const left = await rssOf();
  const m = await ask<Memory>(server, 'memory', 'memory');
  console.log(
    `${String(round).padStart(5)}  ${r.requests.average.toFixed(0).padStart(7)}  ${r.latency.p99.toFixed(0).padStart(7)}  ${String(r['2xx']).padStart(7)}  ${String(statuses[503] ?? 0).padStart(7)}  ${String(r.timeouts).padStart(8)}  ${mb(left)}             ${mb(m.rss)}              ${mb(m.heapUsed)}`,
  );
  const others = Object.entries(statuses).filter(([s]) => s !== '503' && !s.startsWith('2'));
  if (others.length) console.log(`       other statuses: ${others.map(([s, n]) => `${s} x${n}`).join(', ')}`);
  if (snapshotDir && (round === 1 || round === ROUNDS)) snapshots.push(await ask<string>(server, { snapshot: join(snapshotDir, `round-${round}.heapsnapshot`) }, 'snapshot'));
}
if (snapshots.length === 2) {
  console.log(`\nheap snapshot diff, round 1 -> round ${ROUNDS} (${snapshots.join(', ')}), largest growth by constructor:`);
  for (const row of diffHeapSnapshots(snapshots[0], snapshots[1]).slice(0, 15)) {
    console.log(`  ${row.name.slice(0, 60).padEnd(60)} ${String(row.countDelta).padStart(9)} objects  ${(row.sizeDelta / 1024).toFixed(0).padStart(9)} KB`);
  }
}
await new Promise<void>((resolve) => {
  server.once('exit', () => resolve());
  server.send('stop');
  setTimeout(() => server.kill('SIGKILL'), 10_000).unref();
});
await db.drop();
process.exit(0);

// bench/idempotency: what an Idempotency-Key costs a mutation. The same CRUD create (POST /api/example/notes)
// without a key, with a fresh key each time (lookup + the key's row in the write transaction + the stored
// answer), and the replay of a stored answer; sequential, in process (app.inject), on the test PostgreSQL
// server. Prints ms per request and the ratios against the unkeyed create measured in the same run.
// Run: node --import tsx bench/idempotency/run.ts   (BENCH_REQUESTS=1000 by default)
import { randomUUID } from 'node:crypto';
import { createTestKernel } from '@platform/sdk/testing';
import example from '@platform/plugin-example';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 1000);
const t = await createTestKernel({ plugins: [example], config: { logLevel: 'silent' }, as: { role: 'super_admin', tenant: 'bench-idem' } });

async function timed(label: string, send: (i: number) => Promise<{ statusCode: number }>): Promise<number> {
  for (let i = 0; i < 100; i++) await send(-1 - i); // warm-up
  const started = process.hrtime.bigint();
  for (let i = 0; i < REQUESTS; i++) {
    const res = await send(i);
    if (res.statusCode !== 201) throw new Error(`${label}: ${res.statusCode}`);
  }
  return Number(process.hrtime.bigint() - started) / 1e6 / REQUESTS;
}

try {
  const create = (headers: Record<string, string>) => t.inject({ method: 'POST', url: '/api/example/notes', headers, payload: { title: 'bench', body: 'a note of a few words' } });
  const replayKey = randomUUID();
  await create({ 'idempotency-key': replayKey });
  // Interleaved rounds, so drift on a shared machine hits all three alike.
  const rounds = { none: [] as number[], keyed: [] as number[], replay: [] as number[] };
  for (let round = 0; round < 3; round++) {
    rounds.none.push(await timed('no key', () => create({})));
    rounds.keyed.push(await timed('fresh key', () => create({ 'idempotency-key': randomUUID() })));
    rounds.replay.push(await timed('replay', () => create({ 'idempotency-key': replayKey })));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const none = median(rounds.none);
  const keyed = median(rounds.keyed);
  const replay = median(rounds.replay);
  console.log(`\nbench/idempotency: POST /api/example/notes, ${REQUESTS} sequential requests per round, median of 3 rounds`);
  console.table({
    'create, no key': { 'ms/request': none.toFixed(3), 'vs no key': '1.00x' },
    'create, fresh Idempotency-Key': { 'ms/request': keyed.toFixed(3), 'vs no key': `${(keyed / none).toFixed(2)}x` },
    'replay of a stored answer': { 'ms/request': replay.toFixed(3), 'vs no key': `${(replay / none).toFixed(2)}x` },
  });
} finally {
  await t.close();
}

// bench/kernel's rate-limit column: the cached tenant-scoped list with and without a rate-limit policy on the
// tenant (RATE_LIMIT=on in kernel-server.ts), measured in alternating rounds (A B B A ...) on two servers.
// Target: with the policy >= 0.95x the req/s without. Also reported: server CPU per request of each (the
// load-independent figure) and their difference, the check's cost per request as the server pays it.
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { start } from './bench-servers.ts';

const CONNECTIONS = 50;

function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((ok) => {
    child.once('message', (m: any) => ok(m.cpu));
    child.send('cpu');
  });
}

export interface RateLimitRound {
  rps: number;
  p99: number;
  cpuUs: number;
}

async function measure(child: ChildProcess, url: string, token: string, seconds: number, rate?: number): Promise<RateLimitRound> {
  const headers = { authorization: `Bearer ${token}` };
  const before = await cpuOf(child);
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers, ...(rate ? { overallRate: rate } : {}) });
  const cpu = (await cpuOf(child)) - before;
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { rps: r.requests.average, p99: r.latency.p99, cpuUs: cpu / r.requests.total };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function compareRateLimit(o: { seconds: number; rounds: number; warmupSeconds: number; listPath: string; rate?: number }) {
  const plain = await start('./kernel-server.ts');
  // BENCH_AA=1: both servers without a policy (how far apart two identical servers measure).
  const limited = await start('./kernel-server.ts', process.env.BENCH_AA ? {} : { RATE_LIMIT: 'on' });
  const run = (s: typeof plain, seconds = o.seconds) => measure(s.child, s.info.url + o.listPath, s.info.token!, seconds, o.rate);
  await run(plain, o.warmupSeconds);
  await run(limited, o.warmupSeconds);
  const rounds: Array<{ plain: RateLimitRound; limited: RateLimitRound }> = [];
  for (let i = 0; i < o.rounds; i++) {
    if (i % 2 === 0) {
      const p = await run(plain);
      rounds.push({ plain: p, limited: await run(limited) });
    } else {
      const l = await run(limited);
      rounds.push({ limited: l, plain: await run(plain) });
    }
  }
  plain.child.send('stop');
  limited.child.send('stop');
  const ratios = rounds.map((r) => r.limited.rps / r.plain.rps);
  const cpuDiffs = rounds.map((r) => r.limited.cpuUs - r.plain.cpuUs);
  return { rounds, ratios, ratio: median(ratios), cpuDiffUs: median(cpuDiffs) };
}

export function rateLimitTable(result: Awaited<ReturnType<typeof compareRateLimit>>) {
  const row = (m: RateLimitRound) => ({ 'req/s': Math.round(m.rps), 'p99 ms': m.p99, 'server CPU µs/req': m.cpuUs.toFixed(0) });
  const table: Record<string, ReturnType<typeof row>> = {};
  result.rounds.forEach((r, i) => {
    table[`round ${i + 1}: cached list, no rate-limit policy`] = row(r.plain);
    table[`round ${i + 1}: cached list, rate-limit policy on`] = row(r.limited);
  });
  return table;
}

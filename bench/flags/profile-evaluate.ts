// CPU profile of HTTP evaluate with a new context on every request (no memo hits): forks the flags
// server under --cpu-prof, drives it with autocannon, and prints the functions with the most self time.
// Usage: node --import tsx bench/flags/profile-evaluate.ts [seconds] [profile dir]
import { fork } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const seconds = Number(process.argv[2] ?? 8);
const dir = process.argv[3] ?? '/tmp/flags-evaluate-profile';
const child = fork(fileURLToPath(new URL('./flags-server.ts', import.meta.url)), {
  execArgv: ['--import', 'tsx', '--cpu-prof', `--cpu-prof-dir=${dir}`],
  stdio: 'inherit',
  env: { ...process.env, FLAGS_BENCH_SETUP: '1' },
});
const info: { url: string; memberToken: string } = await new Promise((resolve) => child.once('message', resolve as never));
const url = `${info.url}/api/feature-flags/evaluate`;
let session = 0;
const result = await autocannon({
  url,
  method: 'POST',
  connections: 50,
  duration: seconds,
  headers: { authorization: `Bearer ${info.memberToken}`, 'content-type': 'application/json' },
  requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: JSON.stringify({ context: { sessionId: `s-${session++}` } }) }) }],
} as never);
console.log(`distinct contexts: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
await new Promise<void>((resolve) => {
  child.once('exit', () => resolve());
  child.send('stop');
});

// The main thread's profile (tsx's loader thread writes a second, smaller one).
const file = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile') && name.includes(`.${child.pid}.0.`)).sort().at(-1)!;
interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number }
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: ProfileNode[] };
const total = profile.nodes.reduce((sum, node) => sum + node.hitCount, 0);
const byFunction = new Map<string, number>();
for (const node of profile.nodes) {
  const where = node.callFrame.url.replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/^file:\/\/.*?\/(core|plugins|sdk)\//, '$1/');
  const name = `${node.callFrame.functionName || '(anonymous)'} ${where}:${node.callFrame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + node.hitCount);
}
console.log(`profile ${join(dir, file)}: ${total} samples`);
for (const [name, hits] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${((100 * hits) / total).toFixed(1).padStart(5)}%  ${name}`);

// CPU profile of HTTP evaluate with a new context on every request (no memo hits): forks the flags
// server under --cpu-prof, drives it with autocannon, and prints, for the samples taken while the load
// ran (boot and module compilation left out), the functions with the most self time and the inclusive
// time of the request's stages.
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
const load = (duration: number) =>
  autocannon({
    url,
    method: 'POST',
    connections: 50,
    duration,
    headers: { authorization: `Bearer ${info.memberToken}`, 'content-type': 'application/json' },
    requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, body: JSON.stringify({ context: { sessionId: `s-${session++}` } }) }) }],
  } as never);
await load(2); // warm-up (JIT), not counted
// V8's profile clock and process.hrtime are both CLOCK_MONOTONIC (µs here).
const from = Number(process.hrtime.bigint() / 1000n);
const result = await load(seconds);
const to = Number(process.hrtime.bigint() / 1000n);
console.log(`distinct contexts: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${result.requests.total} requests`);
await new Promise<void>((resolve) => {
  child.once('exit', () => resolve());
  child.send('stop');
});

// The main thread's profile (tsx's loader thread writes a second, smaller one).
const file = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile') && name.includes(`.${child.pid}.0.`)).sort().at(-1)!;
interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const c of node.children ?? []) parentOf.set(c, node.id);
const nameOf = (node: ProfileNode) => {
  const where = node.callFrame.url.replace(/^.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/^file:\/\/.*?\/(core|plugins|sdk)\//, '$1/');
  return `${node.callFrame.functionName || '(anonymous)'} ${where}`;
};

// Stages, in order of precedence: a sample counts for the first stage any frame of its stack matches.
const STAGES: [string, RegExp][] = [
  ['idle', /^\(idle\)/],
  ['garbage collector', /^\(garbage collector\)/],
  ['socket write (writev syscall)', /^writev |^writevGeneric |^writeUtf8String |^writeBuffer /],
  ['ETag (sha1)', /^evaluationEtag |node:internal\/crypto\/hash$/],
  ['flag evaluation (engine)', /^evaluateManyInSnapshot |^evaluateInSnapshot /],
  ['evaluate handler, rest (context, memo key, JSON.stringify, reply headers)', /^handler plugins\/feature-flags\/src\/routes\/evaluate-routes/],
  ['request context (actor + tenant lookup)', /^buildRequestContext /],
  ['route guard (permission, tenant, plugin enabled)', /^guard core\/src\/http\/route-registrar/],
  ['body parsing (JSON)', /secure-json-parse|^defaultJsonParser |^rawBody /],
  ['body validation (ajv)', /^validate.* (ajv|fastify\/lib\/validation)|^validation /],
  ['response observers (onResponse: metrics, audit…)', /core\/src\/kernel\.ts$/],
  ['idempotency hooks', /idempotency-hooks/],
  ['logging (scope, pino)', /request-log-scope|lazy-request-logger|pino/],
  ['load shedder (admission, accounting)', /load-shedder/],
  ['HTTP parsing (node:_http)', /^parserOn|^_addHeaderLine |_http_common$|_http_incoming$/],
  ['response headers and send (fastify reply, node:_http_outgoing)', /fastify\/lib\/reply\.js$|_http_outgoing$|_http_server$/],
];
const selfTime = new Map<string, number>();
const stageTime = new Map<string, number>();
let counted = 0;
let t = profile.startTime;
for (let i = 0; i < profile.samples.length; i++) {
  t += profile.timeDeltas[i];
  if (t < from || t > to) continue;
  counted++;
  const leaf = nodes.get(profile.samples[i])!;
  selfTime.set(nameOf(leaf), (selfTime.get(nameOf(leaf)) ?? 0) + 1);
  const path: ProfileNode[] = [];
  for (let id: number | undefined = leaf.id; id !== undefined; id = parentOf.get(id)) path.unshift(nodes.get(id)!);
  const stage = STAGES.find(([, re]) => path.some((node) => re.test(nameOf(node))))?.[0] ?? 'other (Fastify routing, hooks, node:http, promises)';
  stageTime.set(stage, (stageTime.get(stage) ?? 0) + 1);
}
const pct = (hits: number) => `${((100 * hits) / counted).toFixed(1).padStart(5)}%`;
console.log(`profile ${join(dir, file)}: ${counted} samples while the load ran`);
console.log('\nby stage (inclusive, first match from the root):');
for (const [stage, hits] of [...stageTime].sort((a, b) => b[1] - a[1])) console.log(`${pct(hits)}  ${stage}`);
console.log('\ntop functions by self time:');
for (const [name, hits] of [...selfTime].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${pct(hits)}  ${name}`);

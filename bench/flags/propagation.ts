// Benchmark 3: two instances (two processes) on one PostgreSQL. A flag is changed through instance A's
// API; the time until instance B's evaluation changes is read from B's SSE stream, 50 times.
import { ServerSentEventParser } from '../../plugins/feature-flags/src/openfeature/web/server-sent-events.ts';
import { startChild } from './child-process.ts';

export interface PropagationResult {
  changes: number;
  p50: number;
  p99: number;
  max: number;
}

const KEY = 'admin.realtime_dashboard';

async function openStream(url: string, token: string, onFlags: (flags: Record<string, { value: unknown }>) => void): Promise<AbortController> {
  const abort = new AbortController();
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: abort.signal });
  if (!res.ok || !res.body) throw new Error(`stream ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  const parser = new ServerSentEventParser();
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        for (const event of parser.push(decoder.decode(value, { stream: true }))) if (event.event === 'flags') onFlags(JSON.parse(event.data).flags);
      }
    } catch {
      /* aborted */
    }
  })();
  return abort;
}

export async function measurePropagation(changes = 50): Promise<PropagationResult> {
  const a = await startChild('./flags-server.ts');
  const b = await startChild('./flags-server.ts', { FLAGS_BENCH_DATABASE_URL: a.info.databaseUrl! });
  const headers = { authorization: `Bearer ${a.info.staffToken}`, 'content-type': 'application/json' };
  const flag = (await (await fetch(`${a.info.url}/api/feature-flags/flags/${KEY}`, { headers })).json()) as { id: string; enabled: boolean };

  let waiting: { expected: boolean; resolve: (at: number) => void } | null = null;
  let current: unknown;
  const stream = await openStream(`${b.info.url}/api/feature-flags/stream?flags=${KEY}`, b.info.memberToken!, (flags) => {
    current = flags[KEY]?.value;
    if (waiting && current === waiting.expected) {
      const w = waiting;
      waiting = null;
      w.resolve(performance.now());
    }
  });
  try {
    const timings: number[] = [];
    let enabled = flag.enabled;
    for (let i = 0; i < changes; i++) {
      enabled = !enabled;
      const seen = new Promise<number>((resolve, reject) => {
        waiting = { expected: enabled, resolve };
        setTimeout(() => reject(new Error(`change ${i} not seen on instance B within 5 s`)), 5000).unref();
      });
      const start = performance.now();
      const res = await fetch(`${a.info.url}/api/feature-flags/flags/${flag.id}`, { method: 'PATCH', headers, body: JSON.stringify({ enabled, reason: `propagation bench ${i}` }) });
      if (res.status !== 200) throw new Error(`PATCH ${res.status}: ${await res.text()}`);
      timings.push((await seen) - start);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    timings.sort((x, y) => x - y);
    const at = (p: number) => timings[Math.min(timings.length - 1, Math.ceil(timings.length * p) - 1)];
    return { changes, p50: at(0.5), p99: at(0.99), max: timings[timings.length - 1] };
  } finally {
    stream.abort();
    await b.stop();
    await a.stop();
  }
}

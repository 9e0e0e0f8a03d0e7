// Top self-time functions of a V8 CPU profile (.cpuprofile JSON), and the time by package.
interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
export interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

const where = (url: string) =>
  url.replace(/^file:\/\//, '').replace(/.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, '').replace(/.*?\/((core|sdk|bench|test|testing)\/src\/|bench\/)/, '$1');

const packageOf = (url: string) => {
  const m = url.match(/node_modules\/\.pnpm\/[^/]+\/node_modules\/((@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (/\/(core|sdk|testing)\/src\//.test(url)) return '@platform/' + url.match(/\/(core|sdk|testing)\/src\//)![1];
  if (url.startsWith('node:')) return 'node internals';
  return url ? url : '(native / vm)';
};

/**
 * Self time by function and by package, in % of the busy time and in µs per request. Left out: idle time, and
 * the profiler's own work (stopping it, under node:inspector). `writev` is the socket write syscall: on this
 * shared machine its samples also hold the time the process waited for a CPU after waking its reader
 * (PostgreSQL, the load generator), so it is shown apart from the rest.
 */
export function summarizeProfile(profile: CpuProfile, requests: number, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const profilerOwn = new Map<number, boolean>();
  const isProfilerOwn = (id: number): boolean => {
    let known = profilerOwn.get(id);
    if (known === undefined) {
      const url = byId.get(id)!.callFrame.url;
      const up = parent.get(id);
      known = url === 'node:inspector' || url.endsWith('/server-control.ts') || (up !== undefined && isProfilerOwn(up));
      profilerOwn.set(id, known);
    }
    return known;
  };
  const self = new Map<string, number>();
  const pkg = new Map<string, number>();
  let total = 0;
  let idle = 0;
  let writev = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const f = byId.get(id)!.callFrame;
    if (f.functionName === '(idle)' || isProfilerOwn(id)) {
      idle += dt;
      return;
    }
    if (f.functionName === 'writev') {
      writev += dt;
      return;
    }
    total += dt;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? `${where(f.url)}:${f.lineNumber + 1}` : ''}`.trim();
    self.set(key, (self.get(key) ?? 0) + dt);
    const p = f.url ? packageOf(f.url) : f.functionName.startsWith('(') ? f.functionName : '(native) ' + f.functionName;
    pkg.set(p, (pkg.get(p) ?? 0) + dt);
  });
  const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)}% ${(t / requests).toFixed(1).padStart(6)} µs/req`;
  const lines = [
    `busy ${(total / 1000).toFixed(0)} ms = ${(total / requests).toFixed(0)} µs/req, plus writev ${(writev / requests).toFixed(0)} µs/req; self time:`,
  ];
  for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`${pct(t)}  ${k}`);
  lines.push('by package:');
  for (const [k, t] of [...pkg].sort((a, b) => b[1] - a[1]).slice(0, 15)) lines.push(`${pct(t)}  ${k}`);
  return lines.join('\n');
}

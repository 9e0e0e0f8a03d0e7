// CPU profiles of the kernel's uncached list (LIST_CACHE=off) and of its node-postgres peer, each taken
// in the server process during the load only (autocannon, 50 connections, after a warm-up). Writes the
// .cpuprofile files (open them in Chrome DevTools) and prints the top self-time functions.
//   node --import tsx kernel/profile.ts [outDir]
import { writeFileSync, mkdirSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { start } from './bench-servers.ts';
import { summarizeProfile, type CpuProfile } from './profile-summary.ts';

const DURATION = Number(process.env.BENCH_SECONDS ?? 8);
const outDir = process.argv[2] ?? '/tmp/bench-kernel-profiles';
mkdirSync(outDir, { recursive: true });

const ask = <T>(child: ChildProcess, message: string, field: string) =>
  new Promise<T>((ok) => {
    const on = (m: any) => {
      if (m && field in m) {
        child.off('message', on);
        ok(m[field]);
      }
    };
    child.on('message', on);
    child.send(message);
  });

async function profileUnderLoad(name: string, child: ChildProcess, url: string, headers: Record<string, string> = {}) {
  await autocannon({ url, connections: 50, duration: 2, headers });
  await ask(child, 'profile-start', 'profiling');
  const r = await autocannon({ url, connections: 50, duration: DURATION, headers });
  const profile = await ask<CpuProfile>(child, 'profile-stop', 'profile');
  const file = `${outDir}/${name}.cpuprofile`;
  writeFileSync(file, JSON.stringify(profile));
  console.log(`\n== ${name}: ${Math.round(r.requests.average)} req/s, p99 ${r.latency.p99} ms, ${r.requests.total} requests (${file})`);
  console.log(summarizeProfile(profile, r.requests.total));
}

const kernel = await start('./kernel-server.ts', { LIST_CACHE: 'off' });
const listUrl = `${kernel.info.url}/api/example/notes?range=${encodeURIComponent('[0,24]')}&sort=${encodeURIComponent('["createdAt","DESC"]')}`;
await profileUnderLoad('kernel-uncached-list', kernel.child, listUrl, { authorization: `Bearer ${kernel.info.token}` });
const peer = await start('./pg-peer-server.ts', { PEER_DATABASE_URL: kernel.info.databaseUrl!, PEER_TENANT_ID: kernel.info.tenantId! });
await profileUnderLoad('node-postgres-peer', peer.child, `${peer.info.url}/notes`);
peer.child.send('stop');
kernel.child.send('stop');
process.exit(0);

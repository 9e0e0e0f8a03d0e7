// bench/backup: one tenant's backup and restore (issue 19, item 3) with BENCH_ROWS (1,000,000) rows across 3 plugins
// (the bench's own tables, filled with generate_series), on the test PostgreSQL server, the filesystem blob store.
//   Floor, measured in the same run on the same rows: `COPY (SELECT ... WHERE tenant_id = ...) TO STDOUT` through psql
//   into `wc -c`, and `pg_dump --data-only` of the three tables (they hold only this tenant's rows), into `wc -c`.
//   Backup: POST /api/backups/backups, until completed (COPY TO STDOUT -> NDJSON -> gzip level 1 (BENCH_COMPRESSION=brotli: format 3) -> AES-256-GCM chunks -> SHA-256 -> file).
//   Restore: the tenant's rows deleted, then a replace restore (verification pass, then one transaction); the peak RSS
//   of each of its phases is reported apart.
//   Reported: MB/s over the COPY text size, the speed ratio backup/floor (target >= 0.5x), peak RSS of this process
//   (kernel included) sampled every 10 ms during each phase (target < 300 MB), and this process's CPU time per phase
//   (the machine is shared: wall-clock ratios move with its load, so the run prints `uptime`'s load with them).
// Peak RSS depends on how lazily V8 collects (garbage buffers wait for the next collection); the process starts at
// about 190 MB (node and tsx's loader thread about 75 MB, the kernel's and plugins' modules the rest).
// Run: node --import tsx bench/backup/run.ts   (BENCH_CPU_PROFILE=<dir> writes each phase's CPU profile there)
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createTestKernel } from '@platform/sdk/testing';
import storagePlugin from '@platform/plugin-storage';
import backupsPlugin, { BACKUP_SERVICE, type BackupService } from '@platform/plugin-backups';
import { definePlugin } from '@platform/sdk';
import { BENCH_TABLES, benchPlugins } from './support/bench-plugins.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const verdict = (met: boolean) => (met ? 'MET' : 'NOT MET');
const mb = (bytes: number) => bytes / 1024 / 1024;

/** BENCH_CPU_PROFILE=<dir>: each phase's CPU profile of the main thread is written there (`<phase>.cpuprofile`). */
const PROFILE_DIR = process.env.BENCH_CPU_PROFILE;
const inspector = PROFILE_DIR ? new Session() : null;
if (inspector) {
  inspector.connect();
  await inspector.post('Profiler.enable');
}

/** Peak RSS while `fn` runs, sampled every 10 ms (and its CPU profile with BENCH_CPU_PROFILE). */
async function withPeakRss<T>(phase: string, fn: () => Promise<T>): Promise<{ value: T; peakRss: number; seconds: number; cpuSeconds: number }> {
  if (inspector) await inspector.post('Profiler.start');
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const value = await fn();
    const used = process.cpuUsage(cpu);
    return { value, peakRss: Math.max(peak, process.memoryUsage.rss()), seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
  } finally {
    clearInterval(timer);
    if (inspector) writeFileSync(join(PROFILE_DIR!, `${phase}.cpuprofile`), JSON.stringify((await inspector.post('Profiler.stop')).profile));
  }
}

/**
 * Runs a command with its stdout counted by `wc -c` (and thrown away); answers bytes and seconds. The bytes never
 * pass through this process: reading 150 MB here would leave its buffers in this process's RSS before the backup.
 */
function timedStdout(cmd: string, args: string[]): Promise<{ bytes: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('bash', ['-c', 'set -o pipefail; "$@" | wc -c', 'bash', cmd, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ bytes: Number(out.trim()), seconds: (performance.now() - started) / 1000 }) : reject(new Error(`${cmd} exited ${code}`))));
  });
}

// The backup service, to wait for a backup or restore to finish without polling its status over HTTP every few
// milliseconds (each poll is a request and a query: CPU taken from the work measured).
let service!: BackupService;
const serviceProbe = definePlugin({ name: 'benchbk-probe', version: '0.0.0', kernel: '^0.1.0', dependsOn: ['backups'], boot: (ctx) => void (service = ctx.resolve<BackupService>(BACKUP_SERVICE)) });
const t = await createTestKernel({ plugins: [storagePlugin, backupsPlugin, ...benchPlugins, serviceProbe], config: { logLevel: 'warn' } });
const lines: string[] = [];
try {
  if (!t.databaseUrl) throw new Error('bench/backup needs the PostgreSQL server (TEST_DATABASE_URL or the default 127.0.0.1:5432)');
  const tenant = await t.tenant('bench-tenant');
  await t.tenant('bench-other');
  const [orders, events] = [Math.floor(ROWS * 0.4), Math.floor(ROWS * 0.4)];
  const notes = ROWS - orders - events;
  await t.sql(
    `INSERT INTO benchbk_orders SELECT gen_random_uuid(), $1, 'customer' || i || '@example.test', (i * 137) % 1000000, 'EUR', (ARRAY['paid','open','void'])[1 + i % 3], now() - (i || ' seconds')::interval FROM generate_series(1, $2::int) i`,
    [tenant.id, orders],
  );
  await t.sql(
    `INSERT INTO benchbk_events (tenant_id, kind, payload, at) SELECT $1, 'order.' || (ARRAY['created','paid','shipped'])[1 + i % 3], jsonb_build_object('order', i, 'amount', i % 9999, 'tags', jsonb_build_array('a', 'b')), now() - (i || ' seconds')::interval FROM generate_series(1, $2::int) i`,
    [tenant.id, events],
  );
  await t.sql(
    `INSERT INTO benchbk_notes SELECT gen_random_uuid(), $1, 'Note ' || i, repeat('lorem ipsum dolor sit amet ', 3) || i, ARRAY['x', 'y' || i % 10], now() FROM generate_series(1, $2::int) i`,
    [tenant.id, notes],
  );
  await t.sql('ANALYZE');
  const url = new URL(t.databaseUrl);
  const psqlArgs = ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres', '-d', url.pathname.slice(1), '-X', '-q'];

  // Floor 1: COPY ... TO STDOUT of the same rows (the three tables, WHERE tenant_id).
  const copy = { bytes: 0, seconds: 0 };
  for (const table of BENCH_TABLES) {
    const r = await timedStdout('psql', [...psqlArgs, '-c', `\\copy (SELECT * FROM ${table} WHERE tenant_id = '${tenant.id}') TO STDOUT`]);
    copy.bytes += r.bytes;
    copy.seconds += r.seconds;
  }
  // Floor 2: pg_dump --data-only of the three tables (they hold only this tenant's rows).
  const dump = await timedStdout('pg_dump', ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres', '--data-only', ...BENCH_TABLES.flatMap((x) => ['-t', x]), url.pathname.slice(1)]);

  // BENCH_COMPRESSION=brotli: the parts as format 3 writes them (brotli quality 1) instead of gzip, to compare.
  if (process.env.BENCH_COMPRESSION) service.partCompression = process.env.BENCH_COMPRESSION as BackupService['partCompression'];
  const rssBefore = process.memoryUsage.rss();
  const backup = await withPeakRss('backup', async () => {
    const started = await t.inject({ method: 'POST', url: '/api/backups/backups', payload: { tenantId: tenant.id, plugins: benchPlugins.map((p) => p.name) } });
    if (started.statusCode !== 202) throw new Error(started.body);
    await service.settled(started.json().id);
    return (await t.inject(`/api/backups/backups/${started.json().id}`)).json();
  });
  if (backup.value.status !== 'completed') throw new Error(`backup failed: ${backup.value.error}`);

  for (const table of [...BENCH_TABLES].reverse()) await t.sql(`DELETE FROM ${table} WHERE tenant_id = $1`, [tenant.id]);
  // Peak RSS of the restore's two phases apart: reading every part through (verifying), then the inserts (restoring).
  const restorePeaks: Record<string, number> = {};
  let restorePhase = 'verifying';
  const phaseSampler = setInterval(() => (restorePeaks[restorePhase] = Math.max(restorePeaks[restorePhase] ?? 0, process.memoryUsage.rss())), 10);
  const restore = await withPeakRss('restore', async () => {
    const started = await t.inject({ method: 'POST', url: `/api/backups/backups/${backup.value.id}/restore`, payload: { mode: 'replace', confirm: 'bench-tenant' } });
    if (started.statusCode !== 202) throw new Error(started.body);
    // The phase (verifying, then restoring) is read from the restore's row every 250 ms, for the RSS per phase.
    const id = started.json().id as string;
    const phases = setInterval(() => void t.inject(`/api/backups/restores/${id}`).then((r) => (restorePhase = r.json().status ?? restorePhase)), 250);
    await service.settled(id).finally(() => clearInterval(phases));
    return (await t.inject(`/api/backups/restores/${id}`)).json();
  }).finally(() => clearInterval(phaseSampler));
  if (restore.value.status !== 'completed') throw new Error(`restore failed: ${restore.value.error}`);
  const [count] = await t.sql<{ n: string }>(`SELECT (SELECT count(*) FROM benchbk_orders WHERE tenant_id = $1) + (SELECT count(*) FROM benchbk_events WHERE tenant_id = $1) + (SELECT count(*) FROM benchbk_notes WHERE tenant_id = $1) AS n`, [tenant.id]);

  const floorSeconds = Math.min(copy.seconds, dump.seconds);
  const ratio = floorSeconds / backup.seconds;
  const peak = Math.max(backup.peakRss, restore.peakRss);
  lines.push(
    `bench/backup: ${ROWS.toLocaleString('en')} rows of one tenant across 3 plugins (${orders}/${events}/${notes}); data ${mb(copy.bytes).toFixed(1)} MB as COPY text`,
    `  floor COPY TO STDOUT: ${copy.seconds.toFixed(2)} s (${(mb(copy.bytes) / copy.seconds).toFixed(1)} MB/s); pg_dump --data-only: ${dump.seconds.toFixed(2)} s (${(mb(dump.bytes) / dump.seconds).toFixed(1)} MB/s)`,
    `  backup:  ${backup.seconds.toFixed(2)} s, ${(mb(copy.bytes) / backup.seconds).toFixed(1)} MB/s, ${Math.round(ROWS / backup.seconds).toLocaleString('en')} rows/s, stored ${mb(backup.value.bytes).toFixed(1)} MB in ${backup.value.parts} parts (${service.partCompression}); node CPU ${backup.cpuSeconds.toFixed(2)} s`,
    `  restore: ${restore.seconds.toFixed(2)} s (verify + one transaction), ${(mb(copy.bytes) / restore.seconds).toFixed(1)} MB/s, ${Math.round(ROWS / restore.seconds).toLocaleString('en')} rows/s, ${count!.n} rows back; node CPU ${restore.cpuSeconds.toFixed(2)} s`,
    `  speed ratio backup / floor (fastest of COPY and pg_dump): ${ratio.toFixed(2)}x (target >= 0.5x): ${verdict(ratio >= 0.5)}`,
    `  peak RSS (process, kernel included): before ${mb(rssBefore).toFixed(0)} MB, backup ${mb(backup.peakRss).toFixed(0)} MB, restore ${mb(restore.peakRss).toFixed(0)} MB (verifying ${mb(restorePeaks.verifying ?? 0).toFixed(0)}, restoring ${mb(restorePeaks.restoring ?? 0).toFixed(0)}) (target < 300 MB): ${verdict(peak < 300 * 1024 * 1024)}`,
  );
} finally {
  await t.close();
}
lines.push(`  load average (1 min) at the end: ${loadavg()[0]!.toFixed(2)} on ${cpus().length} CPUs`);
console.log(lines.join('\n'));

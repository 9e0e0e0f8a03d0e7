#!/usr/bin/env node
// Runs the whole test suite. Tests need a real PostgreSQL: TEST_DATABASE_URL, else 127.0.0.1:5432, else Debian's
// postgresql, installed and started here with apt (as root) when missing.
// Browser tests need Chromium: /usr/bin/chromium (Debian package `chromium`), installed here with apt when missing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');

function reachable(host, port) {
  return new Promise((ok) => {
    const s = net.connect({ host, port, timeout: 1500 }, () => { s.destroy(); ok(true); });
    s.on('error', () => ok(false));
    s.on('timeout', () => { s.destroy(); ok(false); });
  });
}

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', ...(opts.env ?? {}) } });
  return r.status === 0;
}

async function ensurePostgres() {
  if (process.env.TEST_DATABASE_URL) return;
  if (!(await reachable('127.0.0.1', 5432)) && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log('No PostgreSQL on 127.0.0.1:5432: installing Debian postgresql for the tests...');
    if (!existsSync('/usr/bin/pg_ctlcluster')) {
      sh('apt-get', ['update', '-qq']);
      sh('apt-get', ['install', '-y', '-qq', 'postgresql']);
    }
    const versions = spawnSync('ls', ['/etc/postgresql'], { encoding: 'utf8' }).stdout.trim().split(/\s+/).filter(Boolean);
    const version = versions.sort().at(-1);
    if (version) {
      sh('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
      sh('runuser', ['-u', 'postgres', '--', 'psql', '-qc', "ALTER USER postgres PASSWORD 'postgres'"]);
      process.env.TEST_DATABASE_URL = 'postgres://postgres:postgres@127.0.0.1:5432/postgres';
      return;
    }
  }
  if (!(await reachable('127.0.0.1', 5432))) {
    console.error('The tests need PostgreSQL: set TEST_DATABASE_URL, or run one on 127.0.0.1:5432.');
    process.exit(1);
  }
  process.env.TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
}

function ensureChromium() {
  const bin = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(bin)) return;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log('Installing Debian chromium for the browser tests...');
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  }
  if (!existsSync(bin)) console.warn(`Chromium not found at ${bin}: the browser tests will fail. Install Debian's chromium or set CHROMIUM_PATH.`);
}

function buildConsole() {
  const r = spawnSync('pnpm', ['--filter', '@platform/admin-ui', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, PLATFORM_ADMIN_FIXTURES: '1' } });
  if (r.status !== 0) throw new Error('console build failed');
}

await ensurePostgres();
ensureChromium();
if (existsSync(resolve(root, 'admin-ui/package.json'))) buildConsole();
function vitest(args) {
  const child = spawn(process.execPath, [resolve(root, 'node_modules/vitest/vitest.mjs'), 'run', ...args], { cwd: root, stdio: 'inherit', env: process.env });
  return new Promise((ok) => child.on('exit', (c) => ok(c ?? 1)));
}

const args = process.argv.slice(2);
if (args.length) process.exit(await vitest(args));
// Everything but the browser and chaos tests in parallel; then the browser tests one file at a time, since several
// Chromium instances on a 2-core machine next to the rest of the suite time out on page loads; then the chaos
// tests one file at a time (each starts its own PostgreSQL cluster and platform processes, and the overload test
// measures latency: it must not share the CPU with the rest of the suite).
const suite = await vitest(['--exclude', 'test/e2e/**', '--exclude', 'test/chaos/**']);
const browser = await vitest(['test/e2e', '--no-file-parallelism']);
const chaos = await vitest(['test/chaos', '--no-file-parallelism']);
process.exit(suite || browser || chaos);

#!/usr/bin/env node
// Smoke test of the start command on the embedded database: starts the platform with a fresh ./data folder,
// reads the printed super-admin password, signs in, creates a tenant, and shuts down gracefully.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const dataDir = mkdtempSync(join(tmpdir(), 'platform-smoke-'));
const port = 3900 + Math.floor(Math.random() * 90);
const env = { ...process.env, PLATFORM_DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' };
delete env.DATABASE_URL;
const child = spawn(process.execPath, ['--import', 'tsx', 'core/src/cli.ts', 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
const fail = (msg) => {
  console.error(`embedded smoke FAILED: ${msg}\n${out}`);
  child.kill('SIGKILL');
  process.exit(1);
};
const timer = setTimeout(() => fail('no start banner within 120 s'), 120_000);
const password = await new Promise((ok) => {
  child.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/Password:\s+(\S+)/);
    if (m) ok(m[1]);
  });
  child.on('exit', (code) => fail(`process exited with ${code}`));
});
clearTimeout(timer);
const base = `http://127.0.0.1:${port}`;
const json = async (path, init = {}) => {
  const res = await fetch(base + path, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });
  return { status: res.status, body: await res.json().catch(() => null) };
};
const login = await json('/api/auth/login', { method: 'POST', body: JSON.stringify({ email: 'admin@platform.local', password }) });
if (login.status !== 200) fail(`login returned ${login.status}`);
const auth = { authorization: `Bearer ${login.body.token}` };
const tenant = await json('/api/tenants', { method: 'POST', headers: auth, body: JSON.stringify({ slug: 'smoke', name: 'Smoke' }) });
if (tenant.status !== 201 || tenant.body.status !== 'active') fail(`tenant create returned ${tenant.status}`);
const me = await json('/api/auth/me', { headers: auth });
if (me.status !== 200 || !me.body.permissions.includes('*')) fail('me did not return the super admin');
child.removeAllListeners('exit');
child.kill('SIGTERM');
const code = await new Promise((ok) => child.on('exit', ok));
rmSync(dataDir, { recursive: true, force: true });
if (code !== 0) fail(`graceful shutdown exited with ${code}`);
console.log('embedded smoke: 1 passed, 0 failed');

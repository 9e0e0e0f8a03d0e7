#!/usr/bin/env node
// CI for the third-party example (examples/monitor-acme, not a workspace package), on a clean checkout:
//   1. `sdk:pack` writes the SDK, test kit, kernel and health plugin tarballs to dist/packages/, and the API
//      reports of their entry points must match the committed ones (sdk/api, testing/api);
//   2. `npm install && npm test` inside the example (npm registry + those tarballs only; embedded database);
//   3. installs the example's own tarball into the platform (what `pnpm add <tarball>` puts in node_modules,
//      without touching package.json or the lockfile), adds it to a copy of platform.config.json, runs
//      `plugins:check` and boots the platform on the embedded database, and checks the monitor is served.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const example = join(root, 'examples/monitor-acme');
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false' } });
const started = Date.now();
const step = (what) => console.log(`\n== ${what} (${Math.round((Date.now() - started) / 1000)} s)`);

if (!process.argv.includes('--no-pack')) {
  step('sdk:pack');
  run(process.execPath, [join(root, 'scripts/sdk-pack.mjs')], root);
  step('API reports of the published entry points');
  run(process.execPath, [join(root, 'scripts/api-report.mjs'), '--check'], root);
}
step('npm install && npm test in examples/monitor-acme');
const env = { ...process.env };
delete env.TEST_DATABASE_URL; // the example's tests run on the embedded database, as on a plugin author's machine
rmSync(join(example, 'node_modules'), { recursive: true, force: true });
rmSync(join(example, 'package-lock.json'), { force: true });
execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: example, stdio: 'inherit', env });
execFileSync('npm', ['test'], { cwd: example, stdio: 'inherit', env });

step('install the example into the platform');
const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', join(root, 'dist')], { cwd: example, encoding: 'utf8' }).trim().split('\n').at(-1);
const pkg = JSON.parse(readFileSync(join(example, 'package.json'), 'utf8'));
const installed = join(root, 'node_modules', pkg.name);
rmSync(installed, { recursive: true, force: true });
mkdirSync(installed, { recursive: true });
execFileSync('tar', ['-xzf', join(root, 'dist', tarball), '-C', installed, '--strip-components=1']);
const work = mkdtempSync(join(tmpdir(), 'platform-example-'));
const config = join(work, 'platform.config.json');
const plugins = JSON.parse(readFileSync(join(root, 'platform.config.json'), 'utf8')).plugins;
writeFileSync(config, JSON.stringify({ plugins: [...plugins, pkg.name] }, null, 2));

let child;
const cleanup = () => {
  child?.kill('SIGKILL');
  rmSync(installed, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
};
const fail = (msg) => {
  console.error(`example plugin FAILED: ${msg}`);
  cleanup();
  process.exit(1);
};
try {
  execFileSync(process.execPath, ['--import', 'tsx', 'core/src/cli.ts', 'check'], { cwd: root, stdio: 'inherit', env: { ...process.env, PLATFORM_CONFIG: config } });
} catch {
  fail('plugins:check refused the example');
}

step('boot the platform with the example on the embedded database');
const port = 3990 + Math.floor(Math.random() * 9);
const bootEnv = { ...process.env, PLATFORM_CONFIG: config, PLATFORM_DATA_DIR: join(work, 'data'), PORT: String(port), LOG_LEVEL: 'warn' };
delete bootEnv.DATABASE_URL;
child = spawn(process.execPath, ['--import', 'tsx', 'core/src/cli.ts', 'start'], { cwd: root, env: bootEnv, stdio: ['ignore', 'pipe', 'inherit'] });
let out = '';
const timer = setTimeout(() => fail(`no start banner within 180 s\n${out}`), 180_000);
const password = await new Promise((ok) => {
  child.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/Password:\s+(\S+)/);
    if (m) ok(m[1]);
  });
  child.on('exit', (code) => fail(`platform exited with ${code}\n${out}`));
});
clearTimeout(timer);
const base = `http://127.0.0.1:${port}`;
const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@platform.local', password }) });
if (login.status !== 200) fail(`login returned ${login.status}`);
const { token } = await login.json();
const auth = { authorization: `Bearer ${token}` };
const plugin = await fetch(`${base}/api/plugins/monitor-acme/settings`, { headers: auth });
if (plugin.status !== 200) fail(`GET /api/plugins/monitor-acme/settings returned ${plugin.status}`);
const targets = await fetch(`${base}/api/health/services/acme/targets`, { headers: auth });
if (targets.status !== 200) fail(`GET /api/health/services/acme/targets returned ${targets.status}: ${await targets.text()}`);
child.removeAllListeners('exit');
child.kill('SIGTERM');
await new Promise((ok) => child.on('exit', ok));
child = undefined;
cleanup();
console.log(`example plugin OK: built from the tarballs, tested, installed and served by the platform in ${Math.round((Date.now() - started) / 1000)} s`);

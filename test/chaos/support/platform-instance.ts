import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './throwaway-cluster.ts';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

export interface PlatformInstance {
  readonly url: string;
  readonly pid: number;
  readonly adminEmail: string;
  readonly adminPassword: string;
  output(): string;
  /** `kill -9`: no shutdown, no cleanup, leases left as they were. */
  crash(): Promise<void>;
  /** SIGTERM and wait for the exit. */
  stop(): Promise<void>;
}

/**
 * Starts `platform start` (the CLI, as in production) in a process of its own on an existing database, with the
 * given plugins (package names or absolute paths of plugin modules) and extra environment. Resolves once the API
 * answers.
 */
export async function startPlatformInstance(opts: { databaseUrl: string; plugins: string[]; env?: Record<string, string> }): Promise<PlatformInstance> {
  const dir = mkdtempSync(join(tmpdir(), 'platform-chaos-'));
  const configFile = join(dir, 'platform.config.json');
  writeFileSync(configFile, JSON.stringify({ plugins: opts.plugins }));
  const port = await freePort();
  const adminPassword = 'chaos-admin-password';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'core/src/cli.ts', 'start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: opts.databaseUrl,
      PORT: String(port),
      PLATFORM_DATA_DIR: dir,
      PLATFORM_CONFIG: configFile,
      PLATFORM_SECRET_KEY: '11'.repeat(32),
      ADMIN_PASSWORD: adminPassword,
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  let alive = true;
  void exited.then(() => (alive = false));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (!alive) throw new Error(`platform exited before it answered:\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`platform did not answer in 90 s:\n${out}`);
    }
    const ok = await fetch(`${url}/api/openapi.json`).then((r) => r.ok, () => false);
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  return {
    url,
    pid: child.pid!,
    adminEmail: 'admin@platform.local',
    adminPassword,
    output: () => out,
    async crash() {
      if (alive) child.kill('SIGKILL');
      await exited;
      cleanup();
    },
    async stop() {
      if (alive) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      cleanup();
    },
  };
}

/** Signs in with the seeded super admin and returns the bearer token. */
export async function signInAsAdmin(instance: PlatformInstance): Promise<string> {
  const res = await fetch(`${instance.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: instance.adminEmail, password: instance.adminPassword }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

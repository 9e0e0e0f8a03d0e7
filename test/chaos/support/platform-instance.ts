import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './throwaway-cluster.ts';

export const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));

/** One platform process (`core/src/cli.ts start`, as `pnpm start` runs it) on a database of the test's choosing. */
export interface PlatformInstance {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  readonly adminEmail: string;
  readonly adminPassword: string;
  /** True while the child process runs. */
  alive(): boolean;
  exitCode(): number | null;
  /** Everything it wrote to stdout so far. */
  stdout(): string;
  stderr(): string;
  /** stdout and stderr together, for failure messages. */
  output(): string;
  /** `kill -9`: no shutdown, no cleanup, leases left as they were. */
  crash(): Promise<void>;
  /** SIGTERM and wait for the exit (SIGKILL after 20 s). */
  stop(): Promise<void>;
}

export interface PlatformInstanceOptions {
  databaseUrl: string;
  /** Package names or absolute paths of plugin modules. */
  plugins: string[];
  name?: string;
  adminPassword?: string;
  /** Shared by every instance of one platform (sealed settings). */
  secretKey?: string;
  env?: Record<string, string>;
}

/** Starts the platform in a process of its own; resolves once it printed its start banner. */
export async function startPlatformInstance(opts: PlatformInstanceOptions): Promise<PlatformInstance> {
  const name = opts.name ?? 'platform';
  const adminPassword = opts.adminPassword ?? 'chaos-admin-password';
  const dir = mkdtempSync(join(tmpdir(), `platform-chaos-${name}-`));
  const configFile = join(dir, 'platform.config.json');
  writeFileSync(configFile, JSON.stringify({ plugins: opts.plugins }));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'core/src/cli.ts', 'start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: opts.databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      PLATFORM_DATA_DIR: dir,
      PLATFORM_CONFIG: configFile,
      PLATFORM_SECRET_KEY: opts.secretKey ?? '11'.repeat(32),
      ADMIN_PASSWORD: adminPassword,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let exit: number | null = null;
  let running = true;
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  const exited = new Promise<void>((ok) =>
    child.once('exit', (code, signal) => {
      running = false;
      exit = code ?? (signal ? 128 : 1);
      ok();
    }),
  );
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`${name} did not start in 120 s:\n${out}\n${err}`));
    }, 120_000);
    const onData = () => {
      if (out.includes('Console:')) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        ok();
      }
    };
    child.stdout!.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      fail(new Error(`${name} exited with ${exit} while starting:\n${out}\n${err}`));
    });
  });
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  return {
    name,
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    adminEmail: 'admin@platform.local',
    adminPassword,
    alive: () => running,
    exitCode: () => exit,
    stdout: () => out,
    stderr: () => err,
    output: () => `${out}\n${err}`,
    async crash() {
      if (running) child.kill('SIGKILL');
      await exited;
      cleanup();
    },
    async stop() {
      if (running) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(killer);
      }
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

/** Each stdout line that is not one JSON object (with LOG_FORMAT=json every line must be). */
export function nonJsonLines(stdout: string): string[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .filter((line) => {
      try {
        const v = JSON.parse(line);
        return !v || typeof v !== 'object' || Array.isArray(v);
      } catch {
        return true;
      }
    });
}

/** The stdout log entries (JSON lines) of an instance. */
export function logEntries(stdout: string): Array<{ level: string; action: string; message: string; error: { stack: string | null } | null; timestamp: string }> {
  return stdout
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line)];
      } catch {
        return [];
      }
    });
}

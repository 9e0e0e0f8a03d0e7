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
  /** True while the child process runs. */
  alive(): boolean;
  exitCode(): number | null;
  /** Everything it wrote to stdout so far. */
  stdout(): string;
  stderr(): string;
  stop(): Promise<void>;
}

export interface PlatformInstanceOptions {
  name: string;
  databaseUrl: string;
  plugins: string[];
  adminPassword: string;
  /** Shared by every instance of one platform (sealed settings). */
  secretKey: string;
  env?: Record<string, string>;
}

export async function startPlatformInstance(opts: PlatformInstanceOptions): Promise<PlatformInstance> {
  const dir = mkdtempSync(join(tmpdir(), `platform-chaos-${opts.name}-`));
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
      PLATFORM_SECRET_KEY: opts.secretKey,
      ADMIN_PASSWORD: opts.adminPassword,
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
  child.once('exit', (code, signal) => {
    running = false;
    exit = code ?? (signal ? 128 : 1);
  });
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${opts.name} did not start in 120 s:\n${out}\n${err}`)), 120_000);
    const onData = () => {
      if (out.includes('Console:')) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        ok();
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${opts.name} exited with ${code} while starting:\n${out}\n${err}`));
    });
  });
  return {
    name: opts.name,
    url: `http://127.0.0.1:${port}`,
    alive: () => running,
    exitCode: () => exit,
    stdout: () => out,
    stderr: () => err,
    async stop() {
      if (running) {
        const exited = new Promise((ok) => child.once('exit', ok));
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
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

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@platform/sdk/testing';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface RunningPlatform {
  url: string;
  adminEmail: string;
  adminPassword: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts the platform exactly as `pnpm start` does (CLI `start`), on a fresh database, with the given plugins. */
export async function startPlatform(plugins: string[]): Promise<RunningPlatform> {
  const db = await createTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'platform-e2e-'));
  const configFile = join(dir, 'platform.config.json');
  writeFileSync(configFile, JSON.stringify({ plugins }));
  const port = 4100 + Math.floor(Math.random() * 800);
  const adminPassword = 'e2e-admin-password';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'core/src/cli.ts', 'start'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: db.url, PORT: String(port), PLATFORM_DATA_DIR: dir, PLATFORM_CONFIG: configFile, ADMIN_PASSWORD: adminPassword, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`platform did not start in 90 s:\n${out}`)), 90_000);
    child.stdout!.on('data', () => {
      if (out.includes('Console:')) {
        clearTimeout(timer);
        ok();
      }
    });
    child.once('exit', (code) => fail(new Error(`platform exited with ${code}:\n${out}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    adminEmail: 'admin@platform.local',
    adminPassword,
    output: () => out,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((ok) => child.once('exit', ok));
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

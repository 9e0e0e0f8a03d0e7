// Starts one of bench/kernel's servers as a child process and waits for its address.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ServerInfo {
  url: string;
  token?: string;
  databaseUrl?: string;
  tenantId?: string;
}

export function start(file: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; info: ServerInfo }> {
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), { execArgv: ['--import', 'tsx'], stdio: 'inherit', env: { ...process.env, ...env } });
  return new Promise((ok, fail) => {
    child.once('message', (info: any) => ok({ child, info }));
    child.once('exit', (code) => fail(new Error(`${file} exited with ${code}`)));
  });
}

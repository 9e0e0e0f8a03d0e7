import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ServerInfo {
  url: string;
  memberToken?: string;
  /** An API key of the member's tenant allowed to name other users in the context. */
  onBehalfKey?: string;
  staffToken?: string;
  databaseUrl?: string;
}

/** Forks a bench server (relative to this folder) and waits for the info it sends once listening. */
export function startChild(file: string, env: Record<string, string> = {}): Promise<{ child: ChildProcess; info: ServerInfo; stop(): Promise<void> }> {
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), { execArgv: ['--import', 'tsx'], stdio: 'inherit', env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    child.once('message', (info: any) =>
      resolve({
        child,
        info,
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.send('stop');
            setTimeout(() => child.kill(), 10_000).unref();
          }),
      }),
    );
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}

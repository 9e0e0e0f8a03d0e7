import { describe, expect, it } from 'vitest';
import type { Database, Logger } from '@platform/sdk';
import { CheckScheduler } from '../src/schedule/check-scheduler.ts';
import { resolveHealthOptions } from '../src/health-options.ts';
import type { ResultWriter } from '../src/store/result-writer.ts';
import type { TargetDirectory } from '../src/targets/target-directory.ts';

/**
 * Shutdown order: a heartbeat a tick started in the background must be finished before stop() resolves, since the
 * kernel closes its connection pool right after (it failed with "Unable to acquire a connection" at every shutdown
 * that fell during a beat).
 */
describe('CheckScheduler.stop', () => {
  it('waits for a heartbeat still running, and nothing is logged as failed', async () => {
    let releaseBeat!: () => void;
    let beatDone = false;
    const statements: string[] = [];
    const db = {
      sql: async (text: string) => {
        statements.push(text);
        if (text.includes('health_scheduler_instances')) {
          await new Promise<void>((r) => (releaseBeat = r));
          beatDone = true;
        }
        return [];
      },
    } as unknown as Database;
    const errors: string[] = [];
    const logger = { error: (_o: unknown, msg: string) => errors.push(msg), warn: () => undefined, info: () => undefined, debug: () => undefined } as unknown as Logger;
    const directory = { loaded: true, isStale: () => false, scheduled: () => [], target: () => undefined, refresh: async () => undefined } as unknown as TargetDirectory;
    const writer = { flush: async () => undefined } as unknown as ResultWriter;
    const scheduler = new CheckScheduler({ db, logger, options: resolveHealthOptions({ stateSyncMs: 3_600_000 }), directory, writer, instanceId: 'test' });

    await scheduler.tick();
    expect(statements.some((s) => s.includes('health_scheduler_instances'))).toBe(true);
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(stopped).toBe(false);
    releaseBeat();
    await stopping;
    expect(beatDone).toBe(true);
    expect(errors.filter((e) => e.includes('heartbeat'))).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { createStandaloneLogger, type LogEntry } from '@platform/sdk';
import { DatabaseAvailability } from '../src/db/database-availability.ts';
import { isDatabaseUnavailableError } from '../src/db/database-unavailable-error.ts';
import { DatabaseErrorFolding } from '../src/logging/database-error-folding.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('isDatabaseUnavailableError', () => {
  it('recognises connection errors in the shapes pg, knex and MikroORM give them', () => {
    const yes = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      Object.assign(new Error('connection failure'), { code: '08006' }),
      new Error('Connection terminated unexpectedly'),
      new Error('select 1 - Connection terminated'),
      Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' }),
      new Error('wrapped', { cause: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }) }),
      new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })], ''),
      { type: 'DriverException', message: 'insert into x - Connection terminated unexpectedly', code: null },
    ];
    for (const err of yes) expect(isDatabaseUnavailableError(err), String((err as Error).message)).toBe(true);
    const no = [
      Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }),
      Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }),
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      // fetch to a webhook that refuses: not the database
      new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) }),
      null,
      'ECONNREFUSED',
    ];
    for (const err of no) expect(isDatabaseUnavailableError(err)).toBe(false);
  });
});

describe('DatabaseAvailability', () => {
  function tracker(ping: () => Promise<unknown>) {
    const { logger, pipeline } = createStandaloneLogger({ flushIntervalMs: 5 });
    const lines: LogEntry[] = [];
    pipeline.addSink({ name: 'capture', minLevel: 'debug', write: (entries) => void lines.push(...entries) });
    const changes: boolean[] = [];
    const availability = new DatabaseAvailability({ logger, ping, probeIntervalMs: 20, pingTimeoutMs: 200, onChange: (up) => void changes.push(up) });
    return { availability, lines, changes, flush: () => pipeline.flush() };
  }

  it('writes one line when the database goes away and one when a probe finds it back, whatever the number of failures', async () => {
    let up = false;
    const t = tracker(async () => {
      if (!up) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    });
    for (let i = 0; i < 50; i++) expect(t.availability.reportFailure(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
    expect(t.availability.reportFailure(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    await sleep(10); // the ping that confirms it
    await sleep(100);
    expect(t.availability.available).toBe(false);
    up = true;
    await sleep(100);
    expect(t.availability.available).toBe(true);
    t.availability.stop();
    await t.flush();
    expect(t.changes).toEqual([false, true]);
    expect(t.lines.map((l) => l.action)).toEqual(['database.unavailable', 'database.available']);
    expect(t.lines.every((l) => l.error === null)).toBe(true);
  });

  it('does not announce an outage for a connection error while the database still answers its ping', async () => {
    const t = tracker(async () => undefined);
    expect(t.availability.reportFailure(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    await sleep(20);
    expect(t.availability.available).toBe(true);
    t.availability.stop();
    await t.flush();
    expect(t.lines).toEqual([]);
  });

  it('check() shares one ping between concurrent callers and never keeps a failed one', async () => {
    let pings = 0;
    let fail = true;
    const t = tracker(async () => {
      pings++;
      await sleep(10);
      if (fail) throw Object.assign(new Error('Connection terminated unexpectedly'), { code: '08006' });
    });
    expect(await Promise.all([t.availability.check(), t.availability.check(), t.availability.check()])).toEqual([false, false, false]);
    expect(pings).toBe(1);
    fail = false;
    expect(await t.availability.check()).toBe(true);
    expect(t.availability.available).toBe(true);
    t.availability.stop();
  });

  it('counts a ping slower than its timeout as unavailable', async () => {
    const t = tracker(() => new Promise(() => undefined));
    expect(await t.availability.check()).toBe(false);
    expect(t.availability.available).toBe(false);
    t.availability.stop();
  });
});

describe('DatabaseErrorFolding', () => {
  it('turns lines about connection errors into DEBUG lines and reports them; other lines pass unchanged', async () => {
    const { pipeline } = createStandaloneLogger({ flushIntervalMs: 5 });
    const kept: LogEntry[] = [];
    pipeline.addSink({ name: 'capture', minLevel: 'info', write: (entries) => void kept.push(...entries) });
    const folding = new DatabaseErrorFolding(pipeline);
    const reported: unknown[] = [];
    folding.foldInto({ available: false, confirming: () => null, reportFailure: (err) => (isDatabaseUnavailableError(err) ? (reported.push(err), true) : false) });
    const { PlatformLogger } = await import('@platform/sdk');
    const logger = new PlatformLogger(folding, { service: 'jobs' });
    for (let i = 0; i < 20; i++) logger.warn({ err: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }) }, 'could not queue job tick');
    logger.error({ err: new TypeError('a bug') }, 'job failed');
    logger.error({ err: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), action: 'process.unhandled_rejection' }, 'unhandled');
    await pipeline.flush();
    expect(reported).toHaveLength(20);
    expect(kept.map((l) => l.message)).toEqual(['job failed', 'unhandled']);
  });
});

describe('DatabaseErrorFolding with the tracker', () => {
  async function run(pingFails: boolean) {
    const { PlatformLogger } = await import('@platform/sdk');
    const { pipeline } = createStandaloneLogger({ flushIntervalMs: 5 });
    const kept: LogEntry[] = [];
    pipeline.addSink({ name: 'capture', minLevel: 'info', write: (entries) => void kept.push(...entries) });
    const folding = new DatabaseErrorFolding(pipeline);
    const logger = new PlatformLogger(folding, { service: 'kernel' });
    const availability = new DatabaseAvailability({
      logger,
      probeIntervalMs: 1000,
      ping: async () => {
        await sleep(10);
        if (pingFails) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      },
    });
    folding.foldInto(availability);
    for (let i = 0; i < 5; i++) logger.warn({ err: Object.assign(new Error('Connection terminated unexpectedly'), { code: null }) }, `relay pass ${i} failed`);
    await sleep(50);
    await pipeline.flush();
    availability.stop();
    return kept.map((l) => l.action === 'log' ? l.message : l.action);
  }

  it('holds the lines that reported the failure until the ping decides: folded during an outage', async () => {
    expect(await run(true)).toEqual(['database.unavailable']);
  });

  it('and written as they were when the database still answers', async () => {
    expect(await run(false)).toEqual(['relay pass 0 failed', 'relay pass 1 failed', 'relay pass 2 failed', 'relay pass 3 failed', 'relay pass 4 failed']);
  });
});

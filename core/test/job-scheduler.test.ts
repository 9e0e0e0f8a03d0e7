import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EntitySchema } from '@mikro-orm/core';
import { runSql } from '../src/db/orm.ts';
import { createEventBus } from '../src/events/event-bus.ts';
import { compileJobSchedule, MISSED_TICK_GRACE_MS, tickJobId } from '../src/jobs/job-schedule.ts';
import { createJobScheduler, type JobScheduler, type JobSchedulerDeps } from '../src/jobs/job-scheduler.ts';
import { createSystemEntityManager } from '../src/jobs/system-entity-manager.ts';
import { createTestDatabase, openKernelDatabase, type KernelDatabase, type TestDatabase } from './fixtures/kernel-test-database.ts';
import { createRecordingLogger } from './fixtures/recording-logger.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('job schedule', () => {
  const at = (iso: string) => Date.parse(iso);

  it('plans interval ticks at epoch-aligned multiples and queues each once', () => {
    const s = compileJobSchedule('p.j', { everySeconds: 5 });
    expect(s.dueTick(at('2026-01-01T00:00:07.300Z'), null)).toBe(at('2026-01-01T00:00:05Z'));
    expect(s.dueTick(at('2026-01-01T00:00:09.999Z'), at('2026-01-01T00:00:05Z'))).toBeNull();
    expect(s.dueTick(at('2026-01-01T00:00:10Z'), at('2026-01-01T00:00:05Z'))).toBe(at('2026-01-01T00:00:10Z'));
    expect(s.nextTick(at('2026-01-01T00:00:07Z'))).toBe(at('2026-01-01T00:00:10Z'));
  });

  it('does not replay a tick older than the grace period', () => {
    const hourly = compileJobSchedule('p.h', { everySeconds: 3600 });
    expect(hourly.dueTick(at('2026-01-01T10:00:30Z'), null)).toBe(at('2026-01-01T10:00:00Z'));
    expect(hourly.dueTick(at('2026-01-01T10:30:00Z'), null)).toBeNull();
    const cron = compileJobSchedule('p.c', { cron: '0 * * * *' });
    expect(cron.dueTick(at('2026-01-01T10:00:00Z') + MISSED_TICK_GRACE_MS - 1, null)).toBe(at('2026-01-01T10:00:00Z'));
    expect(cron.dueTick(at('2026-01-01T10:30:00Z'), null)).toBeNull();
  });

  it('plans cron ticks in UTC', () => {
    const s = compileJobSchedule('p.c', { cron: '*/15 * * * *' });
    expect(s.dueTick(at('2026-01-01T10:15:20Z'), null)).toBe(at('2026-01-01T10:15:00Z'));
    expect(s.dueTick(at('2026-01-01T10:15:40Z'), at('2026-01-01T10:15:00Z'))).toBeNull();
    expect(s.nextTick(at('2026-01-01T10:15:00Z'))).toBe(at('2026-01-01T10:30:00Z'));
  });

  it('refuses ambiguous or invalid schedules', () => {
    expect(() => compileJobSchedule('p.x', {})).toThrow(/exactly one/);
    expect(() => compileJobSchedule('p.x', { everySeconds: 5, cron: '* * * * *' })).toThrow(/exactly one/);
    expect(() => compileJobSchedule('p.x', { everySeconds: 0.5 })).toThrow(/positive integer/);
    expect(() => compileJobSchedule('p.x', { cron: 'every day' })).toThrow(/invalid cron/);
  });

  it('derives one stable job id per (job, tick)', () => {
    const tick = new Date('2026-01-01T00:00:05Z');
    expect(tickJobId('p.j', tick)).toBe(tickJobId('p.j', new Date(tick)));
    expect(tickJobId('p.j', tick)).not.toBe(tickJobId('p.j', new Date('2026-01-01T00:00:06Z')));
    expect(tickJobId('p.j', tick)).not.toBe(tickJobId('p.k', tick));
    expect(tickJobId('p.j', tick)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('job scheduler', () => {
  let db: TestDatabase | null = null;
  const opened: KernelDatabase[] = [];
  const schedulers: JobScheduler[] = [];

  const open = async (url: string | null, entities: EntitySchema<any, any>[] = []) => {
    const handle = await openKernelDatabase(url, entities);
    opened.push(handle);
    return handle;
  };
  const scheduler = (handle: KernelDatabase, instanceId: string, overrides: Partial<JobSchedulerDeps> = {}) => {
    const s = createJobScheduler({
      orm: handle.orm,
      embedded: handle.embedded,
      databaseUrl: handle.embedded ? null : db!.url,
      logger: createRecordingLogger({ instanceId }),
      instanceId,
      tickMs: 50,
      pollingIntervalSeconds: 0.5,
      ...overrides,
    });
    schedulers.push(s);
    return s;
  };

  beforeEach(async () => {
    db = await createTestDatabase();
  });

  afterEach(async () => {
    for (const s of schedulers.splice(0)) await s.stop();
    for (const h of opened.splice(0)) await h.dispose();
    await db?.drop();
    db = null;
  });

  it('runs every tick of a per-second job exactly once across two instances', { timeout: 20_000 }, async () => {
    const one = await open(db!.url);
    const two = await open(db!.url);
    const calls: Array<{ instance: string; scheduledAt: string }> = [];
    const failures: string[] = [];

    for (const [handle, instance] of [
      [one, 'instance-1'],
      [two, 'instance-2'],
    ] as const) {
      const s = scheduler(handle, instance);
      s.define('test', {
        name: 'heartbeat',
        everySeconds: 1,
        async handler({ name, scheduledAt, em }) {
          expect(name).toBe('test.heartbeat');
          await runSql(em, 'SELECT 1');
          calls.push({ instance, scheduledAt: scheduledAt.toISOString() });
        },
      });
      s.define('test', {
        name: 'broken',
        everySeconds: 1,
        handler({ scheduledAt }) {
          failures.push(scheduledAt.toISOString());
          throw new Error('broken on purpose');
        },
      });
    }
    // Both install pg-boss on the same fresh database at the same time.
    await Promise.all(schedulers.map((s) => s.start()));
    await sleep(3_600);
    await Promise.all(schedulers.map((s) => s.stop()));

    const perTick = await runSql<{ scheduled_at: Date; runs: number; statuses: string }>(
      one.orm.em.fork(),
      `SELECT scheduled_at, count(*)::int AS runs, string_agg(status, ',') AS statuses
       FROM kernel_job_runs WHERE job = 'test.heartbeat' GROUP BY scheduled_at ORDER BY scheduled_at`,
    );
    expect(perTick.length).toBeGreaterThanOrEqual(3);
    for (const tick of perTick) {
      expect(tick.runs).toBe(1);
      expect(tick.statuses).toBe('succeeded');
      expect(new Date(tick.scheduled_at).getMilliseconds()).toBe(0);
    }
    const times = perTick.map((t) => new Date(t.scheduled_at).getTime());
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBe(1000);

    // Handler invocations match the recorded runs one to one.
    expect(calls).toHaveLength(perTick.length);
    expect(new Set(calls.map((c) => c.scheduledAt)).size).toBe(calls.length);
    expect(calls.map((c) => c.scheduledAt).sort()).toEqual(perTick.map((t) => new Date(t.scheduled_at).toISOString()));

    // A failing job is recorded as failed, once per tick, and does not stop the schedule.
    const broken = await schedulers[0].listRuns('test.broken');
    expect(broken.length).toBeGreaterThanOrEqual(3);
    expect(new Set(broken.map((r) => r.scheduledAt.toISOString())).size).toBe(broken.length);
    expect(failures).toHaveLength(broken.length);
    for (const run of broken) {
      expect(run.status).toBe('failed');
      expect(run.error).toContain('broken on purpose');
      expect(run.finishedAt).toBeInstanceOf(Date);
      expect(run.durationMs).toBeGreaterThanOrEqual(0);
      expect(['instance-1', 'instance-2']).toContain(run.instance);
    }

    const jobs = await schedulers[1].listJobs();
    expect(jobs.map((j) => j.name).sort()).toEqual(['test.broken', 'test.heartbeat']);
    const heartbeat = jobs.find((j) => j.name === 'test.heartbeat')!;
    expect(heartbeat).toMatchObject({ plugin: 'test', everySeconds: 1, lastRun: { status: 'succeeded', job: 'test.heartbeat' } });
    expect(heartbeat.nextRunAt).toBeInstanceOf(Date);
  });

  it('runs a job on demand and records the run', async () => {
    const handle = await open(db!.url);
    const s = scheduler(handle, 'solo');
    let ran = 0;
    s.define('reports', { name: 'nightly', cron: '0 3 * * *', handler: () => void ran++ });
    s.define('reports', { name: 'fragile', cron: '0 3 * * *', handler: () => Promise.reject(new Error('no data')) });
    expect(() => s.define('reports', { name: 'nightly', cron: '0 4 * * *', handler: () => undefined })).toThrow(/already defined/);

    await s.runNow('reports.nightly');
    await expect(s.runNow('reports.fragile')).rejects.toThrow('no data');
    await expect(s.runNow('reports.unknown')).rejects.toThrow(/unknown job/);

    expect(ran).toBe(1);
    const [run] = await s.listRuns('reports.nightly');
    expect(run).toMatchObject({ job: 'reports.nightly', status: 'succeeded', instance: 'solo' });
    const jobs = await s.listJobs();
    expect(jobs.find((j) => j.name === 'reports.fragile')).toMatchObject({ cron: '0 3 * * *', lastRun: { status: 'failed', error: expect.stringContaining('no data') } });
    expect(jobs.find((j) => j.name === 'reports.nightly')!.nextRunAt!.toISOString()).toMatch(/T03:00:00\.000Z$/);
  });

  it('hands job handlers an entity manager that reads across tenants', async () => {
    const Note = new EntitySchema<{ id: number; tenantId: string }>({
      name: 'JobTestNote',
      tableName: 'job_test_note',
      properties: { id: { type: 'number', primary: true }, tenantId: { type: 'string' } },
      filters: { tenant: { name: 'tenant', cond: (args: { tenantId: string }) => ({ tenantId: args.tenantId }), default: true } },
    });
    const handle = await open(db!.url, [Note]);
    const em = handle.orm.em.fork();
    await runSql(em, `CREATE TABLE job_test_note (id integer PRIMARY KEY, tenant_id text NOT NULL)`);
    await runSql(em, `INSERT INTO job_test_note VALUES (1, 'a'), (2, 'b')`);

    await expect(handle.orm.em.fork().find(Note, {})).rejects.toThrow(/No arguments provided for filter 'tenant'/);
    const scoped = handle.orm.em.fork();
    scoped.setFilterParams('tenant', { tenantId: 'a' });
    expect(await scoped.count(Note, {})).toBe(1);

    const system = createSystemEntityManager(handle.orm);
    expect(await system.count(Note, {})).toBe(2);
    expect(await system.fork().find(Note, {})).toHaveLength(2);
    expect(await system.transactional((tem) => tem.count(Note, {}))).toBe(2);
    // The system EM keeps the tenant filter off even when a query asks for it.
    expect(await system.count(Note, {}, { filters: { tenant: true } })).toBe(2);
  });

  it('works on the embedded database (PGlite) together with the event bus', { timeout: 40_000 }, async () => {
    const handle = await open(null);
    expect(handle.embedded).toBe(true);
    const bus = createEventBus({ orm: handle.orm, embedded: true, databaseUrl: null, logger: createRecordingLogger(), relayPollMs: 50, instanceId: 'embedded' });
    const delivered: unknown[] = [];
    bus.subscribe('test.ticks', 'tick.*', (payload) => void delivered.push(payload));

    const s = scheduler(handle, 'embedded');
    const ticks: string[] = [];
    s.define('test', {
      name: 'every-second',
      everySeconds: 1,
      async handler({ scheduledAt, em }) {
        ticks.push(scheduledAt.toISOString());
        // A transaction on the single PGlite session while pg-boss and the relay poll it.
        await em.transactional((tem) => bus.emitDurable(tem, 'tick.done', { at: scheduledAt.toISOString() }));
      },
    });

    await bus.start();
    await s.start();
    await expect(
      handle.orm.em.fork().transactional(async (em) => {
        await bus.emitDurable(em, 'tick.rolled-back', {});
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');

    await vi.waitFor(() => expect(delivered.length).toBeGreaterThanOrEqual(2), { timeout: 15_000, interval: 50 });
    await s.stop();
    await bus.drain();
    await bus.stop();

    const runs = await runSql<{ scheduled_at: Date; runs: number; status: string }>(
      handle.orm.em.fork(),
      `SELECT scheduled_at, count(*)::int AS runs, min(status) AS status FROM kernel_job_runs WHERE job = 'test.every-second' GROUP BY scheduled_at`,
    );
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs.every((r) => r.runs === 1 && r.status === 'succeeded')).toBe(true);
    expect(ticks).toHaveLength(runs.length);
    expect(delivered).toEqual(ticks.map((at) => ({ at })));
    const [boss] = await runSql<{ job: string | null }>(handle.orm.em.fork(), `SELECT to_regclass('pgboss.job')::text AS job`);
    expect(boss.job).toBe('pgboss.job');
  });
});

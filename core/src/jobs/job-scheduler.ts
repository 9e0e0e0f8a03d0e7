/**
 * Job scheduler: plugins' interval and cron jobs, each tick run once across all instances.
 *
 * Engine: pg-boss 10.4.2, on the server and on the embedded database alike. It works on PGlite
 * because it is handed a `db.executeSql` that borrows the ORM's connection (`pg-boss-orm-db.ts`):
 * pg-boss never opens a pool or a second session, and its schema install/migration scripts (several
 * statements, no parameters) go through PGlite's `exec()`. pg-boss creates and owns the `pgboss` schema.
 *
 * How a tick runs:
 * 1. Every instance runs a ticker (`tickMs`). For each job it computes the latest planned tick
 *    (`job-schedule.ts`: `floor(now / interval) * interval`, or croner's planned time) and queues it
 *    once: `boss.send(queue = job name, { scheduledAt }, { id: tickJobId(job, planned), singletonKey: planned })`.
 *    pg-boss's own cron is not used: it is minute-granular with a 60 s throttle and does not hand
 *    the planned time to the handler, and we need per-second jobs.
 * 2. The job id is derived from (job, planned time), so all instances queue the *same* pg-boss job
 *    and pg-boss's `INSERT ... ON CONFLICT DO NOTHING` on (name, id) keeps one. (A `singletonKey`
 *    alone does not deduplicate on a standard queue in pg-boss 10: only the short/singleton/stately
 *    policies or a `singletonSeconds` slot do, and that slot is computed from the database clock at
 *    insert time, so two instances inserting either side of a slot boundary would both succeed.
 *    The planned time is still stored as the singletonKey, for inspection.)
 * 3. One pg-boss worker per job and instance (`batchSize: 1`) fetches with `FOR UPDATE SKIP LOCKED`;
 *    the instance that queued a tick wakes its worker at once, polling (`pollingIntervalSeconds`)
 *    is the fallback.
 * 4. The handler first inserts its `kernel_job_runs` row with `ON CONFLICT (job, scheduled_at) DO
 *    NOTHING RETURNING id`: the UNIQUE key is the final guard, e.g. if a tick's pg-boss job was
 *    already archived. Then it runs the plugin handler and records finished_at, duration_ms,
 *    status, error and the instance. Failed ticks are not retried (`retryLimit: 0`): the next tick comes.
 *
 * Limits: a tick is queued only within `MISSED_TICK_GRACE_MS` of its planned time (no replay of
 * ticks missed while everything was down); a tick picked up late still runs; a job slower than its
 * interval can overlap itself on different instances.
 */
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import PgBoss from 'pg-boss';
import type { JobDefinition, Logger } from '@platform/sdk';
import { compileJobSchedule, tickJobId, type JobSchedule } from './job-schedule.ts';
import { claimJobRun, finishJobRun, latestJobRuns, listJobRuns, type JobRun } from './job-runs-store.ts';
import { createPgBossOrmDb } from './pg-boss-orm-db.ts';
import { createSystemEntityManager } from './system-entity-manager.ts';

export type { JobRun } from './job-runs-store.ts';

type Log = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export interface JobSchedulerDeps {
  orm: MikroORM;
  embedded: boolean;
  databaseUrl: string | null;
  logger: Log;
  instanceId: string;
  /** Entity manager handed to job handlers. Default: a fork with the `tenant` filter off. */
  systemEm?: () => EntityManager;
  /** How often the ticker looks for due ticks. Default 200 ms. */
  tickMs?: number;
  /** pg-boss worker polling, the fallback when another instance queued the tick. Default 2 s (minimum 0.5). */
  pollingIntervalSeconds?: number;
  /** A tick still running after this long is failed by pg-boss maintenance. Default 15 minutes. */
  expireInSeconds?: number;
  /** How long `stop()` waits for running handlers. Default 30 s. */
  stopTimeoutMs?: number;
}

export interface JobInfo {
  /** `<plugin>.<name>` */
  name: string;
  plugin: string;
  everySeconds?: number;
  cron?: string;
  nextRunAt: Date | null;
  lastRun?: JobRun;
}

export interface JobScheduler {
  /** Registers a plugin's job as `<plugin>.<name>`. */
  define(pluginName: string, job: JobDefinition): void;
  start(): Promise<void>;
  /** Stops queueing ticks and waits for running handlers. */
  stop(): Promise<void>;
  listJobs(): Promise<JobInfo[]>;
  /** Newest first. */
  listRuns(job: string, limit?: number): Promise<JobRun[]>;
  /** Runs the job on this instance now (outside its schedule) and records the run; rejects with the handler's error. */
  runNow(job: string): Promise<void>;
}

interface ScheduledJob {
  name: string;
  plugin: string;
  definition: JobDefinition;
  schedule: JobSchedule;
  workerId: string | null;
  lastQueued: number | null;
}

export function createJobScheduler(deps: JobSchedulerDeps): JobScheduler {
  const { orm, logger, instanceId } = deps;
  const tickMs = deps.tickMs ?? 200;
  const pollingIntervalSeconds = Math.max(deps.pollingIntervalSeconds ?? 2, 0.5);
  const expireInSeconds = deps.expireInSeconds ?? 15 * 60;
  const stopTimeoutMs = deps.stopTimeoutMs ?? 30_000;
  const systemEm = deps.systemEm ?? (() => createSystemEntityManager(orm));

  const jobs = new Map<string, ScheduledJob>();
  const bossDb = createPgBossOrmDb(orm, {
    onUnawaitedFailure: (err, statement) =>
      logger.warn({ err, statement }, `pg-boss could not ${statement} a job tick; it stays active until pg-boss expires it (the run itself is recorded in kernel_job_runs)`),
  });
  const running = new Set<Promise<unknown>>();
  const queueing = new Set<Promise<unknown>>();
  let boss: PgBoss | null = null;
  let started = false;
  let stopping = false;
  let ticking = false;
  let tickTimer: NodeJS.Timeout | null = null;

  const track = <T>(set: Set<Promise<unknown>>, work: Promise<T>): Promise<T> => {
    set.add(work);
    work.then(
      () => set.delete(work),
      () => set.delete(work),
    );
    return work;
  };

  const runTick = async (job: ScheduledJob, scheduledAt: Date): Promise<void> => {
    const em = orm.em.fork();
    const runId = await claimJobRun(em, job.name, scheduledAt, instanceId).catch((err) => {
      logger.error({ err, job: job.name, scheduledAt }, 'could not record the start of a job run; tick skipped');
      throw err;
    });
    if (!runId) {
      logger.debug({ job: job.name, scheduledAt }, 'job tick already ran');
      return;
    }
    const startedAt = performance.now();
    let failed = false;
    let failure: unknown;
    try {
      await job.definition.handler({ name: job.name, scheduledAt, em: systemEm() });
    } catch (err) {
      failed = true;
      failure = err;
    }
    const durationMs = performance.now() - startedAt;
    const error = !failed ? null : failure instanceof Error ? (failure.stack ?? failure.message) : String(failure);
    await finishJobRun(em, runId, { status: failed ? 'failed' : 'succeeded', durationMs, error }).catch((err) =>
      logger.error({ err, job: job.name, scheduledAt, runId }, 'could not record the end of a job run'),
    );
    if (failed) {
      logger.error({ err: failure, job: job.name, scheduledAt }, 'job failed');
      throw failure;
    }
  };

  const attach = async (job: ScheduledJob) => {
    const b = boss!;
    await b.createQueue(job.name, { name: job.name, policy: 'standard', retryLimit: 0, expireInSeconds });
    job.workerId = await b.work<{ scheduledAt: string }>(job.name, { pollingIntervalSeconds, batchSize: 1 }, async ([tick]) => {
      if (!tick) return;
      await track(running, runTick(job, new Date(tick.data.scheduledAt)));
    });
  };

  const queueTick = async (job: ScheduledJob, plannedAt: Date, previous: number | null) => {
    const scheduledAt = plannedAt.toISOString();
    try {
      const id = await boss!.send(job.name, { scheduledAt }, { id: tickJobId(job.name, plannedAt), singletonKey: scheduledAt, retryLimit: 0 });
      // null: another instance queued this tick first.
      if (id && job.workerId) boss!.notifyWorker(job.workerId);
    } catch (err) {
      logger.error({ err, job: job.name, scheduledAt }, 'could not queue job tick; will try again');
      if (job.lastQueued === plannedAt.getTime()) job.lastQueued = previous;
    }
  };

  const tick = () => {
    if (ticking || stopping || !boss) return;
    ticking = true;
    try {
      const now = Date.now();
      for (const job of jobs.values()) {
        if (!job.workerId) continue;
        const due = job.schedule.dueTick(now, job.lastQueued);
        if (due === null) continue;
        const previous = job.lastQueued;
        job.lastQueued = due;
        void track(queueing, queueTick(job, new Date(due), previous));
      }
    } finally {
      ticking = false;
    }
  };

  /**
   * Starts pg-boss, installing or migrating its schema. Two instances installing into a fresh
   * database at the same moment can collide despite pg-boss's advisory lock (seen here as
   * `duplicate key value violates unique constraint "pg_namespace_nspname_index"` from
   * `CREATE SCHEMA IF NOT EXISTS pgboss`); the loser's script is rolled back, and starting again
   * finds the schema installed. A failed PgBoss instance cannot be restarted, so each try is a new one.
   */
  const startPgBoss = async (): Promise<PgBoss> => {
    for (let attempt = 1; ; attempt++) {
      const b = new PgBoss({
        db: bossDb as unknown as PgBoss.Db,
        schedule: false,
        supervise: true,
        migrate: true,
        // Completed ticks only need to stay in pgboss.job while they can still be re-queued.
        archiveCompletedAfterSeconds: 60 * 60,
        deleteAfterDays: 1,
      });
      b.on('error', (err) => logger.warn({ err }, 'pg-boss reported an error'));
      try {
        return await b.start();
      } catch (err) {
        if (attempt >= 3) throw err;
        logger.warn({ err, attempt }, 'pg-boss did not start; trying again');
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 400));
      }
    }
  };

  const settle = async (set: Set<Promise<unknown>>) => {
    while (set.size > 0) await Promise.allSettled([...set]);
  };

  /** Waits until no handler runs and no pg-boss statement is in flight (pg-boss completes jobs without awaiting). */
  const quiesce = async () => {
    do {
      await settle(running);
      await bossDb.settle();
      await new Promise((resolve) => setImmediate(resolve));
    } while (running.size > 0 || bossDb.inFlight > 0);
  };

  return {
    define(pluginName, job) {
      if (!pluginName || !job?.name) throw new Error('a job needs a plugin name and a name');
      const name = `${pluginName}.${job.name}`;
      if (jobs.has(name)) throw new Error(`job '${name}' is already defined`);
      if (typeof job.handler !== 'function') throw new Error(`job '${name}' has no handler`);
      const scheduled: ScheduledJob = {
        name,
        plugin: pluginName,
        definition: job,
        schedule: compileJobSchedule(name, { everySeconds: job.everySeconds, cron: job.cron }),
        workerId: null,
        lastQueued: null,
      };
      jobs.set(name, scheduled);
      if (started && !stopping) attach(scheduled).catch((err) => logger.error({ err, job: name }, 'could not start job worker'));
    },

    async start() {
      if (started) return;
      started = true;
      boss = await startPgBoss();
      for (const job of jobs.values()) await attach(job);
      tickTimer = setInterval(tick, tickMs);
      tickTimer.unref();
      tick();
      logger.info({ jobs: jobs.size, instanceId }, 'job scheduler started');
    },

    async stop() {
      if (stopping) return;
      stopping = true;
      if (tickTimer) clearInterval(tickTimer);
      tickTimer = null;
      await settle(queueing);
      if (!boss) return;
      // Failing the ticks still running (pg-boss's failWip) needs the database; stopping must not.
      await boss.stop({ graceful: true, wait: true, close: false, timeout: stopTimeoutMs }).catch((err) => logger.warn({ err }, 'pg-boss did not stop cleanly'));
      const timedOut = await Promise.race([
        quiesce().then(() => false),
        new Promise<boolean>((resolve) => setTimeout(resolve, stopTimeoutMs, true).unref()),
      ]);
      if (timedOut) logger.warn({ running: running.size }, 'job scheduler stopped while handlers were still running');
      await bossDb.close();
    },

    async listJobs() {
      const lastRuns = await latestJobRuns(orm.em.fork(), [...jobs.keys()]);
      const now = Date.now();
      return [...jobs.values()].map((job) => {
        const next = job.schedule.nextTick(now);
        const info: JobInfo = { name: job.name, plugin: job.plugin, nextRunAt: next === null ? null : new Date(next) };
        if (job.definition.everySeconds !== undefined) info.everySeconds = job.definition.everySeconds;
        if (job.definition.cron !== undefined) info.cron = job.definition.cron;
        const lastRun = lastRuns.get(job.name);
        if (lastRun) info.lastRun = lastRun;
        return info;
      });
    },

    listRuns(job, limit = 50) {
      return listJobRuns(orm.em.fork(), job, limit);
    },

    async runNow(name) {
      const job = jobs.get(name);
      if (!job) throw new Error(`unknown job '${name}'`);
      // Planned ticks fall on whole seconds; a manual run never does, so it cannot take a tick's (job, scheduled_at) slot.
      let at = Date.now();
      if (at % 1000 === 0) at += 1;
      await track(running, runTick(job, new Date(at)));
    },
  };
}

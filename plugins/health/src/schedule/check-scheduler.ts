import { setMaxListeners } from 'node:events';
import { runMonitorCheck, type MonitorResult } from '@platform/sdk/monitors';
import { type Database, type Logger } from '@platform/sdk';
import type { HealthOptions } from '../health-options.ts';
import type { ResultWriter, StateChange } from '../store/result-writer.ts';
import { applyThresholds } from '../status/response-time-thresholds.ts';
import { isFailing } from '../status/failure-state.ts';
import { loadStates } from '../store/monitor-state-store.ts';
import type { TargetDirectory } from '../targets/target-directory.ts';
import { isScheduled, targetKeyOf, type MonitorTarget } from '../targets/monitor-target.ts';
import { BoundedQueue } from './bounded-queue.ts';
import { claimKey, claimPlannedChecks } from './check-claims.ts';
import { effectiveIntervalMs, nextPlannedAt } from './cadence.ts';
import { SchedulerMetrics } from './scheduler-metrics.ts';
import { PlannedStarts } from './planned-starts.ts';

interface PlannedCheck {
  target: MonitorTarget;
  plannedAt: number;
  catchUp: boolean;
}

/** Runs one target's check with its timeout, then applies its response-time thresholds. */
export async function checkTarget(target: MonitorTarget, signal?: AbortSignal): Promise<MonitorResult> {
  const raw = await runMonitorCheck(target.entry.monitor, target.config as any, { tenant: target.tenant, timeoutMs: target.entry.timeoutMs, signal, memo: target.memo });
  return applyThresholds(raw, target.entry.thresholds);
}

/**
 * The loop on each instance: every `loopMs` it takes the targets whose planned time falls before
 * `now + claimAheadMs`, claims them in one statement (each planned check runs once across instances),
 * advances each target to its next planned time on the fixed grid (a failing target uses the faster
 * grid), and hands the claimed checks to one timer (PlannedStarts) that starts each at its planned time
 * through a bounded queue. Claiming ahead keeps the claim's round trip out of the scheduling lag. Results go to the ResultWriter, whose state changes feed back the
 * failing flags. The loop also beats the scheduler heartbeat and picks up failing flags written by
 * other instances.
 */
export class CheckScheduler {
  readonly metrics = new SchedulerMetrics();
  private readonly queue: BoundedQueue;
  private timer: NodeJS.Timeout | null = null;
  private ticking = false;
  /** Heartbeats, discoveries and state syncs started by a tick and not awaited by it. */
  private readonly housekeeping = new Set<Promise<unknown>>();
  private lastBeat = 0;
  private lastSync = 0;
  private readonly shutdown = new AbortController();
  /** Targets with a check queued or running here: their next planned time is skipped, not stacked. */
  private readonly busy = new Set<string>();
  private readonly starts: PlannedStarts<PlannedCheck>;

  constructor(
    private readonly deps: {
      db: Database;
      logger: Logger;
      options: HealthOptions;
      directory: TargetDirectory;
      writer: ResultWriter;
      instanceId: string;
      onBeat?(at: number): void;
    },
  ) {
    this.queue = new BoundedQueue(deps.options.concurrency);
    this.starts = new PlannedStarts<PlannedCheck>(deps.options.clock, (p) => this.launch(p));
    // Every running check listens for shutdown on this signal.
    setMaxListeners(0, this.shutdown.signal);
  }

  get running(): boolean {
    return this.timer !== null;
  }

  start(): void {
    if (this.timer || this.shutdown.signal.aborted) return;
    this.timer = setInterval(() => void this.tick(), this.deps.options.loopMs);
    this.timer.unref();
    void this.tick();
  }

  /** Stops planning, cancels running checks and writes what finished. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const p of this.starts.clear()) this.busy.delete(p.target.key);
    this.shutdown.abort(new Error('health scheduler stopped'));
    while (this.ticking) await new Promise((r) => setTimeout(r, 10));
    await Promise.all(this.housekeeping);
    await this.queue.idle();
    await this.deps.writer.flush();
  }

  queueState() {
    return { running: this.queue.running, queued: this.queue.queued };
  }

  /** Applies state changes written by the ResultWriter: failing targets move to the faster grid. */
  onStates(changes: StateChange[]): void {
    const now = this.deps.options.clock();
    for (const c of changes) {
      const t = this.deps.directory.target(c.target.monitorId, c.target.targetKey);
      if (t) this.setFailing(t, isFailing(c.state), now);
    }
  }

  private setFailing(t: MonitorTarget, failing: boolean, now: number): void {
    if (t.failing === failing) return;
    t.failing = failing;
    const interval = effectiveIntervalMs(t.intervalMs, failing, this.deps.options.failingSpeedup);
    const next = nextPlannedAt(now, interval, t.offsetMs);
    t.nextPlannedAt = failing ? Math.min(t.nextPlannedAt, next) : next;
  }

  async beat(now = this.deps.options.clock()): Promise<void> {
    this.lastBeat = now;
    await this.deps.db.sql(
      `INSERT INTO health_scheduler_instances (instance_id, started_at, last_beat_at) VALUES ($1, $2, $2)
       ON CONFLICT (instance_id) DO UPDATE SET last_beat_at = EXCLUDED.last_beat_at`,
      [this.deps.instanceId, new Date(now)],
    );
    this.deps.onBeat?.(now);
  }

  /** One pass of the loop. Public so tests can drive time. */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    const { options, directory, logger } = this.deps;
    try {
      let now = options.clock();
      // Housekeeping never holds up due checks: only the very first discovery is awaited.
      // Tracked, so that stop() waits for them: a heartbeat still running when the kernel closes its pool failed at shutdown.
      const background = (work: Promise<unknown>, what: string) => {
        const settled = work.catch((err) => logger.error({ err }, `health scheduler: ${what} failed`)).finally(() => this.housekeeping.delete(settled));
        this.housekeeping.add(settled);
      };
      if (now - this.lastBeat >= options.heartbeatMs) background(this.beat(now), 'heartbeat');
      if (!directory.loaded) await directory.refresh();
      else if (directory.isStale(now)) background(directory.refresh(), 'target discovery');
      if (now - this.lastSync >= options.stateSyncMs) background(this.syncFailing(now), 'failing-state sync');
      now = options.clock();
      const horizon = now + options.claimAheadMs;
      const planned: PlannedCheck[] = [];
      for (const t of directory.scheduled()) {
        if (t.nextPlannedAt > horizon) continue;
        if (this.busy.has(t.key)) this.metrics.skippedBusy++;
        else planned.push({ target: t, plannedAt: t.nextPlannedAt, catchUp: t.catchUp });
        const interval = effectiveIntervalMs(t.intervalMs, t.failing, options.failingSpeedup);
        t.nextPlannedAt = nextPlannedAt(Math.max(t.nextPlannedAt, now), interval, t.offsetMs);
        t.catchUp = false;
      }
      if (planned.length === 0) return;
      const won = await claimPlannedChecks(
        this.deps.db,
        planned.map((p) => ({ monitorId: p.target.monitorId, targetKey: p.target.targetKey, plannedAt: p.plannedAt })),
        this.deps.instanceId,
      );
      if (this.shutdown.signal.aborted) return;
      planned.sort((a, b) => a.plannedAt - b.plannedAt);
      for (const p of planned) {
        if (!won.has(claimKey(p.target.monitorId, p.target.targetKey, p.plannedAt))) {
          this.metrics.claimsLost++;
          continue;
        }
        this.busy.add(p.target.key);
        this.starts.add(p);
      }
    } catch (err) {
      logger.error({ err }, 'health scheduler pass failed');
    } finally {
      this.ticking = false;
    }
  }

  /** Runs a claimed check through the bounded queue (PlannedStarts calls this at its planned time). */
  private launch(p: PlannedCheck): void {
    this.queue.submit(() => this.execute(p));
  }

  private async execute({ target, plannedAt, catchUp }: PlannedCheck): Promise<void> {
    try {
      if (this.shutdown.signal.aborted) return;
      const { options } = this.deps;
      const startedAt = options.clock();
      if (!catchUp) this.metrics.recordLag(Math.max(0, startedAt - plannedAt));
      this.metrics.checksStarted++;
      const result = await checkTarget(target, this.shutdown.signal);
      if (this.shutdown.signal.aborted) return;
      this.metrics.checksCompleted++;
      this.deps.writer.add({ target, plannedAt, checkedAt: startedAt, result });
    } finally {
      this.busy.delete(target.key);
    }
  }

  /** Runs targets now, outside the grid (manual "check now", tests), and waits for their results to be written. */
  async runNow(filter: (t: MonitorTarget) => boolean = () => true): Promise<number> {
    await this.deps.directory.ensureFresh();
    await this.beat();
    const targets = this.deps.directory.scheduled().filter(filter);
    await Promise.all(
      targets.map((t) =>
        this.queue.run(async () => {
          const startedAt = this.deps.options.clock();
          const result = await checkTarget(t, this.shutdown.signal);
          this.deps.writer.add({ target: t, plannedAt: startedAt, checkedAt: startedAt, result });
        }),
      ),
    );
    await this.deps.writer.flush();
    return targets.length;
  }

  /** Waits until the checks claimed and due so far have finished and been written (tests, benchmark). */
  async settle(): Promise<void> {
    while (this.ticking) await new Promise((r) => setTimeout(r, 5));
    await this.queue.idle();
    await this.deps.writer.flush();
  }

  private async syncFailing(now: number): Promise<void> {
    this.lastSync = now;
    if (!this.deps.directory.loaded) return;
    const failing = new Set((await loadStates(this.deps.db, { onlyFailing: true })).map((s) => targetKeyOf(s.monitor_id, s.target_key)));
    for (const t of this.deps.directory.all()) if (isScheduled(t)) this.setFailing(t, failing.has(t.key), now);
  }
}

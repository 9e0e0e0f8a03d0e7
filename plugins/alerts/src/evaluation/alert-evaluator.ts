import { randomUUID } from 'node:crypto';
import type { MetricsReader, MetricsRecorder, MetricWindowRollup } from '@platform/sdk/metrics';
import type { PluginContext } from '@platform/sdk';
import type { AlertRule } from '../rules/alert-rule-entity.ts';
import { loadRules } from '../rules/rule-store.ts';
import { loadInstances, saveInstances, deleteInstances } from '../instances/instance-store.ts';
import { appendHistory } from '../instances/history-store.ts';
import { activeSilences, endSilences } from '../silences/silence-store.ts';
import { enqueueDeliveries } from '../delivery/delivery-store.ts';
import type { AlertChannels } from '../delivery/alert-channels.ts';
import type { DeliveryDispatcher } from '../delivery/delivery-dispatcher.ts';
import { activeMaintenanceWindows } from '../muting/maintenance-lookup.ts';
import type { AlertsOptions } from '../alerts-options.ts';
import { computeTick, standingInhibitors, type TickOutcome } from './tick-computation.ts';
import { claimGeneration, readGeneration } from './evaluator-generation.ts';
import { ruleWindows } from './rule-windows.ts';
import { changedInstances } from './changed-instances.ts';
import { FastPathThrottle } from './fast-path-throttle.ts';

export interface TickReport {
  at: string;
  skipped: boolean;
  durationMs: number;
  counts: TickOutcome['counts'];
  deliveriesQueued: number;
}

/** How often an evaluation is computed when a concurrent one (or an action) keeps winning the claim. */
const CLAIM_ATTEMPTS = 3;

/** What one evaluation looks at: every rule (a tick), or only the rules of some metrics (the fast path). */
export type EvaluationScope = { metrics: readonly string[] } | null;

/** This instance's fast-path counters since it booted. */
export interface FastPathStats {
  /** Fast-path evaluations run (each covers the metrics written meanwhile). */
  evaluations: number;
  /** Times a written metric was held back by the minimum interval. */
  held: number;
}

/**
 * An evaluation: read the rules, alerts, silences, maintenance windows and the rules' metric windows
 * (rolled up per series by the database; no transaction held while reading), compute the tick, then
 * write it in one transaction that commits only if nothing else evaluated or acted meanwhile. Fresh
 * notifications are sent right after.
 *
 * Besides the minute tick (once across instances), the fast path evaluates the rules of metrics that
 * just got samples (`evaluateMetrics`), so a breach is noticed when it is written, not up to a minute
 * later. Both take the same generation claim, so concurrent evaluations on several instances never both
 * commit; one that loses the claim (to another evaluation or an action) is computed again, so a breach
 * seen only by the loser is not dropped. A metric's fast-path evaluations start at most once per
 * `fastPathMinIntervalMs` on this instance: a write meanwhile is held (not dropped) and evaluated once
 * the interval has passed.
 */
export class AlertEvaluator {
  private chain: Promise<unknown> = Promise.resolve();
  /** Metrics waiting for a fast-path evaluation (several writes meanwhile make one evaluation). */
  private waiting: Set<string> | null = null;
  private stopped = false;
  private readonly throttle: FastPathThrottle;
  /** The timer that releases held metrics, and settled() callers waiting for it. */
  private releaseTimer: { at: number; timer: NodeJS.Timeout } | null = null;
  private releaseWaiters: Array<() => void> = [];
  private readonly stats: FastPathStats = { evaluations: 0, held: 0 };

  constructor(
    private readonly deps: {
      ctx: PluginContext;
      metrics: () => MetricsReader;
      channels: AlertChannels;
      dispatcher: DeliveryDispatcher;
      recorder: MetricsRecorder;
      options: AlertsOptions;
    },
  ) {
    // Real elapsed time (not options.clock, which tests move by hand): the interval is about load.
    this.throttle = new FastPathThrottle(deps.options.fastPathMinIntervalMs, () => performance.now());
  }

  /** Evaluates every rule now (evaluations on this instance run one at a time). */
  evaluate(): Promise<TickReport> {
    return this.enqueue(() => this.tickUntilCommitted(null));
  }

  /**
   * The fast path: evaluates the enabled rules of these metrics after the evaluations already queued
   * here. Calls made while one waits join it; a metric evaluated less than `fastPathMinIntervalMs` ago is
   * held and evaluated once the interval has passed. Resolves with null when no rule watches them (or
   * every metric was held or joined another evaluation).
   */
  evaluateMetrics(metrics: readonly string[]): Promise<TickReport | null> {
    if (this.stopped) return Promise.resolve(null);
    const heldBefore = this.throttle.holding;
    const due = this.throttle.admit(metrics);
    if (this.throttle.holding > heldBefore) {
      this.stats.held += this.throttle.holding - heldBefore;
      this.scheduleRelease();
    }
    if (due.length === 0) return Promise.resolve(null);
    if (this.waiting) {
      for (const m of due) this.waiting.add(m);
      return this.chain.then(() => null);
    }
    const waiting = new Set(due);
    this.waiting = waiting;
    return this.enqueue(() => {
      this.waiting = null;
      this.throttle.started(waiting);
      this.stats.evaluations++;
      return this.tickUntilCommitted({ metrics: [...waiting] });
    }).then((r) => (r.counts.rules === 0 ? null : r));
  }

  fastPathStats(): FastPathStats {
    return { ...this.stats };
  }

  /** Arms the timer for the earliest held metric (one timer, moved earlier when needed; re-armed after each release). */
  private scheduleRelease(): void {
    const at = this.throttle.nextReleaseAt();
    if (at === null || this.stopped) return;
    if (this.releaseTimer && this.releaseTimer.at <= at) return;
    if (this.releaseTimer) clearTimeout(this.releaseTimer.timer);
    const timer = setTimeout(() => {
      this.releaseTimer = null;
      const released = this.throttle.release();
      // Enqueued synchronously: whoever waits in settled() then waits for the chain, which holds it.
      if (released.length) void this.evaluateMetrics(released).catch((err) => this.deps.ctx.logger.error({ err }, 'fast-path alert evaluation failed'));
      this.scheduleRelease();
      for (const wake of this.releaseWaiters.splice(0)) wake();
    }, Math.max(0, Math.ceil(at - this.throttle.clock())));
    timer.unref();
    this.releaseTimer = { at, timer };
  }

  /** An evaluation that lost the claim wrote nothing; it is computed again from the winner's state (a few times at most). */
  private async tickUntilCommitted(scope: EvaluationScope): Promise<TickReport> {
    let report = await this.tick(scope);
    for (let attempt = 1; report.skipped && attempt < CLAIM_ATTEMPTS; attempt++) report = await this.tick(scope);
    return report;
  }

  /** Resolves once the evaluations queued on this instance so far have run, held fast-path metrics included. */
  async settled(): Promise<void> {
    await this.chain;
    while (this.releaseTimer) {
      await new Promise<void>((wake) => this.releaseWaiters.push(wake));
      await this.chain;
    }
  }

  /** No more fast-path evaluations (held metrics are left to the next tick); waits for those under way (shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.releaseTimer) {
      clearTimeout(this.releaseTimer.timer);
      this.releaseTimer = null;
    }
    this.throttle.clear();
    for (const wake of this.releaseWaiters.splice(0)) wake();
    await this.chain;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.chain.then(work);
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async tick(scope: EvaluationScope): Promise<TickReport> {
    const { ctx, options } = this.deps;
    const db = ctx.db;
    const started = performance.now();
    const now = options.clock();
    const generation = await readGeneration(db);
    // The fast path reads its metrics' rules and those of the firing alerts (the standing inhibitors).
    const allRules = await loadRules(db, scope ?? undefined);
    const watched = scope ? new Set(scope.metrics) : null;
    const rules = watched ? allRules.filter((r) => r.enabled && watched.has(r.metric)) : allRules;
    const empty = { rules: 0, alerts: 0, fired: 0, resolved: 0, notifications: 0 };
    if (rules.length === 0 && watched) return { at: new Date(now).toISOString(), skipped: false, durationMs: performance.now() - started, counts: empty, deliveriesQueued: 0 };
    const ruleIds = rules.map((r) => r.id);
    const [instances, others, silences, maintenance, windows] = await Promise.all([
      watched ? loadInstances(db, 'rule_id = ANY($1::uuid[])', [ruleIds]) : loadInstances(db),
      watched ? loadInstances(db, `state = 'firing' AND NOT (rule_id = ANY($1::uuid[]))`, [ruleIds]) : Promise.resolve([]),
      activeSilences(db, now),
      activeMaintenanceWindows(ctx, ctx.logger, now),
      this.readWindows(rules, now),
    ]);
    const outcome = computeTick(
      { rules, instances, silences, maintenance, windows: windows.rollups, seriesError: windows.error, standingInhibitors: standingInhibitors(others, allRules) },
      {
        now,
        baseUrl: ctx.kernel.baseUrl,
        handles: (channel, kind) => this.deps.channels.handles(channel, kind),
        newId: randomUUID,
        resolvedRetentionMs: options.resolvedRetentionDays * 86_400_000,
      },
    );
    // A tick writes every alert (fresh values); the fast path only what changed, and nothing when nothing did.
    const save = watched ? changedInstances(outcome.save, instances) : outcome.save;
    const nothingChanged = !save.length && !outcome.remove.length && !outcome.history.length && !outcome.deliveries.length && !outcome.events.length;
    if (watched && nothingChanged) return { at: new Date(now).toISOString(), skipped: false, durationMs: performance.now() - started, counts: outcome.counts, deliveriesQueued: 0 };
    let queued = 0;
    const committed = await db.system().transactional(async (em) => {
      if (!(await claimGeneration(db, em, generation, watched ? undefined : { at: now, durationMs: performance.now() - started }))) return false;
      await saveInstances(db, em, save);
      await deleteInstances(db, em, outcome.remove);
      await appendHistory(db, em, outcome.history);
      await endSilences(db, em, outcome.resolvedFingerprints, now);
      queued = await enqueueDeliveries(db, em, outcome.deliveries);
      for (const e of outcome.events) await ctx.events.emitDurable(em, e.name, e.payload as never);
      return true;
    });
    if (!committed) ctx.logger.info({ generation, fastPath: watched !== null }, 'alert evaluation skipped: a concurrent evaluation or action won');
    if (committed && queued > 0) await this.deps.dispatcher.runOnce();
    const durationMs = performance.now() - started;
    if (committed && !watched) {
      this.deps.recorder.observe('alert_evaluation_ms', durationMs);
      this.deps.recorder.gauge('alerts_firing', outcome.save.filter((i) => i.memory.state === 'firing').length);
    }
    return { at: new Date(now).toISOString(), skipped: !committed, durationMs, counts: outcome.counts, deliveriesQueued: queued };
  }

  /** The enabled rules' metric windows, rolled up by the database; on failure, the error every alert then observes. */
  private async readWindows(rules: readonly AlertRule[], now: number): Promise<{ rollups: MetricWindowRollup[] | null; error: string | null }> {
    try {
      return { rollups: await this.deps.metrics().windowRollups(ruleWindows(rules), now), error: null };
    } catch (err) {
      this.deps.ctx.logger.error({ err }, 'alert evaluation could not read metrics');
      return { rollups: null, error: `could not read metrics: ${(err as Error).message}` };
    }
  }
}

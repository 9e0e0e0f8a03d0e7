import { randomUUID } from 'node:crypto';
import type { MetricsReader, MetricsRecorder, PluginContext } from '@platform/sdk';
import { AlertRuleEntity, type AlertRule } from '../rules/alert-rule-entity.ts';
import { loadInstances, saveInstances, deleteInstances } from '../instances/instance-store.ts';
import { appendHistory } from '../instances/history-store.ts';
import { activeSilences, endSilences } from '../silences/silence-store.ts';
import { enqueueDeliveries } from '../delivery/delivery-store.ts';
import type { AlertChannels } from '../delivery/alert-channels.ts';
import type { DeliveryDispatcher } from '../delivery/delivery-dispatcher.ts';
import { activeMaintenanceWindows } from '../muting/maintenance-lookup.ts';
import type { AlertsOptions } from '../alerts-options.ts';
import { computeTick, type TickOutcome } from './tick-computation.ts';
import { windowStart } from './rule-observations.ts';
import { claimGeneration, readGeneration } from './evaluator-generation.ts';

export interface TickReport {
  at: string;
  skipped: boolean;
  durationMs: number;
  counts: TickOutcome['counts'];
  deliveriesQueued: number;
}

/**
 * An evaluation: read the rules, alerts, silences, maintenance windows and the metric series (no
 * transaction held while reading), compute the tick, then write it in one transaction that commits only
 * if nothing else evaluated or acted meanwhile. Fresh notifications are sent right after.
 */
export class AlertEvaluator {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly deps: {
      ctx: PluginContext;
      metrics: () => MetricsReader;
      channels: AlertChannels;
      dispatcher: DeliveryDispatcher;
      recorder: MetricsRecorder;
      options: AlertsOptions;
    },
  ) {}

  /** Evaluates every rule now (evaluations on this instance run one at a time). */
  evaluate(): Promise<TickReport> {
    const run = this.chain.then(() => this.tick());
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async tick(): Promise<TickReport> {
    const { ctx, options } = this.deps;
    const db = ctx.db;
    const started = performance.now();
    const now = options.clock();
    const generation = await readGeneration(db);
    const rules = (await db.system().find(AlertRuleEntity, {})) as AlertRule[];
    const instances = await loadInstances(db);
    const silences = await activeSilences(db, now);
    const maintenance = await activeMaintenanceWindows(ctx, ctx.logger, now);
    const enabled = rules.filter((r) => r.enabled);
    const metrics = [...new Set(enabled.map((r) => r.metric))];
    const widest = Math.max(1, ...enabled.map((r) => r.windowMinutes));
    let series = null;
    let seriesError: string | null = null;
    try {
      series = await this.deps.metrics().seriesOfMany(metrics, { from: windowStart(now, widest), to: now + 1, resolution: 'minute' });
    } catch (err) {
      seriesError = `could not read metrics: ${(err as Error).message}`;
      ctx.logger.error({ err }, 'alert evaluation could not read metrics');
    }
    const outcome = computeTick(
      { rules, instances, silences, maintenance, series, seriesError },
      {
        now,
        baseUrl: ctx.kernel.baseUrl,
        handles: (channel, kind) => this.deps.channels.handles(channel, kind),
        newId: randomUUID,
        resolvedRetentionMs: options.resolvedRetentionDays * 86_400_000,
      },
    );
    let queued = 0;
    const committed = await db.system().transactional(async (em) => {
      if (!(await claimGeneration(db, em, generation, { at: now, durationMs: performance.now() - started }))) return false;
      await saveInstances(db, em, outcome.save);
      await deleteInstances(db, em, outcome.remove);
      await appendHistory(db, em, outcome.history);
      await endSilences(db, em, outcome.resolvedFingerprints, now);
      queued = await enqueueDeliveries(db, em, outcome.deliveries);
      for (const e of outcome.events) await ctx.events.emitDurable(em, e.name, e.payload as never);
      return true;
    });
    if (!committed) ctx.logger.info({ generation }, 'alert evaluation skipped: a concurrent evaluation or action won');
    if (committed && queued > 0) await this.deps.dispatcher.runOnce();
    const durationMs = performance.now() - started;
    if (committed) {
      this.deps.recorder.observe('alert_evaluation_ms', durationMs);
      this.deps.recorder.gauge('alerts_firing', outcome.save.filter((i) => i.memory.state === 'firing').length);
    }
    return { at: new Date(now).toISOString(), skipped: !committed, durationMs, counts: outcome.counts, deliveriesQueued: queued };
  }
}

import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { HealthReader } from '@platform/sdk/monitors';
import type { PluginContext } from '@platform/sdk';
import type { HealthOptions } from './health-options.ts';
import { TargetDirectory } from './targets/target-directory.ts';
import { ResultWriter } from './store/result-writer.ts';
import { CheckScheduler } from './schedule/check-scheduler.ts';
import { HealthViews } from './views/health-views.ts';
import { createPushMonitor } from './push/push-monitor.ts';
import { StateSnapshot } from './store/state-snapshot.ts';

/** Everything the health plugin runs on one instance, wired together in `boot()`. */
export class HealthRuntime implements HealthReader {
  readonly instanceId: string;
  readonly directory: TargetDirectory;
  readonly writer: ResultWriter;
  readonly scheduler: CheckScheduler;
  readonly views: HealthViews;
  readonly snapshot: StateSnapshot;

  constructor(readonly ctx: PluginContext, readonly options: HealthOptions) {
    this.instanceId = options.instanceId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    const push = createPushMonitor(ctx.db, options.clock, () => options.tierIntervalSeconds.critical * 1000);
    this.directory = new TargetDirectory({ db: ctx.db, extensions: ctx.extensions, tenants: ctx.tenants, logger: ctx.logger, options, builtIns: () => [push] });
    this.snapshot = new StateSnapshot({
      db: ctx.db,
      broadcast: ctx.broadcast,
      instanceId: this.instanceId,
      options: { peerReloadMs: options.snapshotPeerReloadMs, maxAgeMs: options.snapshotMaxAgeMs },
    });
    this.writer = new ResultWriter({
      db: ctx.db,
      events: ctx.events,
      logger: ctx.logger,
      instanceId: this.instanceId,
      flushMs: options.flushMs,
      onStates: (changes) => this.scheduler.onStates(changes),
      onCommitted: (rows) => {
        this.snapshot.apply(rows);
        this.snapshot.announce();
      },
    });
    this.scheduler = new CheckScheduler({
      db: ctx.db,
      logger: ctx.logger,
      options,
      directory: this.directory,
      writer: this.writer,
      instanceId: this.instanceId,
      onBeat: (at) => this.snapshot.noteBeat(at),
    });
    this.views = new HealthViews({ db: ctx.db, directory: this.directory, tenants: ctx.tenants, snapshot: this.snapshot, options });
  }

  overview() {
    return this.views.overview();
  }

  dailyUptime(monitorId: string, days: number, targetKey?: string) {
    return this.views.dailyUptime(monitorId, days, targetKey);
  }

  /** Runs matching targets now and waits for their results to be written. */
  runNow(filter?: Parameters<CheckScheduler['runNow']>[0]) {
    return this.scheduler.runNow(filter);
  }

  start(): void {
    this.scheduler.start();
  }

  async stop(): Promise<void> {
    await this.scheduler.stop();
    await this.directory.idle();
    this.snapshot.close();
  }
}

import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { PluginContext } from '@platform/sdk';
import { LoggingConfig } from './settings/logging-settings.ts';
import { LoggingMetrics } from './metrics/logging-metrics.ts';
import { PartitionMaintenance } from './storage/partition-maintenance.ts';
import { PostgresLogSink } from './storage/postgres-log-sink.ts';
import { DebugWindowStore, DEBUG_WINDOWS_CHANNEL } from './debug/debug-window-store.ts';
import { ErrorAggregator } from './errors/error-aggregator.ts';
import { ErrorGroupStore } from './errors/error-group-store.ts';
import { LiveTailHub } from './tail/live-tail-hub.ts';
import { LiveTailRelay } from './tail/live-tail-relay.ts';

export const CONFIG_CHANNEL = 'logging.config';
const RELOAD_MS = 60_000;

/** Everything the logging plugin runs on one instance, wired once in `boot()`. */
export class LoggingRuntime {
  readonly instanceId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  readonly config: LoggingConfig;
  readonly metrics = new LoggingMetrics();
  readonly partitions: PartitionMaintenance;
  readonly debug: DebugWindowStore;
  readonly errors: ErrorAggregator;
  readonly groups: ErrorGroupStore;
  readonly hub = new LiveTailHub();
  readonly relay: LiveTailRelay;
  readonly sink: PostgresLogSink;
  private readonly stops: (() => void)[] = [];
  private lastAggregationReport = 0;

  constructor(private readonly ctx: PluginContext) {
    this.config = new LoggingConfig(ctx);
    this.partitions = new PartitionMaintenance(ctx.db);
    this.debug = new DebugWindowStore(ctx.db, ctx.broadcast);
    this.errors = new ErrorAggregator(ctx.db, ctx.events, this.metrics);
    this.groups = new ErrorGroupStore(ctx.db);
    this.relay = new LiveTailRelay({ instanceId: this.instanceId, broadcast: ctx.broadcast, hub: this.hub, debug: this.debug.windows, metrics: this.metrics });
    this.sink = new PostgresLogSink({
      db: ctx.db,
      partitions: this.partitions,
      debug: this.debug.windows,
      errors: this.errors,
      metrics: this.metrics,
      retention: () => this.config.retention,
      onAggregationError: (err) => {
        // At most once a minute: the report is itself a line that goes through this sink.
        if (Date.now() - this.lastAggregationReport < 60_000) return;
        this.lastAggregationReport = Date.now();
        ctx.logger.warn({ action: 'logging.aggregate', err }, 'grouping error lines failed; the lines are stored');
      },
    });
  }

  /** Loads settings and DEBUG windows, makes today's partitions, then starts storing and relaying. */
  async start(): Promise<void> {
    const settings = await this.config.reload();
    await this.partitions.run(settings.retentionDays, settings.partitionsAheadDays);
    await this.debug.load();
    this.stops.push(this.ctx.logging.addSink(this.sink), this.ctx.logging.addSink(this.relay), this.relay.start());
    this.stops.push(this.ctx.broadcast.subscribe(CONFIG_CHANNEL, () => void this.reload()));
    this.stops.push(this.ctx.broadcast.subscribe(DEBUG_WINDOWS_CHANNEL, () => void this.debug.load().catch(() => undefined)));
    const timer = setInterval(() => void this.reload(), RELOAD_MS);
    timer.unref();
    this.stops.push(() => clearInterval(timer));
  }

  /** Settings and DEBUG windows again (after a change on any instance, and every minute). */
  async reload(): Promise<void> {
    try {
      await this.config.reload();
      await this.debug.load();
    } catch (err) {
      this.ctx.logger.warn({ action: 'logging.reload', err }, 'reloading logging settings failed');
    }
  }

  /** Ends the streams, writes what is buffered, then detaches from the pipeline. */
  async stop(): Promise<void> {
    this.hub.closeAll();
    await this.ctx.logging.flush();
    for (const stop of this.stops.splice(0).reverse()) stop();
  }
}

import type { Database, Logger } from '@platform/sdk';
import type { MetricsRecorder } from '@platform/sdk/metrics';
import type { AlertChannels } from './alert-channels.ts';
import { claimDueDeliveries, recordAttempt, type ClaimedDelivery } from './delivery-store.ts';
import { afterAttempt, type BackoffPolicy } from './retry-backoff.ts';

export interface DispatcherOptions {
  policy: BackoffPolicy;
  clock: () => number;
  /** How long a claimed delivery is reserved for this instance. */
  leaseMs: number;
  batchSize: number;
}

/**
 * Works the delivery outbox: claims due deliveries, sends each through its channel (no transaction is
 * held while a channel talks to the outside world), records the attempt, and schedules a retry with
 * exponential backoff or gives up. Runs from the delivery job, and right after each evaluation.
 */
export class DeliveryDispatcher {
  private running: Promise<number> | null = null;
  private again = false;

  constructor(private readonly deps: { db: Database; channels: AlertChannels; logger: Logger; metrics: MetricsRecorder; options: DispatcherOptions }) {}

  /** Sends everything due now; resolves with the number of attempts made. */
  runOnce(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let total = 0;
      try {
        do {
          this.again = false;
          for (;;) {
            const claimed = await claimDueDeliveries(this.deps.db, this.deps.options.clock(), this.deps.options.leaseMs, this.deps.options.batchSize);
            if (claimed.length === 0) break;
            await Promise.all(claimed.map((d) => this.attempt(d)));
            total += claimed.length;
          }
        } while (this.again);
      } catch (err) {
        this.deps.logger.error({ err }, 'alert delivery pass failed');
      } finally {
        this.running = null;
      }
      return total;
    })();
    return this.running;
  }

  private async attempt(d: ClaimedDelivery): Promise<void> {
    const { clock, policy } = this.deps.options;
    const number = d.attempts + 1;
    const startedAt = clock();
    const t0 = performance.now();
    const result = await this.deps.channels.send(d.channel, { ...d.payload, deliveryId: d.id }, number);
    const durationMs = performance.now() - t0;
    const verdict = afterAttempt(result, number, policy);
    this.deps.metrics.increment('alert_notifications_total', { channel: d.channel, type: d.kind, status: verdict.status });
    this.deps.metrics.observe('alert_delivery_ms', durationMs, { channel: d.channel });
    if (verdict.status !== 'delivered') this.deps.logger.warn({ delivery: d.id, channel: d.channel, attempt: number, detail: result.detail, verdict }, 'alert delivery attempt failed');
    try {
      await recordAttempt(this.deps.db, d, { number, startedAt, durationMs, ok: result.ok, status: result.status, detail: result.detail }, verdict, clock());
    } catch (err) {
      // The lease runs out and the delivery is tried again: at least once, never lost.
      this.deps.logger.error({ err, delivery: d.id }, 'could not record an alert delivery attempt');
    }
  }
}

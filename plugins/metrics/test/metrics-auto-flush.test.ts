import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { definePlugin } from '@platform/sdk';
import { METRIC_SAMPLES_WRITTEN, metricsRecorder, type MetricsRecorder } from '@platform/sdk/metrics';
import { createMetricsPlugin } from '../src/index.ts';
import { resolveMetricsOptions } from '../src/metrics-options.ts';

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
async function waitFor<T>(check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('metrics flush timer', () => {
  it('flushes every second by default', () => {
    expect(resolveMetricsOptions()).toMatchObject({ autoFlush: true, flushMs: 1_000 });
  });

  describe('with autoFlush on', () => {
    let t: TestKernel;
    const flushMs = 200;
    const metrics = createMetricsPlugin({ processMetrics: false, flushMs });
    const written: string[][] = [];
    // A plugin recording through the SDK, as an application would.
    let recorder: MetricsRecorder | null = null;
    const app = definePlugin({ name: 'app', version: '1.0.0', kernel: '^0.1.0', boot: (ctx) => void (recorder = metricsRecorder(ctx)) });
    beforeAll(async () => {
      t = await createTestKernel({ plugins: [metrics, app] });
      t.kernel.services.events.on(METRIC_SAMPLES_WRITTEN, (e) => void written.push((e as { metrics: string[] }).metrics));
    });
    afterAll(async () => t?.close());

    it('writes a sample recorded through the SDK service without a manual flush, and announces it', async () => {
      recorder!.gauge('queue_depth', 42, { queue: 'auto-flush' });
      // Generous: the timer writes it within `flushMs`; a loaded machine may take longer.
      const row = await waitFor(async () => {
        const [r] = await t.sql<{ last: number }>(`SELECT last FROM system_metrics_minute WHERE metric_name = 'queue_depth' AND dimensions->>'queue' = 'auto-flush'`);
        return r;
      }, 10_000);
      expect(Number(row.last)).toBe(42);
      expect(written.some((m) => m.includes('queue_depth'))).toBe(true);
    });
  });
});

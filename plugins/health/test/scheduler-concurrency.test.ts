import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import { createHealthPlugin } from '../src/index.ts';
import { checkGauge, manualClock, scriptedMonitorPlugin } from '../testing/scripted-monitor.ts';

/** The scheduler's bounded queue: with concurrency 2, five slow checks due at once run two at a time. */
describe('health scheduler: bounded concurrency', () => {
  const DELAY_MS = 150;
  const clock = manualClock(Math.floor(Date.now() / 60_000) * 60_000);
  const health = createHealthPlugin({ autoStart: false, clock: clock.now, concurrency: 2, heartbeatMs: 1000, stateSyncMs: 1_000_000, instanceId: 'bounded' });
  const gauge = checkGauge();
  const monitors = ['slow-a', 'slow-b', 'slow-c', 'slow-d', 'slow-e'].map((id) => scriptedMonitorPlugin(id, { tier: 'critical', gauge }));
  let t: TestKernel;

  beforeAll(async () => {
    for (const m of monitors) m.set({ delayMs: DELAY_MS });
    t = await createTestKernel({ plugins: [health, ...monitors.map((m) => m.plugin)] });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs at most 2 checks at once and queues the rest', async () => {
    const scheduler = health.runtime().scheduler;
    const started = performance.now();
    await scheduler.tick(); // all five are due now (never checked): claimed and handed to the queue at once

    const samples: { running: number; queued: number }[] = [];
    const sampler = setInterval(() => samples.push(scheduler.queueState()), 5);
    try {
      await new Promise((r) => setTimeout(r, 20));
      expect(scheduler.queueState()).toEqual({ running: 2, queued: 3 });
      expect(gauge.running).toBe(2);
      await scheduler.settle();
    } finally {
      clearInterval(sampler);
    }
    const elapsed = performance.now() - started;

    expect(gauge.peak).toBe(2);
    expect(gauge.started).toBe(5);
    expect(Math.max(...samples.map((s) => s.running))).toBe(2);
    expect(samples.some((s) => s.queued > 0)).toBe(true);
    // Five checks, two at a time: three waves, never all at once.
    expect(elapsed).toBeGreaterThanOrEqual(3 * DELAY_MS - 10);
    expect(scheduler.queueState()).toEqual({ running: 0, queued: 0 });
    const rows = await t.sql<{ monitor_id: string; status: string }>(`SELECT monitor_id, status FROM health_check_history WHERE monitor_id LIKE 'slow-%' ORDER BY monitor_id`);
    expect(rows.map((r) => r.monitor_id)).toEqual(['slow-a', 'slow-b', 'slow-c', 'slow-d', 'slow-e']);
    expect(rows.every((r) => r.status === 'healthy')).toBe(true);
    expect(scheduler.metrics.checksCompleted).toBe(5);
  });
});

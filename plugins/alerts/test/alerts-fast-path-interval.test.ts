import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { definePlugin } from '@platform/sdk';
import { metricsRecorder, type MetricsRecorder } from '@platform/sdk/metrics';
import { startAlertsHarness, type AlertsHarness } from './support/alerts-harness.ts';
import { FastPathThrottle } from '../src/evaluation/fast-path-throttle.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rule = (over: Record<string, unknown>) => ({ aggregation: 'last', condition: 'gt', threshold: 100, windowMinutes: 1, forMinutes: 0, groupBy: ['route'], channels: ['webhook'], severity: 'warning', ...over });
const firingRoutes = (h: AlertsHarness) => h.webhook.requests.map((r) => r.json<any>()).filter((p) => p.status === 'firing').flatMap((p) => p.alerts.map((a: any) => a.labels.route));

/** The fast path's minimum interval: a metric written on every flush is evaluated at most once per interval, and nothing written meanwhile is lost. */
describe('fast-path minimum interval per metric', () => {
  const INTERVAL = 300;
  let h: AlertsHarness;
  beforeAll(async () => {
    h = await startAlertsHarness({ alerts: { evaluateOnWrite: true, fastPathMinIntervalMs: INTERVAL } });
  });
  afterAll(async () => h?.close());
  afterEach(() => vi.restoreAllMocks());

  it('holds a busy metric between evaluations, and evaluates a breach written while it is held', async () => {
    await h.createRule(rule({ name: 'Busy route hot', metric: 'busy_metric' }));
    const starts: number[] = [];
    const started = FastPathThrottle.prototype.started;
    vi.spyOn(FastPathThrottle.prototype, 'started').mockImplementation(function (this: FastPathThrottle, metrics: Iterable<string>) {
      const list = [...metrics];
      if (list.includes('busy_metric')) starts.push(this.clock());
      return started.call(this, list);
    });
    const runtime = h.metrics.runtime();
    const began = performance.now();
    // A flush every ~20 ms, each writing the busy metric (well under its threshold).
    while (performance.now() - began < 4 * INTERVAL) {
      runtime.recorder.gauge('busy_metric', 10, { route: '/steady' });
      void runtime.flush();
      await sleep(20);
    }
    // The breach is written right after a busy write: most likely while the metric is held.
    runtime.recorder.gauge('busy_metric', 500, { route: '/hot' });
    await runtime.flush();
    await h.alerts.runtime().evaluator.settled();
    const elapsed = performance.now() - began;

    expect(firingRoutes(h)).toEqual(['/hot']);
    expect(starts.length).toBeGreaterThanOrEqual(2);
    expect(starts.length).toBeLessThanOrEqual(Math.floor(elapsed / INTERVAL) + 1);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(INTERVAL);
    expect(h.alerts.runtime().evaluator.fastPathStats().held).toBeGreaterThan(0);
  });
});

/** End to end with the real flush timer: a sample recorded through the SDK notifies without any manual flush or evaluation. */
describe('breach to notification with the metrics flush timer', () => {
  let h: AlertsHarness;
  let recorder: MetricsRecorder | null = null;
  const app = definePlugin({ name: 'app', version: '1.0.0', kernel: '^0.1.0', boot: (ctx) => void (recorder = metricsRecorder(ctx)) });
  beforeAll(async () => {
    h = await startAlertsHarness({ metrics: { autoFlush: true, flushMs: 200 }, alerts: { evaluateOnWrite: true }, extraPlugins: [app] });
  });
  afterAll(async () => h?.close());

  it('notifies the webhook after the flush timer writes the breaching sample', async () => {
    await h.createRule(rule({ name: 'Checkout slow', metric: 'checkout_ms', groupBy: [] }));
    recorder!.gauge('checkout_ms', 900);
    // Generous: the timer writes within flushMs, the fast path evaluates at once; a loaded machine may be slower.
    const deadline = Date.now() + 15_000;
    while (!h.webhook.requests.length && Date.now() < deadline) await sleep(20);
    expect(h.webhook.requests).toHaveLength(1);
    expect(h.webhook.requests[0]!.json<any>()).toMatchObject({ status: 'firing', alerts: [{ labels: expect.objectContaining({ alertname: 'Checkout slow' }) }] });
  });
});

import { createTestKernel, startFakeHttpServer, type FakeHttpServer, type TestKernel, type TestKernelOptions } from '@platform/sdk/testing';
import { MAINTENANCE_WINDOWS, type ActiveMaintenanceWindow, type MaintenanceWindowReader } from '@platform/sdk/maintenance';
import { definePlugin, type PluginManifest } from '@platform/sdk';
import { createMetricsPlugin, type MetricsOptions, type MetricsPlugin } from '@platform/plugin-metrics';
import slack from '@platform/plugin-alert-channel-slack';
import webhook from '@platform/plugin-alert-channel-webhook';
import pagerduty from '@platform/plugin-alert-channel-pagerduty';
import email from '@platform/plugin-alert-channel-email';
import { createAlertsPlugin, type AlertsOptions, type AlertsPlugin } from '../../src/index.ts';
import { TestClock } from './test-clock.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

export const WEBHOOK_SECRET = 'webhook-secret-0123456789abcdef';
export const ROUTING_KEY = 'pd-routing-key-0123456789';

/** Stands in for the status plugin's maintenance windows. */
export function fakeStatusPlugin(windows: ActiveMaintenanceWindow[]): PluginManifest {
  return definePlugin({
    name: 'fake-status',
    version: '1.0.0',
    kernel: '^0.1.0',
    register(ctx) {
      const reader: MaintenanceWindowReader = { activeWindows: async (at) => windows.filter((w) => Date.parse(w.startsAt) <= at.getTime() && at.getTime() < Date.parse(w.endsAt)) };
      ctx.provide(MAINTENANCE_WINDOWS, reader);
    },
  });
}

export interface AlertsHarness {
  t: TestKernel;
  clock: TestClock;
  metrics: MetricsPlugin;
  alerts: AlertsPlugin;
  slack: FakeHttpServer;
  webhook: FakeHttpServer;
  pagerduty: FakeHttpServer;
  smtp: SmtpSink;
  /** Records a gauge value now, flushes, and evaluates. */
  observe(metric: string, value: number, dims?: Record<string, string>): Promise<void>;
  evaluate(): ReturnType<ReturnType<AlertsPlugin['runtime']>['evaluator']['evaluate']>;
  createRule(rule: Record<string, unknown>): Promise<{ id: string } & Record<string, unknown>>;
  close(): Promise<void>;
}

/** A kernel with metrics, alerts and the four channel plugins pointed at local fake servers, on a hand-moved clock (flushes and evaluations by hand: no flush timer unless `metrics` turns it on, no fast path unless `alerts` does). */
export async function startAlertsHarness(opts: { alerts?: Partial<AlertsOptions>; metrics?: Partial<MetricsOptions>; extraPlugins?: PluginManifest[]; kernel?: TestKernelOptions; clock?: TestClock; servers?: Partial<Pick<AlertsHarness, 'slack' | 'webhook' | 'pagerduty' | 'smtp'>> } = {}): Promise<AlertsHarness> {
  const clock = opts.clock ?? new TestClock();
  const ok = (_req: unknown, res: import('node:http').ServerResponse) => void res.end('ok');
  const slackServer = opts.servers?.slack ?? (await startFakeHttpServer(ok));
  const webhookServer = opts.servers?.webhook ?? (await startFakeHttpServer(ok));
  const pagerdutyServer = opts.servers?.pagerduty ?? (await startFakeHttpServer((_req, res) => {
    res.statusCode = 202;
    res.end('{"status":"success"}');
  }));
  const smtp = opts.servers?.smtp ?? (await startSmtpSink());
  const metrics = createMetricsPlugin({ autoFlush: false, processMetrics: false, clock: clock.read, ...opts.metrics });
  // Ticks only (the tests drive them), unless a test turns the fast path on.
  const alerts = createAlertsPlugin({ clock: clock.read, backoff: { baseMs: 30_000, maxMs: 120_000, maxAttempts: 4 }, evaluateOnWrite: false, ...opts.alerts });
  const t = await createTestKernel({ ...opts.kernel, plugins: [metrics, alerts, slack, webhook, pagerduty, email, ...(opts.extraPlugins ?? [])] });
  const put = async (plugin: string, values: Record<string, unknown>) => {
    const res = await t.inject({ method: 'PUT', url: `/api/plugins/${plugin}/settings`, payload: values });
    if (res.statusCode !== 200) throw new Error(`settings of ${plugin}: ${res.body}`);
  };
  await put('alert-channel-slack', { webhookUrl: `${slackServer.url}/services/T/B/x` });
  await put('alert-channel-webhook', { url: `${webhookServer.url}/am`, secret: WEBHOOK_SECRET });
  await put('alert-channel-pagerduty', { routingKey: ROUTING_KEY, baseUrl: pagerdutyServer.url });
  await put('alert-channel-email', { host: '127.0.0.1', port: smtp.port, security: 'none', from: 'alerts@example.com', to: ['oncall@example.com'] });
  return {
    t,
    clock,
    metrics,
    alerts,
    slack: slackServer,
    webhook: webhookServer,
    pagerduty: pagerdutyServer,
    smtp,
    async observe(metric, value, dims = {}) {
      metrics.runtime().recorder.gauge(metric, value, dims);
      await metrics.runtime().flush();
    },
    evaluate: () => alerts.runtime().evaluator.evaluate(),
    async createRule(rule) {
      const res = await t.inject({ method: 'POST', url: '/api/alerts/rules', payload: rule });
      if (res.statusCode !== 201) throw new Error(`rule: ${res.body}`);
      return res.json();
    },
    async close() {
      await t.close();
      if (!opts.servers) await Promise.all([slackServer.close(), webhookServer.close(), pagerdutyServer.close(), smtp.close()]);
    },
  };
}

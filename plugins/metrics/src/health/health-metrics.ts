import { HEALTH_SERVICE, type HealthReader, type HealthStatusChanged } from '@platform/sdk/monitors';
import { optionalService } from '@platform/sdk/alerts';
import { type MetricsRecorder } from '@platform/sdk/metrics';
import { type PluginContext } from '@platform/sdk';
import { HEALTH_OVERALL_UP, HEALTH_RESPONSE_TIME_MS, HEALTH_STATUS_CHANGES_TOTAL, HEALTH_UP, healthStatusValue, overallStatusValue } from './health-status-values.ts';

/** Records one `health.status_changed` event: a change counter, and the new status and response time as gauges. */
export function recordHealthChange(recorder: MetricsRecorder, change: HealthStatusChanged): void {
  const opts = { tenantId: change.tenantId };
  recorder.increment(HEALTH_STATUS_CHANGES_TOTAL, { monitor: change.monitorId, status: change.to }, 1, opts);
  const up = healthStatusValue(change.to);
  if (up !== null) recorder.gauge(HEALTH_UP, up, { monitor: change.monitorId }, opts);
  if (change.responseTimeMs !== null) recorder.gauge(HEALTH_RESPONSE_TIME_MS, change.responseTimeMs, { monitor: change.monitorId }, opts);
}

/** Samples the health overview (every platform component's current status) into gauges. */
export async function sampleHealthOverview(recorder: MetricsRecorder, reader: HealthReader): Promise<number> {
  const overview = await reader.overview();
  let sampled = 0;
  const overall = overallStatusValue(overview.status);
  if (overall !== null) recorder.gauge(HEALTH_OVERALL_UP, overall);
  for (const c of overview.components) {
    const up = healthStatusValue(c.status);
    if (up === null) continue;
    recorder.gauge(HEALTH_UP, up, { monitor: c.id });
    if (c.responseTimeMs !== null) recorder.gauge(HEALTH_RESPONSE_TIME_MS, c.responseTimeMs, { monitor: c.id });
    sampled++;
  }
  return sampled;
}

/**
 * Health results as metrics: status changes from the durable `health.status_changed` event (platform
 * and per-tenant monitors), and every minute a sample of the current platform components from the
 * health service, so `health_up` has a point each minute for alert rules. Both do nothing when the
 * health plugin is not installed.
 */
export function recordHealthAsMetrics(ctx: PluginContext, recorder: MetricsRecorder, flush: () => Promise<void>): void {
  ctx.events.subscribe('metrics.health-status', 'health.status_changed', async (payload) => {
    recordHealthChange(recorder, payload as unknown as HealthStatusChanged);
  });
  ctx.jobs.define({
    name: 'health-sample',
    everySeconds: 60,
    async handler() {
      const reader = optionalService<HealthReader>(ctx, HEALTH_SERVICE);
      if (!reader) return;
      if ((await sampleHealthOverview(recorder, reader)) > 0) await flush();
    },
  });
}

import { fileURLToPath } from 'node:url';
import { definePlugin, type PluginManifest } from '@platform/sdk';
import { METRICS_SERVICE } from '@platform/sdk/metrics';
import { resolveMetricsOptions, type MetricsOptions } from './metrics-options.ts';
import { MetricsRuntime } from './metrics-runtime.ts';
import { SloEntity } from './slo/slo-entity.ts';
import { createRequestObserver } from './requests/request-observer.ts';
import { recordHealthAsMetrics } from './health/health-metrics.ts';
import { applyMetricRetention } from './store/metric-retention.ts';
import { addQueryRoutes } from './routes/query-routes.ts';
import { addOverviewRoutes } from './routes/overview-routes.ts';
import { addSloRoutes } from './routes/slo-routes.ts';
import { addPrometheusRoutes } from './routes/prometheus-routes.ts';
import { addTenantRoutes } from './routes/tenant-routes.ts';
import { metricsDataDeclarations } from './data-declarations.ts';
import { contributeSloDigestSection } from './digest/slo-digest-section.ts';
import { contributeRequestKpis } from './kpis/request-kpis.ts';

export type { MetricsOptions } from './metrics-options.ts';
export type { MetricsRuntime } from './metrics-runtime.ts';
export { normalizeRoute, statusClass } from './requests/route-normalization.ts';

/** The manifest plus a handle on this instance's runtime (tests flush with it). */
export type MetricsPlugin = PluginManifest & { runtime(): MetricsRuntime };

/**
 * Metrics. Observes every API response (count + latency histogram by route template, method and status
 * class, per tenant), provides the SDK `metrics` service (record and read), stores per-minute and hourly
 * aggregates behind a cardinality guard, records health results, exposes Prometheus text at
 * `GET /api/metrics/prometheus` and computes SLOs with error budgets.
 */
export function createMetricsPlugin(given: Partial<MetricsOptions> = {}): MetricsPlugin {
  const options = resolveMetricsOptions(given);
  const runtime = new MetricsRuntime(options);
  const plugin = definePlugin({
    name: 'metrics',
    version: '0.1.0',
    description: 'Request metrics, SDK metrics service, minute/hourly storage, Prometheus exposition and SLOs',
    kernel: '^0.1.0',
    permissions: [
      { key: 'metrics.read', label: 'View platform metrics, SLOs and the system health dashboard', scope: 'platform', grantTo: ['admin', 'support', 'read_only'] },
      { key: 'metrics.manage', label: 'Edit SLOs', scope: 'platform', grantTo: ['admin'] },
      { key: 'metrics.prometheus', label: 'Scrape the Prometheus endpoint (give it to a scraper API key)', scope: 'platform', grantTo: ['admin'] },
      { key: 'metrics.tenant.read', label: "View one's own tenant API metrics", scope: 'tenant', grantTo: ['admin', 'support', 'read_only', 'tenant_admin'] },
    ],
    entities: [SloEntity],
    migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
    data: metricsDataDeclarations,
    nav: [
      { id: 'metrics.system-health', label: 'System health', path: '/system-health', icon: 'Speed', section: 'operations', order: 5, permission: 'metrics.read' },
      { id: 'metrics.slos', label: 'SLOs', path: '/metrics/slos', icon: 'Verified', section: 'operations', order: 6, permission: 'metrics.read' },
      { id: 'metrics.explorer', label: 'Metrics explorer', path: '/metrics/explorer', icon: 'Insights', section: 'operations', order: 7, permission: 'metrics.read' },
    ],
    register(ctx) {
      ctx.provide(METRICS_SERVICE, runtime.service());
    },
    boot(ctx) {
      contributeRequestKpis(ctx);
      contributeSloDigestSection(ctx);
      runtime.boot(ctx);
      ctx.http.onResponse(createRequestObserver(runtime.recorder, runtime.errors, { maxUnmatchedRoutes: options.maxUnmatchedRoutes }));
      recordHealthAsMetrics(ctx, runtime.recorder, () => runtime.flush());
      ctx.jobs.define({
        name: 'retention',
        everySeconds: 3600,
        handler: async (job) => void (await applyMetricRetention(ctx.db, job.em, options, options.clock())),
      });
      addQueryRoutes(ctx, runtime.reader, options.clock);
      addOverviewRoutes(ctx, options.clock);
      addSloRoutes(ctx, options.clock);
      addPrometheusRoutes(ctx, runtime.prometheus);
      addTenantRoutes(ctx, options.clock);
    },
    async shutdown() {
      await runtime.stop();
    },
  });
  return Object.assign(plugin, { runtime: () => runtime });
}

export default createMetricsPlugin();

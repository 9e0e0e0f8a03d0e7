import { fileURLToPath } from 'node:url';
import { definePlugin, type PluginManifest } from '@platform/sdk';
import { HEALTH_SERVICE, MONITORS, type HealthReader } from '@platform/sdk/monitors';
import { resolveHealthOptions, type HealthOptions } from './health-options.ts';
import { HealthRuntime } from './health-runtime.ts';
import { defineHealthJobs } from './health-jobs.ts';
import { PushMonitorEntity } from './push/push-monitor-entity.ts';
import { addOverviewRoutes } from './routes/overview-routes.ts';
import { addServiceRoutes } from './routes/service-routes.ts';
import { addTenantRoutes } from './routes/tenant-routes.ts';
import { addHistoryRoutes } from './routes/history-routes.ts';
import { addMonitorSettingsRoutes } from './routes/monitor-settings-routes.ts';
import { addPushRoutes } from './routes/push-routes.ts';
import './health-events.ts';
import { healthDataDeclarations } from './data-declarations.ts';
import { contributeFailingMonitorsSignal } from './health-score/failing-monitors-signal.ts';
import { contributePlatformHealthDigestSection } from './digest/platform-health-digest-section.ts';

export type { HealthOptions } from './health-options.ts';
export type { HealthRuntime } from './health-runtime.ts';
export type { TargetView } from './views/target-view.ts';
export { applyThresholds, resolveThresholds } from './status/response-time-thresholds.ts';

/** The manifest plus a handle on the running instance (tests and the benchmark drive it). */
export type HealthPlugin = PluginManifest & { runtime(): HealthRuntime };

/**
 * Health monitoring. Owns the MONITORS extension point; monitor plugins (`dependsOn: ['health']`)
 * contribute `defineMonitor(...)`. Runs the scheduler, keeps history with rollups and retention,
 * serves `/api/health/*`, and provides the `health` service (HealthReader) to the status page.
 */
export function createHealthPlugin(given: Partial<HealthOptions> = {}): HealthPlugin {
  const options = resolveHealthOptions(given);
  let runtime: HealthRuntime | null = null;
  const plugin = definePlugin({
    name: 'health',
    version: '0.1.0',
    description: 'Service monitors, scheduler, thresholds, history and the health API',
    kernel: '^0.1.0',
    permissions: [
      { key: 'health.read', label: 'View platform and tenant health', scope: 'platform', grantTo: ['admin', 'support', 'read_only'] },
      { key: 'health.manage', label: 'Edit monitor thresholds, push monitors; run checks', scope: 'platform', grantTo: ['admin'] },
      { key: 'health.tenant.read', label: "View one's own tenant health", scope: 'tenant', grantTo: ['admin', 'support', 'read_only', 'tenant_admin', 'tenant_member'] },
    ],
    entities: [PushMonitorEntity],
    migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
    data: healthDataDeclarations,
    nav: [
      { id: 'health.matrix', label: 'Health', path: '/health', icon: 'MonitorHeart', section: 'operations', order: 10, permission: 'health.read' },
      { id: 'health.monitors', label: 'Monitors & thresholds', path: '/health/monitors', icon: 'Tune', section: 'operations', order: 11, permission: 'health.read' },
      { id: 'health.tenant', label: 'Service health', path: '/health/tenant', icon: 'MonitorHeart', section: 'operations', order: 10, permission: 'health.tenant.read', audience: 'tenant' },
      { id: 'health.push-monitors', label: 'Heartbeats', path: '/health/push-monitors', icon: 'Timer', section: 'operations', order: 12, permission: 'health.read' },
    ],
    register(ctx) {
      ctx.extensions.declare(MONITORS);
      const reader: HealthReader = {
        overview: () => live().overview(),
        dailyUptime: (monitorId, days, targetKey) => live().dailyUptime(monitorId, days, targetKey),
      };
      ctx.provide(HEALTH_SERVICE, reader);
    },
    boot(ctx) {
      contributePlatformHealthDigestSection(ctx);
      runtime = new HealthRuntime(ctx, options);
      const rt = runtime;
      addOverviewRoutes(ctx, rt);
      addServiceRoutes(ctx, rt);
      addTenantRoutes(ctx, rt);
      addHistoryRoutes(ctx, rt);
      addMonitorSettingsRoutes(ctx, rt);
      addPushRoutes(ctx, options.clock, () => rt.directory.invalidate());
      defineHealthJobs(ctx, rt);
      contributeFailingMonitorsSignal(ctx);
      // Monitor plugins contribute in their own boot(), after this one: start once everyone booted.
      if (options.autoStart) setTimeout(() => rt.start(), 0).unref();
    },
    async shutdown() {
      await runtime?.stop();
    },
  });
  const live = () => {
    if (!runtime) throw new Error('the health plugin has not booted');
    return runtime;
  };
  return Object.assign(plugin, { runtime: live });
}

export default createHealthPlugin();

import { definePlugin, ProblemError } from '@platform/sdk';
import { HEALTH_SERVICE, type HealthOverview, type HealthReader } from '@platform/sdk/monitors';
import { metricsRecorder } from '@platform/sdk/metrics';

/** A plugin that records SDK metrics, answers 500 on demand and stands in for the health service. */
export function createProbePlugin(overview: () => HealthOverview) {
  return definePlugin({
    name: 'probe',
    version: '1.0.0',
    kernel: '^0.1.0',
    permissions: [{ key: 'probe.use', label: 'Use the probe', scope: 'tenant', grantTo: ['tenant_admin', 'tenant_member', 'admin'] }],
    register(ctx) {
      const reader: HealthReader = { overview: async () => overview(), dailyUptime: async () => [] };
      ctx.provide(HEALTH_SERVICE, reader);
    },
    boot(ctx) {
      const metrics = metricsRecorder(ctx);
      ctx.routes.add({ method: 'GET', url: '/ok', permission: 'probe.use', handler: async () => ({ ok: true }) });
      ctx.routes.add({
        method: 'GET',
        url: '/fail',
        permission: 'probe.use',
        handler: async () => {
          throw new ProblemError(503, 'upstream_down', 'the upstream is down');
        },
      });
      ctx.routes.add({
        method: 'POST',
        url: '/webhook',
        permission: 'probe.use',
        tenantScoped: false,
        handler: async () => {
          metrics.increment('webhook_events_total', { provider: 'stripe', status: 'ok' });
          metrics.increment('webhook_events_total', { provider: 'stripe', user_id: 'u-1' } as never);
          metrics.observe('build_duration_ms', 1234, { status: 'success' });
          return { recorded: true };
        },
      });
    },
  });
}

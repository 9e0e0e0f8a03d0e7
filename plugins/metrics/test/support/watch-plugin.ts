import { definePlugin, openEventStream, ProblemError } from '@platform/sdk';
import { type HealthOverview, type HealthReader, HEALTH_SERVICE } from '@platform/sdk/monitors';

/**
 * Routes like the console's own traffic: a polled status that answers 503 (a health route during an
 * outage), a live stream that stays open `streamMs` (a live tail), and one ordinary API route.
 */
export function createWatchPlugin(opts: { streamMs: number; overview: () => HealthOverview }) {
  return definePlugin({
    name: 'watch',
    version: '1.0.0',
    kernel: '^0.1.0',
    permissions: [{ key: 'watch.use', label: 'Use the watch routes', scope: 'platform', grantTo: ['admin'] }],
    register(ctx) {
      const reader: HealthReader = { overview: async () => opts.overview(), dailyUptime: async () => [] };
      ctx.provide(HEALTH_SERVICE, reader);
    },
    boot(ctx) {
      ctx.routes.add({
        method: 'GET',
        url: '/status',
        traffic: 'polling',
        permission: 'watch.use',
        tenantScoped: false,
        handler: async () => {
          throw new ProblemError(503, 'outage', 'a monitored service is down');
        },
      });
      ctx.routes.add({
        method: 'GET',
        url: '/tail',
        traffic: 'stream',
        permission: 'watch.use',
        tenantScoped: false,
        handler: async (req, reply) => {
          const stream = openEventStream(req, reply, { maxLifetimeMs: opts.streamMs });
          stream.send('ready', {});
        },
      });
      ctx.routes.add({ method: 'GET', url: '/orders', permission: 'watch.use', tenantScoped: false, handler: async () => ({ orders: [] }) });
    },
  });
}

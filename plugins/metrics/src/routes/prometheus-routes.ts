import type { PlatformReply, PluginContext } from '@platform/sdk';
import type { PrometheusMirror } from '../prometheus/prometheus-mirror.ts';

/**
 * Prometheus exposition of this instance's registry. Not public: the scraper authenticates like any
 * service, with `Authorization: Bearer pk_...` (an API key whose role holds `metrics.prometheus`), which
 * Prometheus' `authorization` scrape setting sends.
 */
export function addPrometheusRoutes(ctx: PluginContext, mirror: PrometheusMirror): void {
  ctx.routes.add({
    method: 'GET',
    url: '/prometheus',
    traffic: 'polling',
    alias: '/metrics',
    permission: 'metrics.prometheus',
    tenantScoped: false,
    schema: { summary: 'Prometheus text exposition (this instance): request counters and latency histograms, SDK metrics, health gauges, process metrics' },
    async handler(_req, reply: PlatformReply) {
      const { contentType, body } = await mirror.exposition();
      reply.header('content-type', contentType);
      reply.header('cache-control', 'no-store');
      return body;
    },
  });
}

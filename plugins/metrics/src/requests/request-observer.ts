import type { MetricsRecorder } from '@platform/sdk/metrics';
import type { ResponseInfo } from '@platform/sdk';
import { normalizeRoute, statusClass } from './route-normalization.ts';
import { API_REQUESTS_TOTAL, API_REQUEST_DURATION_MS, MONITORING_REQUESTS_TOTAL, MONITORING_REQUEST_DURATION_MS, UNMATCHED_OVERFLOW_ROUTE } from './request-metric-names.ts';
import type { ErrorSampleBuffer } from './error-sample-buffer.ts';

/**
 * The response observer: one count and one latency observation per request, by route template (or the
 * normalized path of an unmatched request), method and status class, attributed to the request's tenant.
 * Polling and streams (routes declaring `traffic`) go to the monitoring metrics instead, with the traffic kind as
 * `type`, and give no error samples: the console watching the platform is not API traffic. What no plugin route
 * serves outside `/api/` (the console's files, probes, docs) is not counted at all.
 * Cheap and never throws: it only touches in-memory buffers.
 */
export function createRequestObserver(recorder: MetricsRecorder, errors: ErrorSampleBuffer, opts: { maxUnmatchedRoutes: number }) {
  const unmatched = new Set<string>();
  const routeOf = (info: ResponseInfo): string => {
    if (info.matched) return info.route;
    const normalized = normalizeRoute(info.route);
    if (unmatched.has(normalized)) return normalized;
    if (unmatched.size >= opts.maxUnmatchedRoutes) return UNMATCHED_OVERFLOW_ROUTE;
    unmatched.add(normalized);
    return normalized;
  };
  return (info: ResponseInfo): void => {
    // The console's files, probes and docs are not API requests: they count nowhere.
    if (info.traffic === 'outside_api') return;
    const route = routeOf(info);
    const dimensions = { route, method: info.method, status_class: statusClass(info.statusCode) };
    const opts = { tenantId: info.tenantId };
    if (info.traffic === 'polling' || info.traffic === 'stream') {
      const monitoring = { ...dimensions, type: info.traffic };
      recorder.increment(MONITORING_REQUESTS_TOTAL, monitoring, 1, opts);
      recorder.observe(MONITORING_REQUEST_DURATION_MS, info.durationMs, monitoring, opts);
      return;
    }
    recorder.increment(API_REQUESTS_TOTAL, dimensions, 1, opts);
    recorder.observe(API_REQUEST_DURATION_MS, info.durationMs, dimensions, opts);
    if (info.statusCode >= 500) errors.offer({ route, method: info.method, statusCode: info.statusCode, tenantId: info.tenantId, requestId: info.requestId, durationMs: info.durationMs });
  };
}

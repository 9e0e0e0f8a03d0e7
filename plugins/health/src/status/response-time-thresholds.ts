import { DEFAULT_RESPONSE_TIME_THRESHOLDS, type MonitorResult, type MonitorStatus, type ResponseTimeThresholds } from '@platform/sdk/monitors';

const RANK: Record<MonitorStatus, number> = { healthy: 0, degraded: 1, unhealthy: 2 };

export function worseStatus(a: MonitorStatus, b: MonitorStatus): MonitorStatus {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Healthy below `degradedMs`, degraded up to and including `unhealthyMs`, unhealthy above. */
export function classifyResponseTime(responseTimeMs: number, t: ResponseTimeThresholds): MonitorStatus {
  if (responseTimeMs > t.unhealthyMs) return 'unhealthy';
  if (responseTimeMs >= t.degradedMs) return 'degraded';
  return 'healthy';
}

/** The thresholds in force: operator override, else the monitor's default, else the platform default. */
export function resolveThresholds(monitorDefault: Partial<ResponseTimeThresholds> | undefined, override: Partial<ResponseTimeThresholds> | undefined): ResponseTimeThresholds {
  const pick = (k: keyof ResponseTimeThresholds) => override?.[k] ?? monitorDefault?.[k] ?? DEFAULT_RESPONSE_TIME_THRESHOLDS[k];
  const degradedMs = pick('degradedMs');
  return { degradedMs, unhealthyMs: Math.max(pick('unhealthyMs'), degradedMs) };
}

/** The check's own verdict, made worse when it was slow. */
export function applyThresholds(result: MonitorResult, t: ResponseTimeThresholds): MonitorResult {
  const bySpeed = classifyResponseTime(result.responseTimeMs, t);
  const status = worseStatus(result.status, bySpeed);
  if (status === result.status) return result;
  const limit = bySpeed === 'unhealthy' ? t.unhealthyMs : t.degradedMs;
  return { ...result, status, message: `slow: ${result.responseTimeMs} ms (${bySpeed} above ${limit} ms); ${result.message}` };
}

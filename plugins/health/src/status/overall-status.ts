import type { ObservedStatus, OverallStatus } from '@platform/sdk/monitors';

/**
 * The platform's status from its components (the seed's rules):
 * - operational: every component healthy;
 * - degraded: one or more degraded;
 * - partial_outage: exactly one unhealthy;
 * - major_outage: two or more unhealthy.
 * A component without fresh data (`unknown`) never counts as healthy: it makes the whole at least
 * degraded, and when nothing is known (or there is nothing to know) the status is `unknown`.
 */
export function overallStatus(components: readonly ObservedStatus[]): OverallStatus {
  const count = (s: ObservedStatus) => components.filter((c) => c === s).length;
  const unhealthy = count('unhealthy');
  if (unhealthy >= 2) return 'major_outage';
  if (unhealthy === 1) return 'partial_outage';
  if (components.length === 0 || count('unknown') === components.length) return 'unknown';
  if (count('degraded') > 0 || count('unknown') > 0) return 'degraded';
  return 'operational';
}

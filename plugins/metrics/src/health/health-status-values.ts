import type { ObservedStatus, OverallStatus } from '@platform/sdk/monitors';

/** Health as a number, so alert rules can compare it: healthy 1, degraded 0.5, unhealthy 0, unknown none. */
export function healthStatusValue(status: ObservedStatus): number | null {
  return status === 'healthy' ? 1 : status === 'degraded' ? 0.5 : status === 'unhealthy' ? 0 : null;
}

/** The platform's overall status as a number: operational 1, degraded 0.75, partial outage 0.5, major outage 0. */
export function overallStatusValue(status: OverallStatus): number | null {
  switch (status) {
    case 'operational': return 1;
    case 'degraded': return 0.75;
    case 'partial_outage': return 0.5;
    case 'major_outage': return 0;
    default: return null;
  }
}

export const HEALTH_UP = 'health_up';
export const HEALTH_RESPONSE_TIME_MS = 'health_response_time_ms';
export const HEALTH_STATUS_CHANGES_TOTAL = 'health_status_changes_total';
export const HEALTH_OVERALL_UP = 'health_overall_up';

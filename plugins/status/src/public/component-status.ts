import type { ObservedStatus, OverallStatus } from '@platform/sdk/monitors';
import type { ComponentStatus, IncidentImpact, SystemStatus } from '../status-vocabulary.ts';

const SEVERITY: Record<ComponentStatus, number> = { operational: 0, under_maintenance: 1, unknown: 2, degraded_performance: 3, partial_outage: 4, major_outage: 5 };

export function worseComponentStatus(a: ComponentStatus, b: ComponentStatus): ComponentStatus {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

/** A monitor's status in Statuspage's words. */
export function componentStatusFromHealth(status: ObservedStatus): ComponentStatus {
  switch (status) {
    case 'healthy':
      return 'operational';
    case 'degraded':
      return 'degraded_performance';
    case 'unhealthy':
      return 'major_outage';
    default:
      return 'unknown';
  }
}

/**
 * A component's public status: the monitor's, made worse by open incidents that name it; a component
 * in a maintenance window shows `under_maintenance` unless an incident declares something worse.
 */
export function publicComponentStatus(health: ObservedStatus, incidentStatuses: readonly ComponentStatus[], inMaintenance: boolean): ComponentStatus {
  const declared = incidentStatuses.reduce<ComponentStatus>((acc, s) => worseComponentStatus(acc, s), 'operational');
  if (inMaintenance) return SEVERITY[declared] > SEVERITY.under_maintenance ? declared : 'under_maintenance';
  return worseComponentStatus(componentStatusFromHealth(health), declared);
}

const IMPACT_STATUS: Record<IncidentImpact, SystemStatus> = { none: 'operational', minor: 'degraded', major: 'partial_outage', critical: 'major_outage' };
const SYSTEM_SEVERITY: Record<SystemStatus, number> = { operational: 0, maintenance: 1, unknown: 2, degraded: 3, partial_outage: 4, major_outage: 5 };

/**
 * The public system status: the health plugin's overall status, made worse by open incidents (by
 * impact); during maintenance `maintenance` unless something is worse.
 */
export function publicSystemStatus(health: OverallStatus, openIncidentImpacts: readonly IncidentImpact[], maintenanceMode: boolean): SystemStatus {
  let status: SystemStatus = health;
  for (const impact of openIncidentImpacts) if (SYSTEM_SEVERITY[IMPACT_STATUS[impact]] > SYSTEM_SEVERITY[status]) status = IMPACT_STATUS[impact];
  if (maintenanceMode && SYSTEM_SEVERITY[status] <= SYSTEM_SEVERITY.unknown) return 'maintenance';
  return status;
}

/** HTTP status of the public health endpoint: 503 on an outage (and when nothing is known). */
export function publicHttpStatus(status: SystemStatus): 200 | 503 {
  return status === 'partial_outage' || status === 'major_outage' || status === 'unknown' ? 503 : 200;
}

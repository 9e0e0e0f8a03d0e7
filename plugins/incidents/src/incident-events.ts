import { INCIDENT_STATUS_PAGE_UPDATED, type IncidentStatusPageUpdate } from '@platform/sdk/incidents';
import { statusPageImpact } from './model/severity-levels.ts';
import type { Incident } from './store/incident-store.ts';

declare module '@platform/sdk' {
  interface PlatformEvents {
    'incidents.status_page_updated': IncidentStatusPageUpdate;
  }
}

export { INCIDENT_STATUS_PAGE_UPDATED };

/** What the status plugin publishes for an incident chosen for the status page. */
export function statusPageUpdateOf(incident: Incident, now: number): IncidentStatusPageUpdate {
  return {
    incidentId: incident.id,
    title: incident.title,
    status: incident.status,
    severity: incident.severity,
    impact: statusPageImpact(incident.severity),
    message: incident.statusPageMessage ?? '',
    affectedSystems: incident.affectedSystems,
    affectedTenantIds: incident.affectedTenantIds,
    published: incident.publishToStatusPage,
    startedAt: incident.startedAt,
    resolvedAt: incident.resolvedAt,
    at: new Date(now).toISOString(),
  };
}

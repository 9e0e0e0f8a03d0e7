/**
 * Incidents as other plugins see them: the durable `incidents.status_page_updated` event, emitted when an
 * incident chosen for the status page is created or changes, so the `status` plugin can publish its
 * message (Statuspage's vocabulary: investigating, identified, monitoring, resolved).
 */

export type IncidentStatus = 'investigating' | 'identified' | 'monitoring' | 'resolved';

/** 1 (full outage) to 4 (minor issue). */
export type IncidentSeverity = 1 | 2 | 3 | 4;

/** Payload of `incidents.status_page_updated`. */
export interface IncidentStatusPageUpdate {
  incidentId: string;
  title: string;
  status: IncidentStatus;
  severity: IncidentSeverity;
  /** Statuspage's impact for the severity: SEV1 critical, SEV2 major, SEV3 minor, SEV4 none. */
  impact: 'critical' | 'major' | 'minor' | 'none';
  /** The public message; never internal details. */
  message: string;
  affectedSystems: string[];
  /** Tenants affected; empty means every tenant. */
  affectedTenantIds: string[];
  /** False when the incident was taken off the status page. */
  published: boolean;
  startedAt: string;
  resolvedAt: string | null;
  at: string;
}

export const INCIDENT_STATUS_PAGE_UPDATED = 'incidents.status_page_updated';

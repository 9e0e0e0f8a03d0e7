/** Statuspage's vocabulary, used for incidents, components and the public status. */
export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export type IncidentImpact = (typeof INCIDENT_IMPACTS)[number];

export const COMPONENT_STATUSES = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'] as const;
/** `unknown`: no fresh health data; the page says so rather than claiming "operational". */
export type ComponentStatus = (typeof COMPONENT_STATUSES)[number] | 'unknown';

export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'completed', 'cancelled'] as const;
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];

/** The seed's `systemStatus` vocabulary (plus `unknown` when health data is missing). */
export type SystemStatus = 'operational' | 'degraded' | 'partial_outage' | 'major_outage' | 'maintenance' | 'unknown';

export const isOpenIncident = (status: IncidentStatus) => status !== 'resolved' && status !== 'postmortem';

import { fileURLToPath } from 'node:url';
import { definePlugin, type PluginManifest } from '@platform/sdk';
import { IncidentService } from './service/incident-service.ts';
import { recordLinkedAlertEvents } from './alert-timeline.ts';
import { addIncidentRoutes } from './routes/incident-routes.ts';
import { addReportRoutes } from './routes/report-routes.ts';
import { addTenantRoutes } from './routes/tenant-routes.ts';
import { addStreamRoute } from './routes/stream-route.ts';
import { IncidentChanges } from './incident-changes.ts';
import './incident-events.ts';

export interface IncidentsOptions {
  clock: () => number;
}

/**
 * Incidents (Statuspage vocabulary): SEV1-4 with their definitions, investigating → identified →
 * monitoring → resolved, affected systems and tenants, a status page message published through the
 * `incidents.status_page_updated` event, an append-only timeline (database triggers) that status
 * changes and linked alerts write to, postmortems (required to resolve SEV1-2), MTTR.
 * Works without the alerts plugin; with it, incidents open from alerts and follow them.
 */
export function createIncidentsPlugin(given: Partial<IncidentsOptions> = {}): PluginManifest {
  const clock = given.clock ?? Date.now;
  return definePlugin({
    name: 'incidents',
    version: '0.1.0',
    description: 'Incident management: severities, statuses, append-only timeline, postmortems, linked alerts, MTTR',
    kernel: '^0.1.0',
    permissions: [
      { key: 'incidents.read', label: 'View incidents, timelines, postmortems and MTTR', scope: 'platform', grantTo: ['admin', 'support', 'read_only'] },
      { key: 'incidents.create', label: 'Declare incidents (SEV2-4)', scope: 'platform', grantTo: ['admin', 'support'] },
      { key: 'incidents.create_sev1', label: 'Declare SEV1 incidents (elevated)', scope: 'platform' },
      { key: 'incidents.update', label: 'Update incidents and add timeline entries', scope: 'platform', grantTo: ['admin', 'support'] },
      { key: 'incidents.resolve', label: 'Resolve incidents (their creator may too)', scope: 'platform', grantTo: ['admin'] },
      { key: 'incidents.edit_postmortem', label: 'Edit any postmortem (their creator may too)', scope: 'platform' },
      { key: 'incidents.tenant.read', label: 'See published incidents affecting your tenant', scope: 'tenant', grantTo: ['tenant_admin', 'tenant_member'] },
    ],
    migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
    nav: [
      { id: 'incidents.list', label: 'Incidents', path: '/incidents/incidents', icon: 'ReportProblem', section: 'operations', order: 25, permission: 'incidents.read' },
      // A tenant user's view: the published incidents that affect their tenant (public fields only).
      { id: 'incidents.tenant', label: 'Incidents affecting you', path: '/incidents/affecting-you', icon: 'ReportProblem', section: 'operations', order: 25, permission: 'incidents.tenant.read', audience: 'tenant' },
      { id: 'incidents.mttr', label: 'MTTR', path: '/incidents/mttr', icon: 'Timeline', section: 'operations', order: 26, permission: 'incidents.read' },
    ],
    boot(ctx) {
      const changes = new IncidentChanges(ctx.broadcast);
      const service = new IncidentService(ctx, clock, changes);
      recordLinkedAlertEvents(ctx, changes);
      addIncidentRoutes(ctx, service, clock);
      addStreamRoute(ctx, changes);
      addReportRoutes(ctx, clock);
      addTenantRoutes(ctx);
    },
  });
}

export default createIncidentsPlugin();

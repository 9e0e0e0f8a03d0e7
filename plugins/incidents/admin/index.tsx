/**
 * Console part of the incidents plugin: the incident list (search by severity, status, affected system),
 * declaring an incident with the SEV definitions shown, the detail page (status stepper, append-only
 * timeline with corrections, linked alerts, postmortem with action items) and the MTTR chart. Paths match
 * the manifest's nav items.
 */
import { defineAdminPlugin } from '@platform/sdk/admin';
import { IncidentList } from './incident-list.tsx';
import { IncidentCreate } from './incident-create.tsx';
import { IncidentShow } from './incident-show.tsx';
import { MttrPage } from './mttr-page.tsx';
import { TenantIncidentsPage } from './tenant-incidents-page.tsx';
import { TenantIncidentsWidget } from './tenant-incidents-widget.tsx';
import { CustomerIncidentsPanel } from './customer-incidents-panel.tsx';

export default defineAdminPlugin({
  name: 'incidents',
  resources: [{ name: 'incidents/incidents', list: IncidentList, create: IncidentCreate, show: IncidentShow, recordRepresentation: 'title', options: { label: 'Incidents' }, navItem: 'incidents.list' }],
  routes: [
    { path: '/incidents/mttr', component: MttrPage, navItem: 'incidents.mttr' },
    { path: '/incidents/affecting-you', component: TenantIncidentsPage, navItem: 'incidents.tenant' },
  ],
  dashboardWidgets: [
    { id: 'incidents.tenant', title: 'Open incidents affecting you', component: TenantIncidentsWidget, size: 'medium', order: 30, permission: 'incidents.tenant.read', navItem: 'incidents.tenant', audience: 'tenant' },
  ],
  customer360Panels: [{ id: 'incidents.affected', title: 'Incidents that affected them', component: CustomerIncidentsPanel, order: 75, permission: 'incidents.read' }],
});

/** Console entry of the status plugin: maintenance windows and status page notices (incidents and known issues shown publicly), and links to the public status page. */
import { defineAdminPlugin } from '@platform/sdk/admin';
import { PUBLIC_STATUS_PATH, PublicStatusRedirect } from './public-status-page.tsx';
import { MaintenanceCreate, MaintenanceEdit, MaintenanceList } from './MaintenanceWindows.tsx';
import { IncidentCreate, IncidentEdit, IncidentList } from './Incidents.tsx';

export default defineAdminPlugin({
  name: 'status',
  routes: [{ path: PUBLIC_STATUS_PATH, component: PublicStatusRedirect, noLayout: true }],
  resources: [
    { name: 'status/maintenance-windows', list: MaintenanceList, create: MaintenanceCreate, edit: MaintenanceEdit, recordRepresentation: 'title', options: { label: 'Maintenance windows' }, navItem: 'status.maintenance' },
    { name: 'status/incidents', list: IncidentList, create: IncidentCreate, edit: IncidentEdit, recordRepresentation: 'title', options: { label: 'Status page notices' }, navItem: 'status.incidents' },
  ],
});

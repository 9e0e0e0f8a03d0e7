/** Console entry of the status plugin: maintenance windows and status page notices (incidents and known issues shown publicly). */
import { defineAdminPlugin } from '@platform/sdk/admin';
import { MaintenanceCreate, MaintenanceEdit, MaintenanceList } from './MaintenanceWindows.tsx';
import { IncidentCreate, IncidentEdit, IncidentList } from './Incidents.tsx';

export default defineAdminPlugin({
  name: 'status',
  resources: [
    { name: 'status/maintenance-windows', list: MaintenanceList, create: MaintenanceCreate, edit: MaintenanceEdit, recordRepresentation: 'title', options: { label: 'Maintenance windows' }, navItem: 'status.maintenance' },
    { name: 'status/incidents', list: IncidentList, create: IncidentCreate, edit: IncidentEdit, recordRepresentation: 'title', options: { label: 'Status page notices' }, navItem: 'status.incidents' },
  ],
});

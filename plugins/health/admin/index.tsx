/**
 * Console entry of the health plugin: the health matrix (service grid + tenants x monitors colour grid,
 * a cell opens its history chart and recent failures), per-service detail with a 24 h sparkline and
 * uptime, the thresholds editor, and heartbeats.
 */
import MonitorHeartIcon from '@mui/icons-material/MonitorHeart';
import { defineAdminPlugin } from '@platform/sdk/admin';
import { HealthOverviewPage } from './HealthOverviewPage.tsx';
import { ServiceDetailPage } from './ServiceDetailPage.tsx';
import { MonitorEdit, MonitorList } from './MonitorSettings.tsx';
import { PushMonitorCreate, PushMonitorEdit, PushMonitorList } from './PushMonitors.tsx';
import { HealthStatusWidget } from './HealthStatusWidget.tsx';
import { TenantHealthPage } from './TenantHealthPage.tsx';
import { TenantHealthWidget } from './TenantHealthWidget.tsx';

export default defineAdminPlugin({
  name: 'health',
  routes: [
    { path: '/health', component: HealthOverviewPage, navItem: 'health.matrix' },
    { path: '/health/services/:id', component: ServiceDetailPage, navItem: 'health.matrix' },
    { path: '/health/tenant', component: TenantHealthPage, navItem: 'health.tenant' },
  ],
  resources: [
    { name: 'health/monitors', list: MonitorList, edit: MonitorEdit, recordRepresentation: 'name', options: { label: 'Monitors & thresholds' }, navItem: 'health.monitors' },
    { name: 'health/push-monitors', list: PushMonitorList, create: PushMonitorCreate, edit: PushMonitorEdit, recordRepresentation: 'name', options: { label: 'Heartbeats' }, navItem: 'health.push-monitors' },
  ],
  dashboardWidgets: [
    { id: 'health.status', title: 'Platform health', component: HealthStatusWidget, size: 'small', order: 10, permission: 'health.read', audience: 'staff' },
    { id: 'health.tenant', title: 'Your services', component: TenantHealthWidget, size: 'medium', order: 20, permission: 'health.tenant.read', navItem: 'health.tenant', audience: 'tenant' },
  ],
  icons: { MonitorHeart: MonitorHeartIcon },
});

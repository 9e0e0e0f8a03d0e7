/**
 * Console part of the metrics plugin: the system health dashboard (SLO banner and cards, service grid,
 * 24 h sparklines, "why is it red", recent alerts), SLO definitions and a metrics explorer. Paths match
 * the manifest's nav items.
 */
import { defineAdminPlugin } from '@platform/sdk/admin';
import { SystemHealthPage, SloWidget } from './system-health-page.tsx';
import { MetricsExplorerPage } from './metrics-explorer-page.tsx';
import { SloCreate, SloEdit, SloList } from './slo-resource.tsx';

export default defineAdminPlugin({
  name: 'metrics',
  resources: [{ name: 'metrics/slos', list: SloList, create: SloCreate, edit: SloEdit, recordRepresentation: 'name', options: { label: 'SLOs' }, navItem: 'metrics.slos' }],
  routes: [
    { path: '/system-health', component: SystemHealthPage, navItem: 'metrics.system-health' },
    { path: '/metrics/explorer', component: MetricsExplorerPage, navItem: 'metrics.explorer' },
  ],
  dashboardWidgets: [{ id: 'metrics.slos', title: 'SLOs (7 days)', component: SloWidget, size: 'medium', order: 10, permission: 'metrics.read', navItem: 'metrics.system-health' }],
});

/**
 * Console part of the plans plugin: the plan catalog (react-admin resource `plans/plans`), the selected
 * tenant's plan with history and a change-plan dialog (proration preview), usage charts per meter,
 * tenants near their limits, and governance. Paths match the manifest's nav items.
 */
import { defineAdminPlugin } from '@platform/sdk/admin';
import { PlanCreate, PlanEdit, PlanList } from './plan-resource.tsx';
import { TenantPlanPage } from './tenant-plan-page.tsx';
import { UsagePage } from './usage-page.tsx';
import { NearLimitsPage } from './near-limits-page.tsx';
import { GovernancePage } from './governance-page.tsx';
import { UsageWidget } from './usage-widget.tsx';
import { TenantPlanWidget } from './tenant-plan-widget.tsx';

export default defineAdminPlugin({
  name: 'plans',
  resources: [{ name: 'plans/plans', list: PlanList, create: PlanCreate, edit: PlanEdit, recordRepresentation: 'name', options: { label: 'Plans' }, navItem: 'plans.catalog' }],
  routes: [
    { path: '/plans/tenant', component: TenantPlanPage, navItem: 'plans.tenant' },
    { path: '/plans/usage', component: UsagePage, navItem: 'plans.usage' },
    { path: '/plans/near-limits', component: NearLimitsPage, navItem: 'plans.near-limits' },
    { path: '/plans/governance', component: GovernancePage, navItem: 'plans.governance' },
  ],
  dashboardWidgets: [
    { id: 'plans.usage', title: 'Plan & usage', component: UsageWidget, size: 'medium', permission: 'usage.read', navItem: 'plans.usage', audience: 'staff' },
    { id: 'plans.tenant', title: 'Your plan', component: TenantPlanWidget, size: 'medium', order: 10, permission: 'plans.read', navItem: 'plans.tenant', audience: 'tenant' },
  ],
});

/**
 * Console part of customer success: the customer-health page (staff; at-risk list, ±20-point changes, filters,
 * CSV export, breakdown), and a health dot in staff's tenant list (`tenantListFields`). The path matches the manifest's nav item (`src/customer-success-nav.ts`).
 */
import { defineAdminPlugin } from '@platform/sdk/admin';
import { CustomerHealthPage } from './customer-health-page.tsx';
import { TenantHealthDot } from './tenant-health-dot.tsx';
import { CUSTOMER_360_PANELS } from './customer-360/customer-360-panels.ts';
import { Customer360Link } from './customer-360/customer-360-link.tsx';

export default defineAdminPlugin({
  name: 'customer-success',
  routes: [{ path: '/customer-success/health', component: CustomerHealthPage, navItem: 'customer-success.health' }],
  tenantListFields: [
    { id: 'customer-success.health', label: 'Health', component: TenantHealthDot, navItem: 'customer-success.health' },
    { id: 'customer-success.360', label: 'Customer', component: Customer360Link, permission: 'customer-success.customers.read' },
  ],
  customer360Panels: CUSTOMER_360_PANELS,
});

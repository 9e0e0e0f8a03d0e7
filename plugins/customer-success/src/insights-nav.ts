import type { NavItemDefinition } from '@platform/sdk';
import { CUSTOMER_SUCCESS_PERMISSIONS } from './customer-success-permissions.ts';

/** The daily digest, cross-tenant KPIs and recommendations pages (staff). */
export const INSIGHTS_NAV: NavItemDefinition[] = [
  { id: 'customer-success.digest', label: 'Daily digest', path: '/customer-success/digest', icon: 'Mail', section: 'operations', order: 86, permission: CUSTOMER_SUCCESS_PERMISSIONS.read, audience: 'staff' },
  { id: 'customer-success.kpis', label: 'KPIs', path: '/customer-success/kpis', icon: 'Insights', section: 'operations', order: 87, permission: CUSTOMER_SUCCESS_PERMISSIONS.read, audience: 'staff' },
  { id: 'customer-success.recommendations', label: 'Recommendations', path: '/customer-success/recommendations', icon: 'Assessment', section: 'operations', order: 88, permission: CUSTOMER_SUCCESS_PERMISSIONS.read, audience: 'staff' },
];

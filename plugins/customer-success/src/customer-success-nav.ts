import type { NavItemDefinition } from '@platform/sdk';
import { CUSTOMER_SUCCESS_PERMISSIONS } from './customer-success-permissions.ts';

export const CUSTOMER_SUCCESS_NAV: NavItemDefinition[] = [
  { id: 'customer-success.health', label: 'Customer health', path: '/customer-success/health', icon: 'MonitorHeart', section: 'operations', order: 85, permission: CUSTOMER_SUCCESS_PERMISSIONS.read, audience: 'staff' },
];

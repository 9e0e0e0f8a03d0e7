import type { NavItemDefinition } from '@platform/sdk';
import { SUPPORT_PERMISSIONS } from './support-permissions.ts';

/** Staff: the queue across tenants. Tenant users: their "Support" page. */
export const SUPPORT_NAV: NavItemDefinition[] = [
  { id: 'support.queue', label: 'Support queue', path: '/support/queue', icon: 'SupportAgent', section: 'operations', order: 80, permission: SUPPORT_PERMISSIONS.queue, audience: 'staff' },
  { id: 'support.mine', label: 'Support', path: '/support/tickets', icon: 'Chat', section: 'account', order: 80, permission: SUPPORT_PERMISSIONS.use, audience: 'tenant' },
];

import type { NavItemDefinition } from '@platform/sdk';

/**
 * The console menu of messaging (pages in `admin/`). Staff pages carry platform permissions or
 * `audience: 'staff'`; the tenant admin's "My messaging" calls only tenant routes (`/my/usage`, `/my/credits`,
 * the messages list, which shows a tenant caller its own tenant's).
 */
export const MESSAGING_NAV: NavItemDefinition[] = [
  { id: 'messaging.providers', label: 'Messaging providers', path: '/messaging/providers', icon: 'Sms', section: 'messaging', order: 10, permission: 'messaging.providers.read', audience: 'staff' },
  { id: 'messaging.assignments', label: 'Provider assignments', path: '/messaging/assignments', icon: 'AccountTree', section: 'messaging', order: 20, permission: 'messaging.providers.read', audience: 'staff' },
  { id: 'messaging.credits', label: 'SMS credit accounts', path: '/messaging/credits', icon: 'AccountBalance', section: 'messaging', order: 30, permission: 'messaging.credits.read', audience: 'staff' },
  { id: 'messaging.templates', label: 'Message templates', path: '/messaging/templates', icon: 'Article', section: 'messaging', order: 40, permission: 'messaging.templates.read', audience: 'staff' },
  { id: 'messaging.messages', label: 'Delivery log', path: '/messaging/messages', icon: 'Inbox', section: 'messaging', order: 50, permission: 'messaging.read', audience: 'staff' },
  { id: 'messaging.analytics', label: 'Messaging analytics', path: '/messaging/analytics', icon: 'Insights', section: 'messaging', order: 60, permission: 'messaging.analytics.read', audience: 'staff' },
  { id: 'messaging.my', label: 'My messaging', path: '/messaging/my', icon: 'Sms', section: 'messaging', order: 5, permission: 'messaging.usage.read', audience: 'tenant' },
  { id: 'messaging.my-templates', label: 'My templates', path: '/messaging/my/templates', icon: 'Article', section: 'messaging', order: 6, permission: 'messaging.templates.write', audience: 'tenant' },
];

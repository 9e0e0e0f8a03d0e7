import type { PermissionDefinition } from '@platform/sdk';

/** Permission keys of the messaging plugin's sending side (providers, assignments, messages). */
export const MESSAGING_PERMISSIONS = {
  /** Provider configurations and assignments: create, edit, test, delete. */
  manage: 'messaging.manage',
  /** Read provider configurations (secrets masked). */
  providersRead: 'messaging.providers.read',
  /** Read messages and provider assignments (tenant users: their own tenant's). */
  read: 'messaging.read',
  /** Send messages (tenant users: for their own tenant). */
  send: 'messaging.send',
} as const;

export const messagingPermissions: PermissionDefinition[] = [
  { key: MESSAGING_PERMISSIONS.manage, label: 'Manage messaging providers and their assignment to tenants', scope: 'platform', grantTo: ['admin'] },
  { key: MESSAGING_PERMISSIONS.providersRead, label: 'View messaging provider configurations (secrets masked)', scope: 'platform', grantTo: ['admin', 'support', 'read_only'] },
  { key: MESSAGING_PERMISSIONS.read, label: 'View sent messages, delivery status and provider assignments', scope: 'tenant', grantTo: ['admin', 'support', 'read_only', 'tenant_admin'] },
  { key: MESSAGING_PERMISSIONS.send, label: 'Send SMS and email messages', scope: 'tenant', grantTo: ['admin', 'tenant_admin'] },
];

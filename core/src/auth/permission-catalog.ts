import type { BuiltInRole, PermissionDefinition } from '@platform/sdk';

export interface CatalogPermission extends PermissionDefinition {
  plugin: string;
}

/** Any signed-in actor; used by routes such as `/api/auth/me`. */
export const AUTHENTICATED = 'authenticated';
/** Reading across tenants ("All tenants" views). */
export const CROSS_TENANT = 'platform.tenants.cross';

export const kernelPermissions: PermissionDefinition[] = [
  { key: 'platform.tenants.read', label: 'View tenants', grantTo: ['admin', 'support', 'read_only'] },
  { key: 'platform.tenants.write', label: 'Create, edit, suspend and delete tenants', grantTo: ['admin'] },
  { key: 'platform.tenants.purge', label: 'Purge deleted tenants', grantTo: [] },
  { key: CROSS_TENANT, label: 'Read data across all tenants', grantTo: ['admin', 'support', 'read_only'] },
  { key: 'users.read', label: 'View users', grantTo: ['admin', 'support', 'read_only', 'tenant_admin'] },
  { key: 'users.write', label: 'Manage users', grantTo: ['admin', 'tenant_admin'] },
  { key: 'roles.read', label: 'View roles', grantTo: ['admin', 'support', 'read_only', 'tenant_admin'] },
  { key: 'roles.write', label: 'Manage roles', grantTo: ['admin'] },
  { key: 'api_keys.read', label: 'View API keys', grantTo: ['admin', 'tenant_admin'] },
  { key: 'api_keys.write', label: 'Create and revoke API keys', grantTo: ['admin', 'tenant_admin'] },
  { key: 'audit.read', label: 'View the audit log', grantTo: ['admin', 'support', 'read_only', 'tenant_admin'] },
  { key: 'nav.manage', label: 'Customise navigation for a tenant', grantTo: ['admin', 'tenant_admin'] },
  { key: 'plugins.read', label: 'View installed plugins', grantTo: ['admin', 'support', 'read_only', 'tenant_admin'] },
  { key: 'plugins.manage', label: 'Enable plugins per tenant and edit settings', grantTo: ['admin'] },
  { key: 'jobs.read', label: 'View jobs and runs', grantTo: ['admin', 'support', 'read_only'] },
  { key: 'jobs.run', label: 'Run jobs now', grantTo: ['admin'] },
  { key: 'events.read', label: 'View event deliveries and dead letters', grantTo: ['admin', 'support'] },
  { key: 'events.retry', label: 'Retry dead-lettered events', grantTo: ['admin'] },
];

export const builtInRoles: { key: BuiltInRole; name: string; scope: 'platform' | 'tenant'; description: string }[] = [
  { key: 'super_admin', name: 'Super admin', scope: 'platform', description: 'Every permission, including ones added later' },
  { key: 'admin', name: 'Admin', scope: 'platform', description: 'Runs the platform day to day' },
  { key: 'support', name: 'Support', scope: 'platform', description: 'Reads across tenants to help customers' },
  { key: 'read_only', name: 'Read only', scope: 'platform', description: 'Reads everything, changes nothing' },
  { key: 'tenant_admin', name: 'Tenant admin', scope: 'tenant', description: 'Administers one tenant' },
  { key: 'tenant_member', name: 'Tenant member', scope: 'tenant', description: 'Uses one tenant' },
];

/** Permissions each built-in role gets from the catalog (super_admin holds `*`). */
export function builtInRolePermissions(role: BuiltInRole, catalog: CatalogPermission[]): string[] {
  if (role === 'super_admin') return ['*'];
  const out = new Set<string>();
  for (const p of catalog) {
    if (p.grantTo?.includes(role)) out.add(p.key);
    else if (role === 'read_only' && /\.read$/.test(p.key) && !p.key.startsWith('tenant')) out.add(p.key);
  }
  if (role === 'tenant_member') for (const p of catalog) if (p.grantTo?.includes('tenant_member')) out.add(p.key);
  return [...out].sort();
}

export function hasPermission(perms: ReadonlySet<string>, permission: string): boolean {
  if (permission === AUTHENTICATED) return true;
  if (perms.has('*') || perms.has(permission)) return true;
  // `flags.*` grants every `flags.<x>` permission.
  const dot = permission.lastIndexOf('.');
  return dot > 0 && perms.has(permission.slice(0, dot) + '.*');
}

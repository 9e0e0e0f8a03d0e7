import type { Actor, BuiltInRole, PermissionDefinition, PermissionScope } from '@platform/sdk';

export interface CatalogPermission extends PermissionDefinition {
  plugin: string;
}

/** Any signed-in actor; used by routes such as `/api/auth/me`. */
export const AUTHENTICATED = 'authenticated';
/** Reading across tenants ("All tenants" views). */
export const CROSS_TENANT = 'platform.tenants.cross';

export const kernelPermissions: PermissionDefinition[] = [
  { key: 'platform.tenants.read', label: 'View tenants', scope: 'platform', grantTo: ['admin', 'support', 'read_only'] },
  { key: 'platform.tenants.write', label: 'Create, edit, suspend and delete tenants', scope: 'platform', grantTo: ['admin'] },
  { key: 'platform.tenants.purge', label: 'Purge deleted tenants', scope: 'platform', grantTo: [] },
  { key: CROSS_TENANT, label: 'Read data across all tenants', scope: 'platform', grantTo: ['admin', 'support', 'read_only'] },
  { key: 'users.read', label: 'View users', scope: 'tenant', grantTo: ['admin', 'support', 'read_only', 'tenant_admin'] },
  { key: 'users.write', label: 'Manage users', scope: 'tenant', grantTo: ['admin', 'tenant_admin'] },
  { key: 'roles.read', label: 'View roles', scope: 'tenant', grantTo: ['admin', 'support', 'read_only', 'tenant_admin'] },
  { key: 'roles.write', label: 'Manage roles', scope: 'platform', grantTo: ['admin'] },
  { key: 'api_keys.read', label: 'View API keys', scope: 'tenant', grantTo: ['admin', 'tenant_admin'] },
  { key: 'api_keys.write', label: 'Create and revoke API keys', scope: 'tenant', grantTo: ['admin', 'tenant_admin'] },
  { key: 'audit.read', label: 'View the audit log', scope: 'tenant', grantTo: ['admin', 'support', 'read_only', 'tenant_admin'] },
  { key: 'nav.manage', label: 'Customise navigation for a tenant', scope: 'tenant', grantTo: ['admin', 'tenant_admin'] },
  { key: 'plugins.read', label: 'View installed plugins', scope: 'tenant', grantTo: ['admin', 'support', 'read_only', 'tenant_admin'] },
  { key: 'plugins.manage', label: 'Enable plugins per tenant and edit settings', scope: 'platform', grantTo: ['admin'] },
  { key: 'jobs.read', label: 'View jobs and runs', scope: 'platform', grantTo: ['admin', 'support', 'read_only'] },
  { key: 'jobs.run', label: 'Run jobs now', scope: 'platform', grantTo: ['admin'] },
  { key: 'events.read', label: 'View event deliveries and dead letters', scope: 'platform', grantTo: ['admin', 'support'] },
  { key: 'events.retry', label: 'Retry dead-lettered events', scope: 'platform', grantTo: ['admin'] },
  { key: 'rate_limits.read', label: 'View API rate limits and throttled requests', scope: 'platform', grantTo: ['admin', 'support', 'read_only'] },
  { key: 'rate_limits.write', label: 'Set API rate limits per plan and per tenant', scope: 'platform', grantTo: ['admin'] },
];

export const builtInRoles: { key: BuiltInRole; name: string; scope: 'platform' | 'tenant'; description: string }[] = [
  { key: 'super_admin', name: 'Super admin', scope: 'platform', description: 'Every permission, including ones added later' },
  { key: 'admin', name: 'Admin', scope: 'platform', description: 'Runs the platform day to day' },
  { key: 'support', name: 'Support', scope: 'platform', description: 'Reads across tenants to help customers' },
  { key: 'read_only', name: 'Read only', scope: 'platform', description: 'Reads everything, changes nothing' },
  { key: 'tenant_admin', name: 'Tenant admin', scope: 'tenant', description: 'Administers one tenant' },
  { key: 'tenant_member', name: 'Tenant member', scope: 'tenant', description: 'Uses one tenant' },
];

/** The built-in roles tenant users hold; they only ever get `tenant` permissions. */
export const TENANT_ROLES: readonly BuiltInRole[] = builtInRoles.filter((r) => r.scope === 'tenant').map((r) => r.key);

/** A tenant user or a tenant-bound API key: it acts in its own tenant only and holds no `platform` permission. */
export function isTenantBound(actor: Pick<Actor, 'kind' | 'tenantId'> | null | undefined): boolean {
  return !!actor && (!!actor.tenantId || actor.kind === 'tenant');
}

/** Permissions each built-in role gets from the catalog (super_admin holds `*`). */
export function builtInRolePermissions(role: BuiltInRole, catalog: CatalogPermission[]): string[] {
  if (role === 'super_admin') return ['*'];
  const out = new Set<string>();
  for (const p of catalog) {
    if (TENANT_ROLES.includes(role) && p.scope !== 'tenant') continue;
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

/** Scope of each permission of the catalog, and what a tenant-bound principal may hold of a set of grants. */
export class PermissionScopes {
  private readonly scopes = new Map<string, PermissionScope>();
  private readonly tenantKeys: string[];
  constructor(catalog: readonly PermissionDefinition[]) {
    for (const p of catalog) this.scopes.set(p.key, p.scope);
    this.tenantKeys = catalog.filter((p) => p.scope === 'tenant').map((p) => p.key);
  }

  /** Undefined for a permission no plugin declares (and for the `authenticated` pseudo-permission). */
  scopeOf(permission: string): PermissionScope | undefined {
    if (permission === AUTHENTICATED) return 'tenant';
    return this.scopes.get(permission);
  }

  /**
   * What a tenant-bound principal holds of `granted` (a role's or key's permissions, wildcards included):
   * only declared `tenant` permissions. `*` and `x.*` expand to the tenant permissions they cover, so a
   * role row or key row that says otherwise never lends a tenant-bound caller a platform permission.
   */
  tenantPermissionsOf(granted: Iterable<string>): Set<string> {
    const out = new Set<string>();
    for (const g of granted) {
      if (g === '*') for (const k of this.tenantKeys) out.add(k);
      else if (g.endsWith('.*')) {
        const prefix = g.slice(0, -1);
        for (const k of this.tenantKeys) if (k.startsWith(prefix)) out.add(k);
      } else if (this.scopes.get(g) === 'tenant') out.add(g);
    }
    return out;
  }

  /** The `platform` (or undeclared) permissions among `granted`, which a tenant-bound principal cannot be given. */
  notForTenants(granted: Iterable<string>): string[] {
    return [...granted].filter((g) => g === '*' || g.endsWith('.*') || this.scopes.get(g) !== 'tenant');
  }
}

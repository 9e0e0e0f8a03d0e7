import type { MikroORM } from '@mikro-orm/core';
import { ProblemError } from '@platform/sdk';
import { Role } from '../entities/kernel-entities.ts';
import type { PermissionScopes } from './permission-catalog.ts';

/**
 * Whether `roles` may be given to a user of `kind`: each role exists; a tenant user holds tenant roles only, and
 * never a (custom) role carrying a platform permission; a tenant-bound granter grants tenant roles only.
 * Refusals are 400 `validation_failed` naming `field` (403 `forbidden` for what the granter may not grant).
 */
export async function checkRoleAssignment(
  deps: { orm: MikroORM; scopes: PermissionScopes },
  kind: 'staff' | 'tenant',
  roles: readonly string[],
  opts: { field?: string; grantedByTenantUser?: boolean } = {},
): Promise<void> {
  const field = opts.field ?? 'roles';
  const found = await deps.orm.em.fork().find(Role, { key: { $in: [...roles] } });
  for (const key of roles) {
    const role = found.find((x) => x.key === key);
    if (!role) throw new ProblemError(400, 'validation_failed', `Unknown role "${key}"`, { field });
    if (kind === 'tenant' && role.scope !== 'tenant') throw new ProblemError(400, 'validation_failed', `Role "${key}" is for platform staff, not tenant users`, { field });
    if (opts.grantedByTenantUser && role.scope !== 'tenant') throw new ProblemError(403, 'forbidden', `You cannot grant role "${key}"`);
    const platform = kind === 'tenant' && !role.builtin ? deps.scopes.notForTenants(role.permissions) : [];
    if (platform.length)
      throw new ProblemError(400, 'validation_failed', `Role "${key}" holds platform permission(s) ${platform.join(', ')}, which a tenant user cannot hold`, { field });
  }
}

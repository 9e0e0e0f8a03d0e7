import type { MikroORM } from '@mikro-orm/core';
import type { UserDirectory, UserSummary } from '@platform/sdk';
import { runSql } from '../db/orm.ts';
import type { RoleDirectory } from './role-directory.ts';

interface UserRow {
  id: string;
  email: string;
  name: string;
  kind: 'staff' | 'tenant';
  tenant_id: string | null;
  status: 'active' | 'disabled';
  roles: string[];
}

const toSummary = (r: UserRow): UserSummary => ({ id: r.id, email: r.email, name: r.name, kind: r.kind, tenantId: r.tenant_id, status: r.status, roles: r.roles ?? [] });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `ctx.users`: read-only lookups of users for plugins (assignees, reporters), never their secrets. */
export function createUserDirectory(orm: MikroORM, roles: RoleDirectory): UserDirectory {
  const hasPermission = async (user: UserSummary, permission: string) => {
    const granted = await roles.permissionsOf(user.roles);
    return granted.has('*') || granted.has(permission);
  };
  const withPermission = async (users: UserSummary[], permission: string | undefined) => {
    if (!permission) return users;
    const out: UserSummary[] = [];
    for (const u of users) if (await hasPermission(u, permission)) out.push(u);
    return out;
  };
  return {
    async get(id) {
      if (!UUID.test(id)) return null;
      const [row] = await runSql<UserRow>(orm.em.fork(), 'SELECT id, email, name, kind, tenant_id, status, roles FROM users WHERE id = $1', [id]);
      return row ? toSummary(row) : null;
    },
    async listStaff(opts = {}) {
      const rows = await runSql<UserRow>(orm.em.fork(), `SELECT id, email, name, kind, tenant_id, status, roles FROM users WHERE kind = 'staff' AND status = 'active' ORDER BY name, email LIMIT 1000`, []);
      return withPermission(rows.map(toSummary), opts.permission);
    },
    async listTenantUsers(tenantId, opts = {}) {
      if (!UUID.test(tenantId)) return [];
      const rows = await runSql<UserRow>(orm.em.fork(), `SELECT id, email, name, kind, tenant_id, status, roles FROM users WHERE kind = 'tenant' AND tenant_id = $1 AND status = 'active' ORDER BY name, email LIMIT 1000`, [tenantId]);
      return withPermission(rows.map(toSummary), opts.permission);
    },
    hasPermission,
  };
}

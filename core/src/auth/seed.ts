import type { MikroORM } from '@mikro-orm/core';
import { Role, User } from '../entities/kernel-entities.ts';
import { builtInRolePermissions, builtInRoles, type CatalogPermission } from './permission-catalog.ts';
import { hashPassword } from './passwords.ts';
import { newPassword } from './tokens.ts';
import type { KernelConfig } from '../config.ts';
import type { AuditRecordInput } from '../audit/audit-writer.ts';

export interface SeededAdmin {
  email: string;
  /** Only when the kernel generated it; it is shown once. */
  generatedPassword: string | null;
}

/** Upserts the built-in roles, so permissions added by new plugins reach them on the next start. */
export async function seedRoles(orm: MikroORM, catalog: CatalogPermission[]): Promise<void> {
  const em = orm.em.fork();
  for (const def of builtInRoles) {
    const permissions = builtInRolePermissions(def.key, catalog);
    const existing = await em.findOne(Role, { key: def.key });
    if (existing) {
      existing.permissions = permissions;
      existing.builtin = true;
    } else {
      em.create(Role, { key: def.key, name: def.name, description: def.description, scope: def.scope, builtin: true, permissions } as any);
    }
  }
  await em.flush();
}

/** The first start creates a super admin from ADMIN_EMAIL/ADMIN_PASSWORD, or generates a password once. */
export async function seedSuperAdmin(orm: MikroORM, config: KernelConfig, audit: { record(entry: AuditRecordInput): Promise<void> }): Promise<SeededAdmin | null> {
  const em = orm.em.fork();
  if ((await em.count(User, { kind: 'staff' })) > 0) return null;
  const generated = config.adminPassword ? null : newPassword();
  const password = config.adminPassword ?? generated!;
  const user = em.create(User, {
    email: config.adminEmail.toLowerCase(),
    name: 'Super admin',
    passwordHash: await hashPassword(password),
    kind: 'staff',
    tenantId: null,
    roles: ['super_admin'],
    status: 'active',
    lastLoginAt: null,
  } as any);
  await em.flush();
  await audit.record({ actorType: 'system', actorLabel: 'kernel', action: 'user.seeded', targetType: 'user', targetId: user.id, after: { email: user.email, roles: user.roles } });
  return { email: user.email, generatedPassword: generated };
}

import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { ProblemError } from '@platform/sdk';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, type AssignableRole, type NewUserAccount, type UserAccount, type UserAccounts } from '@platform/sdk/accounts';
import { Role, Session, Tenant, User, type UserRecord } from '../entities/kernel-entities.ts';
import { hashPassword } from './passwords.ts';
import { checkRoleAssignment } from './role-assignment.ts';
import type { PermissionScopes } from './permission-catalog.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function toAccount(u: UserRecord): UserAccount {
  return { id: u.id, email: u.email, name: u.name, kind: u.kind as UserAccount['kind'], tenantId: u.tenantId ?? null, roles: [...u.roles], status: u.status };
}

export function checkPassword(password: unknown, field = 'password'): string {
  if (typeof password !== 'string') throw new ProblemError(400, 'validation_failed', `"${field}" must be a string`, { field });
  if (password.length < MIN_PASSWORD_LENGTH) throw new ProblemError(400, 'validation_failed', `"${field}" must be at least ${MIN_PASSWORD_LENGTH} characters`, { field });
  if (password.length > MAX_PASSWORD_LENGTH) throw new ProblemError(400, 'validation_failed', `"${field}" must be at most ${MAX_PASSWORD_LENGTH} characters`, { field });
  return password;
}

/** The kernel's {@link UserAccounts}, provided to plugins under `USER_ACCOUNTS`. */
export class KernelUserAccounts implements UserAccounts {
  constructor(private readonly deps: { orm: MikroORM; scopes: PermissionScopes; evictSessions: () => void }) {}

  private em(em?: EntityManager): EntityManager {
    return em ?? this.deps.orm.em.fork();
  }

  async findByEmail(email: string, em?: EntityManager): Promise<UserAccount | null> {
    const u = await this.em(em).findOne(User, { email: email.trim().toLowerCase() });
    return u ? toAccount(u) : null;
  }

  async get(id: string, em?: EntityManager): Promise<UserAccount | null> {
    const u = await this.em(em).findOne(User, { id });
    return u ? toAccount(u) : null;
  }

  async assignableRoles(kind: 'staff' | 'tenant'): Promise<AssignableRole[]> {
    const roles = await this.deps.orm.em.fork().find(Role, kind === 'tenant' ? { scope: 'tenant' } : {}, { orderBy: { key: 'asc' } });
    return roles
      .filter((r) => kind === 'staff' || r.builtin || this.deps.scopes.notForTenants(r.permissions).length === 0)
      .map((r) => ({ key: r.key, name: r.name, scope: r.scope }));
  }

  checkRoles(kind: 'staff' | 'tenant', roles: readonly string[], field = 'roles'): Promise<void> {
    return checkRoleAssignment(this.deps, kind, roles, { field });
  }

  async create(input: NewUserAccount, em?: EntityManager): Promise<UserAccount> {
    const email = String(input.email ?? '').trim().toLowerCase();
    if (!EMAIL.test(email) || email.length > 320) throw new ProblemError(400, 'validation_failed', '"email" must be an email address', { field: 'email' });
    if (typeof input.name !== 'string' || input.name.length > 200) throw new ProblemError(400, 'validation_failed', '"name" must be text of at most 200 characters', { field: 'name' });
    if (input.kind !== 'staff' && input.kind !== 'tenant') throw new ProblemError(400, 'validation_failed', '"kind" must be staff or tenant', { field: 'kind' });
    if (input.kind === 'tenant' && !input.tenantId) throw new ProblemError(400, 'validation_failed', 'A tenant user needs a tenantId', { field: 'tenantId' });
    if (input.kind === 'staff' && input.tenantId) throw new ProblemError(400, 'validation_failed', 'Staff users belong to no tenant', { field: 'tenantId' });
    if (!input.roles?.length) throw new ProblemError(400, 'validation_failed', 'At least one role is needed', { field: 'roles' });
    const password = checkPassword(input.password);
    await this.checkRoles(input.kind, input.roles);
    const passwordHash = await hashPassword(password);
    const run = async (tem: EntityManager) => {
      if (input.tenantId && !(await tem.findOne(Tenant, { id: input.tenantId }))) throw new ProblemError(400, 'validation_failed', 'Unknown tenant', { field: 'tenantId' });
      if (await tem.findOne(User, { email })) throw new ProblemError(409, 'email_taken', 'A user with this email exists', { field: 'email' });
      const user = tem.create(User, { email, name: input.name, passwordHash, kind: input.kind, tenantId: input.tenantId, roles: [...input.roles], status: 'active', lastLoginAt: null } as any);
      await tem.flush();
      return toAccount(user);
    };
    return em ? run(em) : this.deps.orm.em.fork().transactional(run);
  }

  async setPassword(userId: string, password: string, em?: EntityManager): Promise<void> {
    const passwordHash = await hashPassword(checkPassword(password));
    const run = async (tem: EntityManager) => {
      const user = await tem.findOne(User, { id: userId });
      if (!user) throw new ProblemError(404, 'not_found', `User ${userId} not found`);
      user.passwordHash = passwordHash;
      await tem.flush();
      await tem.nativeDelete(Session, { userId });
    };
    await (em ? run(em) : this.deps.orm.em.fork().transactional(run));
    this.deps.evictSessions();
  }
}

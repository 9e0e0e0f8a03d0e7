import type { EntityManager } from '@mikro-orm/core';
import type { TenantInfo } from './context.ts';

/**
 * User accounts, as plugins may touch them (invitations, password resets, self-signup). The kernel owns users
 * and their password hashes; it provides {@link UserAccounts} under {@link USER_ACCOUNTS}:
 * `ctx.resolve<UserAccounts>(USER_ACCOUNTS)`. Passwords are hashed by the kernel (argon2id), never by a plugin.
 */

/** DI key of the kernel's {@link UserAccounts}. */
export const USER_ACCOUNTS = 'kernel.user-accounts';

export interface UserAccount {
  id: string;
  email: string;
  name: string;
  kind: 'staff' | 'tenant';
  tenantId: string | null;
  roles: string[];
  status: 'active' | 'disabled';
}

export interface NewUserAccount {
  email: string;
  name: string;
  kind: 'staff' | 'tenant';
  /** Required for a tenant user, null for staff. */
  tenantId: string | null;
  roles: string[];
  /** Plain text; at least 8 characters. Hashed by the kernel. */
  password: string;
}

/** A role a user can be given, as the kernel knows it. */
export interface AssignableRole {
  key: string;
  name: string;
  scope: 'tenant' | 'platform';
}

export interface UserAccounts {
  findByEmail(email: string, em?: EntityManager): Promise<UserAccount | null>;
  get(id: string, em?: EntityManager): Promise<UserAccount | null>;
  /** The roles a user of this kind may hold (tenant users: tenant roles only). */
  assignableRoles(kind: 'staff' | 'tenant'): Promise<AssignableRole[]>;
  /**
   * Refuses (400 `validation_failed` naming `field`) a role that does not exist or does not fit the kind: a
   * tenant user holds tenant roles only, and never a role carrying a platform permission.
   */
  checkRoles(kind: 'staff' | 'tenant', roles: readonly string[], field?: string): Promise<void>;
  /**
   * Creates an active user with a password, inside `em`'s transaction when given (audited as `user.created` by
   * the caller's own audit entry, not here). 409 `email_taken` when the email is in use; 400 naming the field
   * for a bad email, name, role or password.
   */
  create(input: NewUserAccount, em?: EntityManager): Promise<UserAccount>;
  /** Sets a user's password and ends all its sessions (a reset signs every device out). 404 for an unknown user. */
  setPassword(userId: string, password: string, em?: EntityManager): Promise<void>;
}

/** The shortest password the kernel accepts. */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;

/** DI key of the kernel's {@link TenantProvisioning}. */
export const TENANT_PROVISIONING = 'kernel.tenant-provisioning';

/** What a tenant's slug may be: lowercase letters, digits and dashes, 1 to 63, no dash at either end. */
export const TENANT_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export interface NewTenant {
  slug: string;
  name: string;
  contactName?: string | null;
  contactEmail?: string | null;
  locale?: string;
}

/** Who asks, for the audit trail (`onboarding.signup` for a self-signup). */
export interface ProvisioningActor {
  label: string;
  actorId?: string | null;
  requestId?: string | null;
}

/** Creating tenants from a plugin (self-signup). Provided by the kernel. */
export interface TenantProvisioning {
  /**
   * Creates the tenant in `provisioning` and provisions it (every plugin's `onTenantProvisioned`, in dependency
   * order): the answer is `active`, or still `provisioning` when a hook failed (its status reason names the plugin).
   * 409 `slug_taken` (field `slug`) when the slug is in use.
   */
  create(input: NewTenant, by: ProvisioningActor): Promise<TenantInfo & { statusReason: string | null }>;
  /** Whether no tenant (deleted ones included) holds the slug. */
  isSlugAvailable(slug: string): Promise<boolean>;
}

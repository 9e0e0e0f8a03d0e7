import type { TenantDataDeclaration } from './data-protection.ts';
import type { EntitySchema } from '@mikro-orm/core';
import type { TObject } from '@sinclair/typebox';
import type { PluginContext, RegisterContext, TenantInfo } from './context.ts';

/**
 * What a permission is about: `tenant` (acting inside one tenant) or `platform` (the platform itself, or
 * reaching across tenants). A tenant-bound principal (tenant user, tenant-bound API key, any role given to
 * them) never holds a `platform` permission: the kernel drops it when it resolves the caller.
 */
export type PermissionScope = 'tenant' | 'platform';

/** A permission a plugin introduces, e.g. `{ key: 'flags.write', label: 'Edit feature flags', scope: 'tenant' }`. */
export interface PermissionDefinition {
  key: string;
  label: string;
  /** Required: the kernel refuses to boot a manifest whose permission omits it. */
  scope: PermissionScope;
  /** Built-in roles that receive this permission automatically (super_admin always has all). A `platform` permission cannot go to `tenant_admin` or `tenant_member`. */
  grantTo?: BuiltInRole[];
}

export type BuiltInRole = 'super_admin' | 'admin' | 'support' | 'read_only' | 'tenant_admin' | 'tenant_member';

/** One entry of the console menu. */
export interface NavItemDefinition {
  id: string;
  label: string;
  /** Console path, e.g. `/flags` or a react-admin resource name path. */
  path: string;
  icon?: string;
  section?: string;
  order?: number;
  /** Permission required to see the item. */
  permission?: string;
  /**
   * Who the page is for: `tenant` shows it only to tenant users (and tenant-bound keys), `staff` only to
   * platform staff; default both. E.g. a tenant's own view of its services, next to staff's matrix of all tenants.
   */
  audience?: 'tenant' | 'staff';
}

/**
 * Platform: always on for every tenant.
 * Tenant: can be enabled/disabled per tenant (marketplace add-ons), `defaultEnabled` decides new tenants.
 */
export type PluginScope = 'platform' | 'tenant';

export interface PluginManifest {
  /** kebab-case, unique. Routes are mounted under `/api/<name>/`. */
  name: string;
  version: string;
  description?: string;
  /** Supported kernel semver range, e.g. `^0.1.0`. */
  kernel: string;
  dependsOn?: string[];
  permissions?: PermissionDefinition[];
  /** MikroORM entity schemas owned by this plugin. Table names carry the plugin's prefix. */
  entities?: EntitySchema<any, any>[];
  /** Absolute path of the folder holding this plugin's `NNNN_name.sql` migrations. */
  migrations?: string;
  nav?: NavItemDefinition[];
  /**
   * One declaration per table holding tenant data: its personal fields and what deleting them means.
   * Backups, restores and GDPR requests iterate over these (see `@platform/sdk/data-protection`).
   */
  data?: TenantDataDeclaration[];
  /** TypeBox object describing the plugin's settings; mark secret fields with `Secret()`. */
  settings?: TObject;
  scope?: PluginScope;
  /** For `scope: 'tenant'`: whether a tenant without an explicit choice has it enabled. Default true. */
  defaultEnabled?: boolean;
  register?(ctx: RegisterContext): void | Promise<void>;
  boot?(ctx: PluginContext): void | Promise<void>;
  /**
   * Seeds this plugin's defaults for a new tenant (a default plan, flags, templates, alert rules, a nav layout...).
   * The kernel runs every plugin's hook in dependency order when a tenant is provisioned, records each outcome, and
   * makes the tenant `active` only once all have succeeded. A hook that throws leaves the tenant in `provisioning`,
   * naming the plugin; provisioning again re-runs the hooks that have not succeeded, so a hook must be idempotent
   * (safe to run again after a partial run). Not called for a `tenant`-scoped plugin the tenant does not have enabled.
   */
  onTenantProvisioned?(ctx: PluginContext, tenant: TenantInfo): void | Promise<void>;
  shutdown?(ctx: PluginContext): void | Promise<void>;
}

export function definePlugin<T extends PluginManifest>(manifest: T): T {
  return manifest;
}

/** Extension point token. The owning plugin declares it, contributors add to it. */
export interface ExtensionPoint<T> {
  readonly id: string;
  /** Phantom field carrying the contribution type. */
  readonly __type?: T;
}

export function defineExtensionPoint<T>(id: string): ExtensionPoint<T> {
  return { id };
}

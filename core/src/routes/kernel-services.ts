import type { MikroORM } from '@mikro-orm/core';
import type { Broadcast, PluginManifest, ResponseInfo } from '@platform/sdk';
import type { KernelConfig } from '../config.ts';
import type { ActorResolver } from '../auth/actor-resolver.ts';
import type { RoleDirectory } from '../auth/role-directory.ts';
import type { CatalogPermission, PermissionScopes } from '../auth/permission-catalog.ts';
import type { CachedTenantDirectory } from '../tenancy/tenant-directory.ts';
import type { TenantService } from '../tenancy/tenant-service.ts';
import type { RegisteredNavItem } from '../nav/nav-registry.ts';
import type { RouteRecord } from '../http/route-registrar.ts';
import type { createEventBus } from '../events/event-bus.ts';
import type { createJobScheduler } from '../jobs/job-scheduler.ts';
import type { SettingsStore } from '../secrets/settings-store.ts';
import type { ObjectSealer } from '../secrets/object-sealer.ts';
import type { AuditRecordInput } from '../audit/audit-writer.ts';
import type { AuditSubjectKeyStore } from '../audit/audit-subject-keys.ts';
import type { TableReadCache } from '../crud/table-read-cache.ts';
import type { TableChangeFeed } from '../db/table-change-feed.ts';
import type { DataDeclarationRegistry } from '@platform/sdk/data-protection';
import type { MaintenanceGate } from '../maintenance/maintenance-gate.ts';
import type { RateLimits } from '../rate-limits/rate-limits.ts';

export type KernelEventBus = Awaited<ReturnType<typeof createEventBus>>;
export type JobScheduler = Awaited<ReturnType<typeof createJobScheduler>>;

/** What the kernel's own routes need. */
export interface KernelServices {
  config: KernelConfig;
  version: string;
  orm: MikroORM;
  plugins: PluginManifest[];
  actors: ActorResolver;
  roles: RoleDirectory;
  permissions: () => CatalogPermission[];
  /** Each permission's scope; what a tenant-bound principal may hold. */
  scopes: PermissionScopes;
  directory: CachedTenantDirectory;
  tenants: TenantService;
  nav: () => RegisteredNavItem[];
  /** Every route mounted under /api, with its permission and scope. */
  routes: () => readonly RouteRecord[];
  events: KernelEventBus;
  jobs: JobScheduler;
  settings: SettingsStore;
  /** Seals plugins' own secret values (`ctx.secrets`). */
  sealer: ObjectSealer;
  audit: { record(entry: AuditRecordInput, em?: any): Promise<void>; recordMany(entries: AuditRecordInput[], em?: any): Promise<void> };
  /** The audit trail's per-subject keys (crypto-shredding). */
  auditKeys: AuditSubjectKeyStore;
  /** Every loaded data declaration (the kernel's and the plugins'). */
  dataDeclarations: DataDeclarationRegistry;
  /** CRUD list pages and totals, kept until their table changes. */
  readCache: TableReadCache;
  tableChanges: TableChangeFeed;
  responseObservers: ((info: ResponseInfo) => void)[];
  closingHooks: (() => void | Promise<void>)[];
  broadcast: Broadcast & { stop(): void };
  /** Platform maintenance mode (the flag `platform.maintenance_mode`). */
  maintenance: MaintenanceGate;
  /** Per-tenant API rate limits (policies, the request check, open streams, throttled counts). */
  rateLimits: RateLimits;
  /** This instance's id (broadcasts name their sender). */
  instanceId: string;
}

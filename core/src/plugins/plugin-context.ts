import { copyOut } from '../db/copy-out.ts';
import { asValue, type AwilixContainer } from 'awilix';
import type { MikroORM } from '@mikro-orm/core';
import {
  TENANT_FILTER,
  type CrudOptions,
  type Database,
  type ExtensionPoint,
  type ExtensionRegistry,
  type KernelInfo,
  type LogPipeline,
  type PlatformLogger,
  type PluginContext,
  type PluginManifest,
  type RegisterContext,
} from '@platform/sdk';
import { runSql } from '../db/orm.ts';
import { PluginRouteCollector } from '../http/route-registrar.ts';
import { buildCrudRoutes } from '../crud/crud-routes.ts';
import type { KernelServices } from '../routes/kernel-services.ts';
import { createAuditReader } from '../audit/audit-reader.ts';
import { createUserDirectory } from '../auth/user-directory.ts';
import { tenantProfileWriter } from '../tenancy/tenant-profile-writer.ts';

/** Extension points: the owner declares, contributors add; order of plugins decides order of contributions. */
export class ExtensionPoints implements ExtensionRegistry {
  private readonly contributions = new Map<string, unknown[]>();
  private readonly declared = new Set<string>();
  declare<T>(point: ExtensionPoint<T>): void {
    this.declared.add(point.id);
  }
  contribute<T>(point: ExtensionPoint<T>, contribution: T): void {
    const list = this.contributions.get(point.id) ?? [];
    list.push(contribution);
    this.contributions.set(point.id, list);
  }
  get<T>(point: ExtensionPoint<T>): T[] {
    return (this.contributions.get(point.id) ?? []) as T[];
  }
}

export function createDatabase(orm: MikroORM): Database {
  return {
    forTenant(tenantId: string) {
      const em = orm.em.fork();
      em.setFilterParams(TENANT_FILTER, { tenantId });
      return em;
    },
    system() {
      const em = orm.em.fork();
      em.setFilterParams(TENANT_FILTER, { allTenants: true });
      return em;
    },
    sql: (text, params, em) => runSql(em ?? orm.em.fork(), text, params ?? []),
    copyOut: (select, em) => copyOut(em ?? orm.em.fork(), select),
  };
}

export interface PluginRuntime {
  manifest: PluginManifest;
  routes: PluginRouteCollector;
  ctx: PluginContext;
}

export function createPluginContexts(
  manifest: PluginManifest,
  deps: { services: KernelServices; container: AwilixContainer; extensions: ExtensionPoints; kernel: KernelInfo; logger: PlatformLogger; logs: LogPipeline; database: Database },
): PluginRuntime {
  const s = deps.services;
  const name = manifest.name;
  const routes = new PluginRouteCollector(name);
  const registerCtx: RegisterContext = {
    plugin: { name, version: manifest.version },
    kernel: deps.kernel,
    extensions: deps.extensions,
    provide: (key, value) => {
      deps.container.register(key, asValue(value));
    },
    resolve: (key) => deps.container.resolve(key),
    logger: deps.logger,
  };
  const ctx: PluginContext = {
    ...registerCtx,
    routes,
    crud: (o: CrudOptions) => {
      for (const r of buildCrudRoutes(name, o, { em: s.orm.em, events: s.events, readCache: s.readCache, tableChanges: s.tableChanges })) routes.add(r);
    },
    events: s.events,
    broadcast: s.broadcast,
    http: { onResponse: (observer) => s.responseObservers.push(observer), onClosing: (hook) => s.closingHooks.push(hook) },
    jobs: { define: (job) => s.jobs.define(name, job) },
    audit: {
      record: (entry, em) => s.audit.record({ actorType: entry.actorType ?? 'system', actorId: entry.actorId ?? null, actorLabel: `plugin:${name}`, ...entry }, em),
      recent: (query) => createAuditReader(s.orm, s.auditKeys).recent(query),
      recordMany: (entries, em) => s.audit.recordMany(entries.map((entry) => ({ actorType: entry.actorType ?? 'system', actorId: entry.actorId ?? null, actorLabel: `plugin:${name}`, ...entry })), em),
    },
    users: createUserDirectory(s.orm, s.roles),
    db: deps.database,
    settings: {
      get: (tenantId) => s.settings.get(name, tenantId ?? null) as any,
      getForTenants: (tenantIds) => s.settings.getForTenants(name, tenantIds) as any,
      set: async (values, tenantId) => {
        await s.settings.set(name, values, tenantId ?? null);
      },
    },
    secrets: s.sealer,
    tenants: s.directory,
    tenantProfile: tenantProfileWriter(s.tenants, s.orm),
    logging: {
      addSink: (sink) => deps.logs.addSink(sink),
      setRedaction: (rules) => deps.logs.setRedaction(name, rules),
      stats: () => deps.logs.stats(),
      flush: () => deps.logs.flush(),
    },
  };
  return { manifest, routes, ctx };
}

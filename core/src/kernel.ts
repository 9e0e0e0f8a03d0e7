import { createContainer, asValue } from 'awilix';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { endEventStreams, TENANT_NAV_LAYOUT, TENANT_PLUGINS, type PlatformLogger, type PluginManifest, type RequestContext, type RequestTraffic } from '@platform/sdk';
import { metricsRecorder, type MetricsRecorder } from '@platform/sdk/metrics';
import { loadConfig, type KernelConfig } from './config.ts';
import { KernelError } from './errors.ts';
import { KERNEL_VERSION } from './version.ts';
import { initOrm, type OrmHandle } from './db/orm.ts';
import { applyMigrations, pendingMigrationCounter, type MigrationSource } from './db/migrations.ts';
import { DatabaseAvailability } from './db/database-availability.ts';
import { isDatabaseUnavailableError } from './db/database-unavailable-error.ts';
import { installHealthProbes } from './http/health-probes.ts';
import { kernelEntities } from './entities/kernel-entities.ts';
import { orderPlugins } from './plugins/loader.ts';
import { importPlugins, readPluginList } from './plugins/plugin-list.ts';
import { createDatabase, createPluginContexts, ExtensionPoints, type PluginRuntime } from './plugins/plugin-context.ts';
import { createHttpApp } from './http/app.ts';
import { PluginRouteCollector, RouteTable, createRouteGuard, type RouteGuard } from './http/route-registrar.ts';
import { buildRequestContext } from './http/request-context.ts';
import { RowScopedEntityManagers } from './db/row-scope.ts';
import { bindRequestLogScope } from './logging/request-log-scope.ts';
import { createKernelLogging } from './logging/kernel-logging.ts';
import { kernelPermissions, PermissionScopes, type CatalogPermission } from './auth/permission-catalog.ts';
import { RoleDirectory } from './auth/role-directory.ts';
import { ActorResolver } from './auth/actor-resolver.ts';
import { createAuditWriter } from './audit/audit-writer.ts';
import { createTenantLifecycle } from './tenancy/tenant-lifecycle.ts';
import { TENANT_LIFECYCLE } from '@platform/sdk';
import { CachedTenantDirectory } from './tenancy/tenant-directory.ts';
import { TenantService } from './tenancy/tenant-service.ts';
import { KernelTenantPluginSwitch } from './tenancy/tenant-plugin-switch.ts';
import { ENTITLEMENTS_SERVICE, type EntitlementChecker } from '@platform/sdk/entitlements';
import { kernelNavItems, type RegisteredNavItem } from './nav/nav-registry.ts';
import { SettingsStore } from './secrets/settings-store.ts';
import { ObjectSealer } from './secrets/object-sealer.ts';
import { createListCache } from './crud/list-cache.ts';
import { NotificationListener } from './db/notification-listener.ts';
import { HandlerDrain } from './http/handler-drain.ts';
import { isPromise, type MaybePromise } from './maybe-promise.ts';
import { createEventBus } from './events/event-bus.ts';
import { createBroadcast } from './events/broadcast.ts';
import { createJobScheduler } from './jobs/job-scheduler.ts';
import { seedRoles, seedSuperAdmin, type SeededAdmin } from './auth/seed.ts';
import type { KernelServices } from './routes/kernel-services.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { tenantRoutes } from './routes/tenant-routes.ts';
import { userRoutes } from './routes/user-routes.ts';
import { roleRoutes } from './routes/role-routes.ts';
import { apiKeyRoutes } from './routes/api-key-routes.ts';
import { auditRoutes } from './routes/audit-routes.ts';
import { navRoutes } from './routes/nav-routes.ts';
import { pluginRoutes } from './routes/plugin-routes.ts';
import { jobRoutes } from './routes/job-routes.ts';
import { maintenanceRoutes } from './routes/maintenance-routes.ts';
import { MaintenanceGate } from './maintenance/maintenance-gate.ts';
import { KernelTenantNavLayout } from './nav/kernel-tenant-nav-layout.ts';
import { FLAG_CLIENT, type FlagClient } from '@platform/sdk/feature-flags';
import { PLATFORM_MAINTENANCE_MODE } from '@platform/sdk/maintenance';
import { TENANT_PROVISIONING, USER_ACCOUNTS } from '@platform/sdk/accounts';
import { KernelTenantProvisioning } from './tenancy/kernel-tenant-provisioning.ts';
import { KernelUserAccounts } from './auth/user-accounts.ts';
import { IdempotentAnswerStore } from './idempotency/answer-store.ts';
import { AUDIT_SUBJECT_KEYS, DATA_DECLARATIONS } from '@platform/sdk/data-protection';
import { AuditSubjectKeyStore } from './audit/audit-subject-keys.ts';
import { AuditPersonalData } from './audit/audit-personal-data.ts';
import { createDataDeclarationRegistry } from './data-protection/data-declaration-registry.ts';
import { checkDataDeclarations } from './data-protection/declaration-schema-check.ts';
import { installIdempotency } from './idempotency/idempotency-hooks.ts';
import { createRateLimits } from './rate-limits/rate-limits.ts';
import { rateLimitRoutes } from './routes/rate-limit-routes.ts';
import { TENANT_PLAN_READER, type TenantPlanReader } from '@platform/sdk/entitlements';

/** What response observers are told a request was: a plugin route's declared kind, API traffic, or outside the API. */
function trafficOf(req: FastifyRequest): RequestTraffic | 'outside_api' {
  const config = req.routeOptions.config as { plugin?: string; traffic?: RequestTraffic } | undefined;
  if (config?.plugin) return config.traffic ?? 'api';
  return req.url.startsWith('/api/') ? 'api' : 'outside_api';
}

/** `migrations/` of the repository; in the published `@platform/core` package, the package's own `migrations/`. */
export const KERNEL_MIGRATIONS_DIR = [new URL('../migrations', import.meta.url), new URL('../../migrations', import.meta.url)]
  .map((url) => fileURLToPath(url))
  .find((dir) => existsSync(dir))!;
export const CONSOLE_DIST_DIR = fileURLToPath(new URL('../../admin-ui/dist', import.meta.url));

export interface CreateKernelOptions {
  /** Overrides on top of the environment. */
  config?: Partial<KernelConfig>;
  env?: NodeJS.ProcessEnv;
  /** Plugins to load; defaults to the packages listed in platform.config.json. */
  plugins?: PluginManifest[];
  /** Serve the built console at `/` (default: when admin-ui/dist exists). */
  serveConsole?: boolean;
}

export interface Kernel {
  version: string;
  config: KernelConfig;
  app: FastifyInstance;
  orm: MikroORM;
  embedded: boolean;
  plugins: PluginManifest[];
  routeTable: RouteTable;
  services: KernelServices;
  /** Set on the first start: the seeded super admin (password only when generated). */
  seededAdmin: SeededAdmin | null;
  /** The kernel's own logger (`service: kernel`). */
  logger: PlatformLogger;
  /** The metrics plugin's recorder when it is installed, else a no-op. */
  metrics: MetricsRecorder;
  /** Whether the database answers, as observed (backs `/readyz` and the 503 `database_unavailable`). */
  database: DatabaseAvailability;
  listen(): Promise<string>;
  close(): Promise<void>;
}

export function migrationSources(plugins: PluginManifest[]): MigrationSource[] {
  return [{ owner: 'kernel', dir: KERNEL_MIGRATIONS_DIR }, ...plugins.filter((p) => p.migrations).map((p) => ({ owner: p.name, dir: p.migrations! }))];
}

export async function createKernel(opts: CreateKernelOptions = {}): Promise<Kernel> {
  const config = loadConfig(opts.env ?? process.env, opts.config ?? {});
  const manifests = opts.plugins ?? (await importPlugins(readPluginList()));
  const plugins = orderPlugins(manifests, KERNEL_VERSION);
  const dataDeclarations = createDataDeclarationRegistry(plugins);

  const logging = createKernelLogging({
    level: config.logLevel,
    format: config.logFormat,
    redactPaths: config.logRedactPaths,
    redactKeys: config.logRedactKeys,
    flushIntervalMs: config.logFlushMs,
    capacity: config.logBufferLines,
  });
  const logger = logging.logger;
  let tracker: DatabaseAvailability | null = null;
  // The driver's own messages go through the pipeline too, never console.log. knex's "Connection Error:
  // Connection ended unexpectedly" is about a pooled connection that died earlier (it is thrown away and
  // replaced), not about the database now: DEBUG, and no change to the availability.
  const driverLog = {
    warn: (message: string) => {
      if (isDatabaseUnavailableError({ message })) logger.debug({ action: 'database.driver' }, message);
      else logger.warn({ action: 'database.driver' }, message);
    },
    debug: (message: string) => logger.debug({ action: 'database.driver' }, message),
  };
  let handle: OrmHandle;
  try {
    handle = await initOrm({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      entities: [...kernelEntities, ...plugins.flatMap((p) => p.entities ?? [])],
      log: driverLog,
    });
  } catch (err) {
    await logging.pipeline.close().catch(() => undefined);
    throw err;
  }
  const orm = handle.orm;
  let app: FastifyInstance | null = null;
  try {
    await applyMigrations(orm.em.fork(), migrationSources(plugins));
    const declarationProblems = await checkDataDeclarations(
      orm.em.fork(),
      dataDeclarations.list(),
      plugins.flatMap((p) => (p.entities ?? []).map((schema) => ({ plugin: p.name, schema }))),
    );
    for (const problem of declarationProblems) logger.warn({ action: 'data_declarations.check' }, problem);

    const catalog: CatalogPermission[] = [
      ...kernelPermissions.map((p) => ({ ...p, plugin: 'kernel' })),
      ...plugins.flatMap((m) => (m.permissions ?? []).map((p) => ({ ...p, plugin: m.name }))),
    ];
    const nav: RegisteredNavItem[] = [
      ...kernelNavItems.map((i) => ({ ...i, plugin: 'kernel' })),
      ...plugins.flatMap((m) => (m.nav ?? []).map((i) => ({ ...i, plugin: m.name }))),
    ];
    const scopes = new PermissionScopes(catalog);
    await seedRoles(orm, catalog);

    const availability = new DatabaseAvailability({ logger, ping: () => orm.em.getConnection().execute('SELECT 1') });
    tracker = availability;
    logging.foldDatabaseErrors(availability);
    const routeTable = new RouteTable();
    const consoleDir = config.consoleDir ?? CONSOLE_DIST_DIR;
    app = await createHttpApp({ logLevel: logging.pinoLevel(), logStream: logging.pinoStream, kernelVersion: KERNEL_VERSION, routeTable, consoleDir: (opts.serveConsole ?? true) && existsSync(consoleDir) ? consoleDir : null, database: availability, loadShedding: config.loadShedding });
    const countPendingMigrations = pendingMigrationCounter(migrationSources(plugins));
    installHealthProbes(app, { database: availability, pendingMigrations: () => countPendingMigrations(orm.em.fork()) });
    logging.follow(app);
    const handlers = new HandlerDrain();
    handlers.install(app);
    const instanceId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    const roles = new RoleDirectory(orm);
    const actors = new ActorResolver(orm, roles, scopes);
    const directory = new CachedTenantDirectory(orm, () => plugins);
    const auditKeys = new AuditSubjectKeyStore(orm, config.secretKey);
    const audit = createAuditWriter(orm, { keys: auditKeys, personal: new AuditPersonalData(dataDeclarations) });
    const events = await createEventBus({ orm, embedded: handle.embedded, databaseUrl: config.databaseUrl, logger, relayPollMs: config.relayPollMs, leaseMs: config.outboxLeaseMs, instanceId });
    const jobs = await createJobScheduler({ orm, embedded: handle.embedded, databaseUrl: config.databaseUrl, logger, instanceId });
    const listener = new NotificationListener({ databaseUrl: config.databaseUrl, pglite: handle.pglite, logger, instanceId });
    const broadcast = createBroadcast({ orm, databaseUrl: config.databaseUrl, listener });
    const { readCache, tableChanges } = createListCache({ orm, listener, enabled: config.listCache });
    // Kernel caches (tenants, roles, sessions) stay coherent across instances.
    const announce = (message: Record<string, unknown>) => void broadcast.publish('kernel.cache', { ...message, from: instanceId }).catch(() => undefined);
    directory.announceWith((tenantId) => announce({ kind: 'tenant', tenantId: tenantId ?? null }));
    roles.announceWith(() => announce({ kind: 'roles' }));
    actors.announceWith((tokenHash) => announce({ kind: 'actors', tokenHash }));
    broadcast.subscribe('kernel.cache', (raw) => {
      const m = raw as { kind: string; from: string; tenantId?: string | null; tokenHash?: string | null };
      if (m.from === instanceId) return;
      if (m.kind === 'tenant') directory.invalidate(m.tenantId ?? undefined, true);
      if (m.kind === 'roles') roles.invalidate(true);
      if (m.kind === 'actors') actors.evictFromPeer(m.tokenHash ?? null);
    });
    const settings = new SettingsStore(orm, config.secretKey, () => plugins);
    const tenants = new TenantService({ orm, events, audit, auditKeys, directory, graceDays: config.tenantGraceDays });
    const maintenance = new MaintenanceGate({
      // `container` is created below, before any request can arrive; the flags plugin is optional.
      flags: () => (container.hasRegistration(FLAG_CLIENT) ? container.resolve<FlagClient>(FLAG_CLIENT) : null),
      retryAfterSeconds: config.maintenanceRetryAfterSeconds,
      logger,
    });
    // Per-tenant API rate limits; the tenant's plan comes from the plans plugin's reader when it is installed.
    const rateLimits = createRateLimits({
      orm, logger, instanceId,
      planKeyOf: async (tenantId) => (container.hasRegistration(TENANT_PLAN_READER) ? ((await container.resolve<TenantPlanReader>(TENANT_PLAN_READER).planAndUsage(tenantId)).plan?.key ?? null) : null),
    });
    await rateLimits.reload();
    broadcast.subscribe('kernel.rate-limits', (raw) => {
      const m = raw as { from?: string; planChangedFor?: string };
      if (m.from === instanceId) return;
      if (m.planChangedFor) rateLimits.policies.forgetPlan(m.planChangedFor);
      else void rateLimits.reload().catch((err) => logger.warn({ err }, 'reloading rate-limit policies failed'));
    });
    // A tenant's plan changed (plans plugin): its plan policy applies from the next request, on every instance.
    events.on('plan.assigned', (payload: { tenantId?: string }) => {
      if (!payload?.tenantId) return;
      rateLimits.policies.forgetPlan(payload.tenantId);
      void broadcast.publish('kernel.rate-limits', { from: instanceId, planChangedFor: payload.tenantId }).catch(() => undefined);
    });
    const services: KernelServices = {
      maintenance, rateLimits, instanceId,
      config, version: KERNEL_VERSION, orm, plugins, actors, roles, permissions: () => catalog, scopes, directory, tenants, nav: () => nav, routes: () => routeTable.records, events, jobs, settings, sealer: new ObjectSealer(config.secretKey), audit, auditKeys, dataDeclarations, readCache, tableChanges, broadcast, responseObservers: [], closingHooks: [],
    };

    const attachContext = (req: FastifyRequest, ctx: RequestContext, done: () => void) => {
      req.ctx = ctx;
      bindRequestLogScope(req, ctx);
      done();
    };
    // `container` is created below, before any request can arrive.
    const contextDeps = { orm, rowScoped: new RowScopedEntityManagers(orm), actors, tenants: directory, audit, tenantRootDomain: config.tenantRootDomain, resolve: <T,>(name: string): T => container.resolve<T>(name) };
    app.addHook('onRequest', (req, _reply, done) => {
      if (!req.url.startsWith('/api/') && !(req.routeOptions.config as { plugin?: string } | undefined)?.plugin) return done();
      let built: MaybePromise<RequestContext>;
      try {
        built = buildRequestContext(req, contextDeps);
      } catch (err) {
        return done(err as Error);
      }
      if (isPromise(built)) built.then((ctx) => attachContext(req, ctx, done), done);
      else attachContext(req, built, done);
    });
    // After authentication and the route's checks: maintenance mode refuses non-staff writes.
    // Then the tenant's rate limit. With no policy anywhere this is maintenance's check as is (no closure per request).
    const limiter = rateLimits.limiter;
    const policyBook = rateLimits.policies;
    const afterRouteChecks: RouteGuard = (req, reply, done) => {
      if (!policyBook.active) return maintenance.check(req, reply, done);
      maintenance.check(req, reply, (err) => (err ? done(err) : limiter.check(req, reply, done)));
    };
    const guard = createRouteGuard(directory, afterRouteChecks);
    const idempotentAnswers = new IdempotentAnswerStore(() => orm.em.fork(), config.secretKey, config.idempotencyRetentionHours * 3600);
    const idempotency = installIdempotency(app, { orm, store: idempotentAnswers, maxAnswerBytes: config.idempotencyMaxAnswerBytes });
    app.addHook('onResponse', (req, reply, done) => {
      const observers = services.responseObservers;
      if (!observers.length) return done();
      const info = {
        method: req.method,
        route: req.routeOptions.url ?? req.url.split('?')[0],
        matched: !!req.routeOptions.url,
        statusCode: reply.statusCode,
        durationMs: reply.elapsedTime,
        tenantId: req.ctx?.tenantId ?? null,
        actorId: req.ctx?.actor?.id ?? null,
        requestId: String(req.id),
        traffic: trafficOf(req),
      };
      for (const observe of observers) {
        try {
          observe(info);
        } catch (err) {
          req.log.warn({ err }, 'response observer failed');
        }
      }
      done();
    });

    const kernelRoutes = new PluginRouteCollector('kernel');
    for (const add of [authRoutes, tenantRoutes, userRoutes, roleRoutes, apiKeyRoutes, auditRoutes, navRoutes, pluginRoutes, jobRoutes, maintenanceRoutes, rateLimitRoutes]) add(kernelRoutes, services);
    kernelRoutes.mount(app, '/api', guard, scopes);

    const system = { actorType: 'system', actorId: null, actorLabel: 'kernel', requestId: null };
    jobs.define('kernel', { name: 'purge-expired-tenants', everySeconds: 3600, handler: async () => void (await tenants.purgeExpired(system)) });
    jobs.define('kernel', {
      name: 'expired-sessions',
      everySeconds: 3600,
      handler: async ({ em }: { em: import('@mikro-orm/core').EntityManager }) => void (await em.getConnection().execute('DELETE FROM sessions WHERE expires_at < now()')),
    });

    jobs.define('kernel', {
      name: 'purge-idempotency-keys',
      everySeconds: 3600,
      handler: async ({ em }: { em: import('@mikro-orm/core').EntityManager }) => void (await idempotentAnswers.purgeExpired(em)),
    });

    jobs.define('kernel', {
      name: 'prune-rate-limit-counts',
      everySeconds: 3600,
      handler: async ({ em }: { em: import('@mikro-orm/core').EntityManager }) => {
        const conn = em.getConnection();
        await conn.execute(`DELETE FROM kernel_rate_limit_throttled WHERE minute < now() - interval '31 days'`);
        await conn.execute(`DELETE FROM kernel_rate_limit_streams WHERE expires_at < now()`);
      },
    });

    jobs.define('kernel', {
      name: 'prune-delivered-events-and-runs',
      everySeconds: 3600,
      handler: async ({ em }: { em: import('@mikro-orm/core').EntityManager }) => {
        const conn = em.getConnection();
        await conn.execute(`DELETE FROM kernel_outbox o WHERE o.created_at < now() - interval '7 days'
          AND NOT EXISTS (SELECT 1 FROM kernel_outbox_delivery d WHERE d.event_id = o.id AND d.status <> 'delivered')`);
        await conn.execute(`DELETE FROM kernel_job_runs WHERE started_at < now() - interval '7 days'`);
      },
    });

    const container = createContainer();
    container.register({ orm: asValue(orm), events: asValue(events), audit: asValue(audit), tenants: asValue(directory), [DATA_DECLARATIONS]: asValue(dataDeclarations), [AUDIT_SUBJECT_KEYS]: asValue(auditKeys), [PLATFORM_MAINTENANCE_MODE]: asValue(maintenance) });
    container.register(
      TENANT_PLUGINS,
      asValue(
        new KernelTenantPluginSwitch({
          orm, plugins: () => plugins, directory, events, audit,
          entitlements: () => (container.hasRegistration(ENTITLEMENTS_SERVICE) ? container.resolve<EntitlementChecker>(ENTITLEMENTS_SERVICE) : null),
        }),
      ),
    );
    container.register(USER_ACCOUNTS, asValue(new KernelUserAccounts({ orm, scopes, evictSessions: () => actors.evictAll() })));
    container.register({ [TENANT_LIFECYCLE]: asValue(createTenantLifecycle(tenants)) });
    container.register(TENANT_PROVISIONING, asValue(new KernelTenantProvisioning({ orm, tenants })));
    container.register(TENANT_NAV_LAYOUT, asValue(new KernelTenantNavLayout({ orm, audit, nav: () => nav })));
    const extensions = new ExtensionPoints();
    const database = createDatabase(orm);
    const kernelInfo = { version: KERNEL_VERSION, embedded: handle.embedded, baseUrl: config.baseUrl, dataDir: config.dataDir };
    const runtimes: PluginRuntime[] = plugins.map((m) =>
      createPluginContexts(m, { services, container, extensions, kernel: kernelInfo, logger: logger.child({ service: m.name }), logs: logging.pipeline, database }),
    );
    for (const rt of runtimes) {
      try {
        await rt.manifest.register?.(rt.ctx);
      } catch (err) {
        throw new KernelError('plugin_register_failed', `plugin "${rt.manifest.name}" failed in register(): ${(err as Error).message}`);
      }
    }
    for (const rt of runtimes) {
      try {
        await rt.manifest.boot?.(rt.ctx);
      } catch (err) {
        if (err instanceof KernelError) throw err;
        throw new KernelError('plugin_boot_failed', `plugin "${rt.manifest.name}" failed in boot(): ${(err as Error).message}`);
      }
      rt.routes.mount(app, `/api/${rt.manifest.name}`, guard, scopes);
    }

    // Provisioning runs each plugin's `onTenantProvisioned` in dependency order (the order the plugins booted in).
    tenants.useProvisioningHooks(
      runtimes
        .filter((rt) => rt.manifest.onTenantProvisioned)
        .map((rt) => ({
          plugin: rt.manifest.name,
          appliesTo: async (tenantId: string) => rt.manifest.scope !== 'tenant' || directory.isPluginEnabled(tenantId, rt.manifest.name),
          run: async (tenant) => void (await rt.manifest.onTenantProvisioned!(rt.ctx, tenant)),
        })),
    );
    await tableChanges.install(orm.em.fork());
    await app.ready();

    const seededAdmin = await seedSuperAdmin(orm, config, audit);
    await listener.start();
    if (config.background) {
      await events.start();
      await jobs.start();
    }

    const httpApp = app;
    let closed = false;
    const kernel: Kernel = {
      version: KERNEL_VERSION,
      config,
      app: httpApp,
      orm,
      embedded: handle.embedded,
      plugins,
      routeTable,
      services,
      seededAdmin,
      logger,
      metrics: metricsRecorder({ resolve: <T,>(name: string) => container.resolve<T>(name) }),
      database: availability,
      async listen() {
        const url = await httpApp.listen({ host: config.host, port: config.port });
        await logging.pipeline.flush(); // boot lines on stdout before whatever the caller prints next
        return url;
      },
      /** Graceful: stop taking requests and drain them, stop background work, let plugins flush, close the database. */
      async close() {
        if (closed) return;
        closed = true;
        // Long-lived responses (event streams) end first, so the drain below does not wait for them.
        endEventStreams(httpApp);
        for (const hook of services.closingHooks) {
          try {
            await hook();
          } catch (err) {
            logger.error({ err }, 'closing hook failed');
          }
        }
        const stillRunning = await handlers.close(httpApp, 10_000);
        if (stillRunning) logger.warn({ stillRunning }, 'closing with request handlers still running');
        await idempotency.close();
        await rateLimits.stop();
        await jobs.stop();
        await events.stop();
        broadcast.stop();
        await listener.stop();
        // Stored sinks (the logging plugin) still have the database here; they are removed in their shutdown.
        await logging.pipeline.flush();
        availability.stop();
        for (const rt of [...runtimes].reverse()) {
          try {
            await rt.manifest.shutdown?.(rt.ctx);
          } catch (err) {
            logger.error({ err, plugin: rt.manifest.name }, 'plugin shutdown failed');
          }
        }
        await handle.close();
        await logging.pipeline.close();
      },
    };
    return kernel;
  } catch (err) {
    tracker?.stop();
    await app?.close().catch(() => undefined);
    await handle.close().catch(() => undefined);
    await logging.pipeline.close().catch(() => undefined);
    throw err;
  }
}

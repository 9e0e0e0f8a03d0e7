import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { isPromise, type MaybePromise } from '../maybe-promise.ts';
import { ProblemError, type RouteDefinition, type RouteRegistrar } from '@platform/sdk';
import { KernelError } from '../errors.ts';
import type { CachedTenantDirectory } from '../tenancy/tenant-directory.ts';

/** What the guard reads from each route's config. */
export interface RouteGuardConfig {
  plugin: string;
  permission?: string;
  public?: boolean;
  tenantScoped: boolean;
}

export interface RouteRecord extends RouteGuardConfig {
  method: string;
  url: string;
}

/** Every route mounted under /api, for audits of the route table (tests walk it). */
export class RouteTable {
  readonly records: RouteRecord[] = [];
}

export function assertRouteProtected(plugin: string, route: { method: unknown; url: string; permission?: string; public?: boolean }): void {
  if (!route.public && !route.permission)
    throw new KernelError('route_unprotected', `route ${String(route.method)} ${route.url} of plugin "${plugin}" declares neither a permission nor public: true`);
  if (route.public && route.permission)
    throw new KernelError('route_ambiguous', `route ${String(route.method)} ${route.url} of plugin "${plugin}" declares both a permission and public: true`);
}

/** Collects a plugin's routes during boot; `mount()` registers them in an encapsulated context under `prefix`. */
export class PluginRouteCollector implements RouteRegistrar {
  readonly routes: RouteDefinition[] = [];
  constructor(private readonly plugin: string) {}

  add(route: RouteDefinition): void {
    assertRouteProtected(this.plugin, route);
    this.routes.push(route);
  }

  mount(app: FastifyInstance, prefix: string, guard: RouteGuard): void {
    const plugin = this.plugin;
    const routes = this.routes;
    app.register(
      async (scope) => {
        for (const r of routes) {
          const opts: RouteOptions = {
            method: r.method,
            url: r.url,
            schema: { ...(r.schema ?? {}), tags: r.schema?.tags ?? [plugin], ...(r.public ? {} : { security: [{ bearer: [] }, { cookie: [] }] }) },
            config: { plugin, permission: r.permission, public: !!r.public, tenantScoped: r.tenantScoped ?? !r.public } satisfies RouteGuardConfig as any,
            // Authentication, permission and tenant checks run before the body is parsed or validated,
            // so an anonymous or unauthorised caller learns nothing about the route's input.
            onRequest: guard,
            handler: r.handler as RouteOptions['handler'],
          };
          if (r.bodyLimit) opts.bodyLimit = r.bodyLimit;
          scope.route(opts);
        }
      },
      { prefix },
    );
    // Well-known absolute paths (e.g. `/metrics` for Prometheus) serve the same route with the same checks.
    for (const r of routes.filter((x) => x.alias)) {
      app.route({
        method: r.method,
        url: r.alias!,
        schema: { hide: true },
        config: { plugin, permission: r.permission, public: !!r.public, tenantScoped: r.tenantScoped ?? !r.public } satisfies RouteGuardConfig as any,
        onRequest: guard,
        handler: r.handler as RouteOptions['handler'],
      });
    }
  }
}

const isLive = (status: string) => status === 'active' || status === 'provisioning';

/**
 * The onRequest check of every API route: authentication, permission, tenant required and live, plugin
 * enabled for the tenant. Callback-style and synchronous when the tenant's plugin switches are cached.
 */
export function createRouteGuard(tenants: CachedTenantDirectory): RouteGuard {
  return function guard(req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void): void {
    let enabled: MaybePromise<boolean>;
    const cfg = req.routeOptions.config as unknown as RouteGuardConfig;
    try {
      const ctx = req.ctx;
      if (!cfg.public) {
        if (!ctx.actor) throw new ProblemError(401, 'unauthorized', 'Authentication required: sign in or send a bearer token');
        // A tenant user or tenant-bound key acts nowhere while its tenant is suspended, deleted or purged.
        if (ctx.actor.tenantId && (!ctx.tenant || !isLive(ctx.tenant.status)))
          throw new ProblemError(403, 'tenant_suspended', ctx.tenant ? `Tenant "${ctx.tenant.slug}" is ${ctx.tenant.status}` : 'Your tenant no longer exists');
        if (cfg.permission) ctx.require(cfg.permission);
      }
      if (cfg.tenantScoped) ctx.requireTenant();
      // Tenant-scoped routes, and any plugin route acting in a tenant (e.g. a CRUD list, which may also run
      // across tenants), need that tenant live and the plugin enabled for it.
      const tenant = ctx.tenant;
      if (!tenant || !(cfg.tenantScoped || (cfg.plugin !== 'kernel' && !cfg.public))) return done();
      if (!isLive(tenant.status)) throw new ProblemError(403, 'tenant_suspended', `Tenant "${tenant.slug}" is ${tenant.status}`);
      if (cfg.plugin === 'kernel') return done();
      enabled = tenants.lookupPluginEnabled(tenant.id, cfg.plugin);
    } catch (err) {
      return done(err as Error);
    }
    const decide = (on: boolean) => done(on ? undefined : new ProblemError(403, 'plugin_disabled', `The "${cfg.plugin}" plugin is not enabled for this tenant`));
    if (isPromise(enabled)) enabled.then(decide, done);
    else decide(enabled);
  };
}

export type RouteGuard = (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => void;

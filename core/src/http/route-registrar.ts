import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { isPromise, type MaybePromise } from '../maybe-promise.ts';
import { ProblemError, type RequestTraffic, type RouteDefinition, type RouteRegistrar, type RouteScope } from '@platform/sdk';
import { KernelError } from '../errors.ts';
import { isTenantBound, type PermissionScopes } from '../auth/permission-catalog.ts';
import type { CachedTenantDirectory } from '../tenancy/tenant-directory.ts';

/** What the guard reads from each route's config. */
export interface RouteGuardConfig {
  plugin: string;
  permission?: string;
  public?: boolean;
  tenantScoped: boolean;
  /** What the route acts on (null for public routes): a tenant-bound caller never reaches a `platform` route. */
  scope: RouteScope | null;
  /** What response observers are told about the route's traffic (metrics keep polling and streams out of API SLOs). */
  traffic: RequestTraffic;
  /** A mutating method that only reads (RouteDefinition.readOnly): no maintenance refusal, no idempotency. */
  readOnly?: boolean;
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

/**
 * A route's scope: declared, or else its permission's. A route whose permission no plugin declares must say
 * which it is, so that no route is left without one.
 */
export function routeScopeOf(plugin: string, route: { method: unknown; url: string; permission?: string; public?: boolean; scope?: RouteScope }, scopes: PermissionScopes): RouteScope | null {
  if (route.scope !== undefined && route.scope !== 'tenant' && route.scope !== 'platform')
    throw new KernelError('route_scope_invalid', `route ${String(route.method)} ${route.url} of plugin "${plugin}" has an invalid scope "${String(route.scope)}"`);
  if (route.public) return route.scope ?? null;
  const scope = route.scope ?? scopes.scopeOf(route.permission!);
  if (!scope)
    throw new KernelError('route_scope_unknown', `route ${String(route.method)} ${route.url} of plugin "${plugin}" needs permission "${route.permission}", which no installed plugin declares; declare the permission or the route's scope`);
  return scope;
}

/** Collects a plugin's routes during boot; `mount()` registers them in an encapsulated context under `prefix`. */
export class PluginRouteCollector implements RouteRegistrar {
  readonly routes: RouteDefinition[] = [];
  constructor(private readonly plugin: string) {}

  add(route: RouteDefinition): void {
    assertRouteProtected(this.plugin, route);
    this.routes.push(route);
  }

  mount(app: FastifyInstance, prefix: string, guard: RouteGuard, scopes: PermissionScopes): void {
    const plugin = this.plugin;
    const routes = this.routes;
    const configOf = (r: RouteDefinition): RouteGuardConfig => ({ plugin, permission: r.permission, public: !!r.public, tenantScoped: r.tenantScoped ?? !r.public, scope: routeScopeOf(plugin, r, scopes), traffic: r.traffic ?? 'api', readOnly: r.readOnly === true });
    const configs = new Map(routes.map((r) => [r, configOf(r)]));
    app.register(
      async (scope) => {
        const optionsOf = (r: RouteDefinition): RouteOptions => {
          const opts: RouteOptions = {
            method: r.method,
            url: r.url,
            schema: { ...(r.schema ?? {}), tags: r.schema?.tags ?? [plugin], ...(r.public ? {} : { security: [{ bearer: [] }, { cookie: [] }] }) },
            config: configs.get(r) as any,
            // Authentication, permission and tenant checks run before the body is parsed or validated,
            // so an anonymous or unauthorised caller learns nothing about the route's input.
            onRequest: guard,
            handler: r.handler as RouteOptions['handler'],
          };
          if (r.bodyLimit) opts.bodyLimit = r.bodyLimit;
          return opts;
        };
        for (const r of routes) if (!r.rawBody && !r.streamBody) scope.route(optionsOf(r));
        // Streamed-body routes: the parser hands the request stream on unread (the handler reads it).
        const streamed = routes.filter((r) => r.streamBody && !r.rawBody);
        if (streamed.length)
          scope.register(async (child) => {
            child.removeAllContentTypeParsers();
            child.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
            for (const r of streamed) child.route(optionsOf(r));
          });
        // Raw-body routes live in a child context whose only parser keeps the bytes, whatever the content type.
        const raw = routes.filter((r) => r.rawBody);
        if (raw.length)
          scope.register(async (child) => {
            child.removeAllContentTypeParsers();
            child.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
            for (const r of raw) child.route(optionsOf(r));
          });
      },
      { prefix },
    );
    // Well-known absolute paths (e.g. `/metrics` for Prometheus) serve the same route with the same checks.
    for (const r of routes.filter((x) => x.alias)) {
      app.route({
        method: r.method,
        url: r.alias!,
        schema: { hide: true },
        config: configs.get(r) as any,
        onRequest: guard,
        handler: r.handler as RouteOptions['handler'],
      });
    }
  }
}

const isLive = (status: string) => status === 'active' || status === 'provisioning';

const pluginDisabled = (plugin: string) => new ProblemError(403, 'plugin_disabled', `The "${plugin}" plugin is not enabled for this tenant`);
const passThrough: RouteGuard = (_req, _reply, done) => done();

/**
 * The onRequest check of every API route: authentication, permission, tenant required and live, plugin
 * enabled for the tenant; then `after` (maintenance mode) when all of that passed. Callback-style, and
 * synchronous with no closure made per request when the tenant's plugin switches are cached.
 */
export function createRouteGuard(tenants: CachedTenantDirectory, after: RouteGuard = passThrough): RouteGuard {
  return function guard(req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void): void {
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
        if (isTenantBound(ctx.actor)) {
          // Platform routes are for platform staff; a tenant-bound caller is refused before the handler runs,
          // whatever permissions it holds.
          if (cfg.scope === 'platform')
            throw new ProblemError(403, 'platform_only', 'This route acts on the platform; tenant users and tenant-bound API keys cannot use it');
          // Tenant routes run in the caller's own tenant (request-context resolves nothing else; this keeps it so).
          if (ctx.tenantId !== ctx.actor.tenantId) throw new ProblemError(403, 'tenant_mismatch', 'You can only act in your own tenant', { field: 'X-Tenant-Id' });
        }
      }
      if (cfg.tenantScoped) ctx.requireTenant();
      // Tenant-scoped routes, and any plugin route acting in a tenant (e.g. a CRUD list, which may also run
      // across tenants), need that tenant live and the plugin enabled for it.
      const tenant = ctx.tenant;
      if (!tenant || !(cfg.tenantScoped || (cfg.plugin !== 'kernel' && !cfg.public))) return after(req, reply, done);
      if (!isLive(tenant.status)) throw new ProblemError(403, 'tenant_suspended', `Tenant "${tenant.slug}" is ${tenant.status}`);
      if (cfg.plugin === 'kernel') return after(req, reply, done);
      enabled = tenants.lookupPluginEnabled(tenant.id, cfg.plugin);
    } catch (err) {
      return done(err as Error);
    }
    if (isPromise(enabled)) enabled.then((on) => (on ? after(req, reply, done) : done(pluginDisabled(cfg.plugin))), done);
    else if (enabled) after(req, reply, done);
    else done(pluginDisabled(cfg.plugin));
  };
}

export type RouteGuard = (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => void;

import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { FastifyRequest } from 'fastify';
import { ProblemError, TENANT_FILTER, type Actor, type AuditInput, type RequestContext, type TenantInfo } from '@platform/sdk';
import { CROSS_TENANT, hasPermission, isTenantBound } from '../auth/permission-catalog.ts';
import type { ActorResolver } from '../auth/actor-resolver.ts';
import { andThen, type MaybePromise } from '../maybe-promise.ts';
import type { CachedTenantDirectory } from '../tenancy/tenant-directory.ts';
import type { AuditRecordInput } from '../audit/audit-writer.ts';
import type { RowScope, RowScopedEntityManagers } from '../db/row-scope.ts';

export interface RequestContextDeps {
  orm: MikroORM;
  /** Entity managers under row-level security: every query of a request's `em` runs under the app role. */
  rowScoped: RowScopedEntityManagers;
  actors: ActorResolver;
  tenants: CachedTenantDirectory;
  audit: { record(entry: AuditRecordInput, em?: any): Promise<void> };
  tenantRootDomain: string | null;
  /** The kernel's dependency-injection container (services plugins registered). */
  resolve<T>(name: string): T;
}

export const SESSION_COOKIE = 'sid';

/**
 * An API key sent bare, `Authorization: pk_…`, as Unleash SDKs send theirs. Only a value of exactly
 * our API key's shape is read this way; any other scheme-less value is ignored, as before.
 */
const BARE_API_KEY = /^pk_[0-9a-f]{8}_[A-Za-z0-9_-]{32}$/;

export function tokenOf(req: FastifyRequest): string | null {
  const auth = req.headers.authorization;
  if (auth && /^bearer /i.test(auth)) return auth.slice(7).trim() || null;
  if (auth && BARE_API_KEY.test(auth)) return auth;
  // Cookies are parsed here, only for requests without a bearer token (the cookie plugin's hook is off).
  const header = req.headers.cookie;
  if (!header) return null;
  return req.server.parseCookie(header)[SESSION_COOKIE] || null;
}

function subdomainOf(host: string | undefined, root: string | null): string | null {
  if (!host || !root) return null;
  const h = host.split(':')[0].toLowerCase();
  if (!h.endsWith('.' + root)) return null;
  const sub = h.slice(0, -(root.length + 1));
  return sub && !sub.includes('.') ? sub : null;
}

/**
 * Resolves the request's tenant:
 * - a tenant user or tenant-bound key: its own tenant (a different X-Tenant-Id is refused);
 * - platform staff: X-Tenant-Id (id or slug), `*`/absent meaning "all tenants";
 * - otherwise the host's subdomain under `tenantRootDomain`, or else the tenant whose primary domain is the host.
 */
function resolveTenant(req: FastifyRequest, actor: Actor | null, deps: RequestContextDeps): MaybePromise<TenantInfo | null> {
  const header = req.headers['x-tenant-id'];
  const requested = typeof header === 'string' && header.trim() !== '' && header !== '*' ? header.trim() : null;
  if (actor?.tenantId) {
    if (!requested) return deps.tenants.lookup(actor.tenantId);
    return andThen(deps.tenants.lookup(actor.tenantId), (own) => {
      if (own && requested !== own.id && requested.toLowerCase() !== own.slug && !actor.canActOnBehalf)
        throw new ProblemError(403, 'tenant_mismatch', 'You can only act in your own tenant', { field: 'X-Tenant-Id' });
      return own;
    });
  }
  if (requested) {
    if (actor && actor.kind !== 'staff') throw new ProblemError(403, 'tenant_mismatch', 'You can only act in your own tenant');
    return andThen(deps.tenants.lookup(requested), (t) => {
      if (!t) throw new ProblemError(404, 'tenant_not_found', `Tenant "${requested}" not found`, { field: 'X-Tenant-Id' });
      return t;
    });
  }
  const host = req.headers.host;
  if (!host) return null;
  const sub = subdomainOf(host, deps.tenantRootDomain);
  // Last, a tenant whose primary domain is the host (also when a subdomain names no tenant).
  if (sub) return andThen(deps.tenants.lookup(sub), (t) => t ?? deps.tenants.lookupDomain(host));
  return deps.tenants.lookupDomain(host);
}

const NO_PERMISSIONS: ReadonlySet<string> = new Set();

/** One request's actor, tenant and entity manager. A class, so serving a request creates no closures. */
class KernelRequestContext implements RequestContext {
  readonly tenantId: string | null;
  private forked: EntityManager | null = null;

  constructor(
    readonly requestId: string,
    readonly actor: Actor | null,
    readonly tenant: TenantInfo | null,
    private readonly deps: RequestContextDeps,
  ) {
    this.tenantId = tenant?.id ?? null;
  }

  /**
   * Forked on first use: many requests (cached reads, auth checks) never touch the entity manager.
   * Its queries run under the app role in the request's row scope, so PostgreSQL's row-level security
   * backs the ORM's tenant filter: raw SQL through it that forgets the tenant sees no other tenant's rows.
   */
  get em(): EntityManager {
    if (!this.forked) {
      this.forked = this.deps.rowScoped.fork(requestRowScope(this));
      if (this.tenant) this.forked.setFilterParams(TENANT_FILTER, { tenantId: this.tenant.id });
    }
    return this.forked;
  }

  can(permission: string): boolean {
    return !!this.actor && hasPermission(this.actor.permissions ?? NO_PERMISSIONS, permission);
  }

  require(permission: string): void {
    if (!this.actor) throw new ProblemError(401, 'unauthorized', 'Authentication required');
    if (!hasPermission(this.actor.permissions ?? NO_PERMISSIONS, permission)) throw new ProblemError(403, 'forbidden', `Missing permission "${permission}"`, { extra: { permission } });
  }

  requireTenant(): string {
    if (!this.tenant) throw new ProblemError(400, 'tenant_required', 'Select a tenant (X-Tenant-Id) for this action', { field: 'X-Tenant-Id' });
    return this.tenant.id;
  }

  acrossTenants(): EntityManager {
    this.require(CROSS_TENANT);
    if (this.actor?.kind !== 'staff' || isTenantBound(this.actor)) throw new ProblemError(403, 'forbidden', 'Only platform staff can read across tenants');
    const cross = this.deps.rowScoped.fork('all');
    cross.setFilterParams(TENANT_FILTER, { allTenants: true });
    return cross;
  }

  nameableTenantIds(): readonly string[] | null {
    if (isTenantBound(this.actor)) return [this.actor!.tenantId!];
    if (this.tenantId) return [this.tenantId];
    return this.actor?.kind === 'staff' && this.can(CROSS_TENANT) ? null : [];
  }

  tenantsNamed(field: string, named: string | readonly string[] | null | undefined): string[] | null {
    const ids = named === null || named === undefined || named === '' ? [] : typeof named === 'string' ? [named] : [...named];
    // A client's filter may hold anything JSON does (`[null]`, numbers): only strings name tenants.
    if (ids.some((id) => typeof id !== 'string' || id === '')) throw new ProblemError(400, 'validation_failed', `${field} must name tenants by id or slug`, { field });
    const nameable = this.nameableTenantIds();
    if (!ids.length) {
      if (nameable === null || nameable.length) return nameable === null ? null : [...nameable];
      // Staff without the cross-tenant permission and no tenant selected: the same answer as acrossTenants().
      this.require(CROSS_TENANT);
      throw new ProblemError(400, 'tenant_required', 'Select a tenant (X-Tenant-Id) for this action', { field: 'X-Tenant-Id' });
    }
    if (nameable === null) return ids;
    // The request's own tenant may be named by id or by slug.
    const own = this.tenant;
    const resolved = ids.map((id) => (own && (id === own.slug || id.toLowerCase() === own.slug) ? own.id : id));
    const foreign = resolved.find((id) => !nameable.includes(id));
    if (foreign !== undefined)
      throw new ProblemError(403, 'tenant_forbidden', `${field} names tenant "${foreign}", which this request cannot reach: it acts in ${own ? `tenant "${own.slug}"` : 'no tenant'} only`, { field });
    return resolved;
  }

  resolve<T>(name: string): T {
    return this.deps.resolve<T>(name);
  }

  async audit(entry: AuditInput, auditEm?: EntityManager): Promise<void> {
    const actor = this.actor;
    await this.deps.audit.record(
      {
        ...entry,
        tenantId: entry.tenantId === undefined ? this.tenantId : entry.tenantId,
        actorType: actor?.type ?? 'anonymous',
        actorId: actor?.id ?? null,
        actorLabel: actor?.email ?? actor?.name ?? null,
        requestId: this.requestId,
      },
      auditEm,
    );
  }
}

/**
 * The rows a request's `em` may see: its tenant's; with no tenant, every tenant's for staff who may read
 * across tenants (what "all tenants" means for them), else the platform-level rows only.
 */
export function requestRowScope(ctx: RequestContext): RowScope {
  // A tenant-bound caller is kept to its own tenant even if no tenant was resolved for the request.
  const tenantId = ctx.tenantId ?? ctx.actor?.tenantId;
  if (tenantId) return { tenantId };
  return ctx.actor?.kind === 'staff' && ctx.can(CROSS_TENANT) ? 'all' : 'platform';
}

/** The request's context; synchronous when its actor and tenant are cached (most requests). */
export function buildRequestContext(req: FastifyRequest, deps: RequestContextDeps): MaybePromise<RequestContext> {
  const token = tokenOf(req);
  return andThen(token ? deps.actors.lookup(token) : null, (actor) =>
    andThen(resolveTenant(req, actor, deps), (tenant) => new KernelRequestContext(String(req.id), actor, tenant, deps)),
  );
}

/** Stamp used by kernel services for audit entries. */
export function stampOf(req: FastifyRequest) {
  const a = req.ctx.actor;
  return { actorType: a?.type ?? 'anonymous', actorId: a?.id ?? null, actorLabel: a?.email ?? a?.name ?? null, requestId: String(req.id) };
}

import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { FastifyRequest } from 'fastify';
import { ProblemError, TENANT_FILTER, type Actor, type AuditInput, type RequestContext, type TenantInfo } from '@platform/sdk';
import { CROSS_TENANT, hasPermission } from '../auth/permission-catalog.ts';
import type { ActorResolver } from '../auth/actor-resolver.ts';
import { andThen, type MaybePromise } from '../maybe-promise.ts';
import type { CachedTenantDirectory } from '../tenancy/tenant-directory.ts';
import type { AuditRecordInput } from '../audit/audit-writer.ts';

export interface RequestContextDeps {
  orm: MikroORM;
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

  /** Forked on first use: many requests (cached reads, auth checks) never touch the entity manager. */
  get em(): EntityManager {
    if (!this.forked) {
      this.forked = this.deps.orm.em.fork();
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
    if (this.actor?.kind !== 'staff') throw new ProblemError(403, 'forbidden', 'Only platform staff can read across tenants');
    const cross = this.deps.orm.em.fork();
    cross.setFilterParams(TENANT_FILTER, { allTenants: true });
    return cross;
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

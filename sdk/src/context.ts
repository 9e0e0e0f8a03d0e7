import type { EntityManager, EntityName } from '@mikro-orm/core';
import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest, FastifySchema, HTTPMethods } from 'fastify';
import type { TObject } from '@sinclair/typebox';
import type { ExtensionPoint } from './plugin.ts';
import type { EventName, EventPayload } from './events.ts';
import type { PlatformLogger } from './logger.ts';
import type { LoggingControl } from './logging/log-sink.ts';

/** Who is calling. */
export interface Actor {
  type: 'user' | 'api_key' | 'system';
  id: string;
  /** Staff work across tenants (given permission); tenant users belong to exactly one tenant. */
  kind: 'staff' | 'tenant';
  email?: string;
  name?: string;
  /** The actor's own tenant (tenant users, tenant-bound API keys). */
  tenantId: string | null;
  permissions: ReadonlySet<string>;
  roles: string[];
  /** API keys allowed to act on behalf of other users/tenants (e.g. flag evaluation). */
  canActOnBehalf?: boolean;
}

export interface TenantInfo {
  id: string;
  slug: string;
  name: string;
  status: 'provisioning' | 'active' | 'suspended' | 'deleted';
  locale: string;
  primaryDomain: string | null;
  /** ISO: when the tenant was created (absent where a caller builds a TenantInfo by hand). */
  createdAt?: string;
}

export interface AuditInput {
  action: string;
  tenantId?: string | null;
  targetType?: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/** Everything a route handler needs, bound to the current request. */
export interface RequestContext {
  requestId: string;
  actor: Actor | null;
  /** The tenant this request acts on, or null (platform-level or "all tenants"). */
  tenantId: string | null;
  tenant: TenantInfo | null;
  /** Entity manager forked for this request; the tenant filter is on with this request's tenant. */
  em: EntityManager;
  can(permission: string): boolean;
  /** Throws 403 `forbidden` when the actor lacks the permission. */
  require(permission: string): void;
  /** Returns the tenant id or throws 400 `tenant_required`. */
  requireTenant(): string;
  /** Entity manager with the tenant filter off. Requires the `platform.tenants.cross` permission (staff only). */
  acrossTenants(): EntityManager;
  /**
   * The tenant ids this caller may name in a query parameter or body field: the caller's own tenant for a
   * tenant user or tenant-bound API key, the tenant staff selected with X-Tenant-Id, or `null` (any) for
   * staff with no tenant selected who may read across tenants (`platform.tenants.cross`).
   */
  nameableTenantIds(): readonly string[] | null;
  /**
   * The tenants a list, report or write may cover, given the tenant id(s) (or the own slug) a client named in
   * `field` (a query parameter, a list filter or a body field): the named ones when this caller may name them
   * all, else 403 `tenant_forbidden` naming `field`. When none is named: `nameableTenantIds()`, where `null`
   * means every tenant (staff reading across tenants).
   */
  tenantsNamed(field: string, named: string | readonly string[] | null | undefined): string[] | null;
  /** Writes an audit entry with this request's actor and request id. */
  audit(entry: AuditInput, em?: EntityManager): Promise<void>;
  /** A service registered for dependency injection (e.g. `FLAG_CLIENT`), as `ctx.resolve` in a plugin. */
  resolve<T>(name: string): T;
}

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

export type RouteHandler = (req: FastifyRequest<any>, reply: FastifyReply) => unknown | Promise<unknown>;

/**
 * What a route acts on. `tenant`: one tenant, always the caller's own for a tenant-bound caller (no header,
 * parameter or body field changes it). `platform`: the platform itself or several tenants; the kernel refuses
 * a tenant-bound caller (tenant user, tenant-bound API key) with 403 `platform_only` before the handler runs.
 */
export type RouteScope = 'tenant' | 'platform';

export interface RouteDefinition {
  method: HTTPMethods | HTTPMethods[];
  /** Path relative to the plugin prefix `/api/<plugin>`. */
  url: string;
  /** Permission the actor must hold. Either this or `public: true` is required. */
  permission?: string;
  public?: boolean;
  /**
   * Defaults to the scope of `permission` (a `platform` permission makes a `platform` route). Declare
   * `platform` for a route that needs only a tenant permission but acts on the platform or across tenants.
   */
  scope?: RouteScope;
  /** Default true for non-public routes: the request must resolve to an active tenant. */
  tenantScoped?: boolean;
  schema?: FastifySchema & { summary?: string; description?: string; tags?: string[] };
  /** Raw body size limit in bytes. */
  bodyLimit?: number;
  /**
   * Leave the body unparsed: `req.body` is the exact bytes received (a Buffer; undefined without a body),
   * whatever the content type (JSON, form-encoded...). For signed webhooks, whose signatures cover the bytes.
   */
  rawBody?: boolean;
  /**
   * Leave the body unread: `req.body` is the request's byte stream (a `Readable`; undefined without a body), whatever
   * the content type, for uploads the handler streams on (to storage) without holding them in memory. `bodyLimit`
   * is not applied to it: the handler counts and refuses itself.
   */
  streamBody?: boolean;
  /** An absolute path that also serves this route, with the same checks (e.g. `/metrics`). */
  alias?: string;
  /**
   * What kind of traffic the route serves, for response observers (default `api`): `polling` for reads the
   * console and monitors repeat on a timer to watch the platform (health, metrics), `stream` for long-lived
   * responses (server-sent events). The metrics plugin reports both apart from API traffic, outside API SLOs.
   */
  traffic?: RequestTraffic;
  /**
   * A POST (or other mutating method) that only reads, such as an evaluation or a search with a body:
   * maintenance mode does not refuse it, and it takes no `Idempotency-Key` (nothing is stored for it).
   */
  readOnly?: boolean;
  handler: RouteHandler;
}

/** See {@link RouteDefinition.traffic}. */
export type RequestTraffic = 'api' | 'polling' | 'stream';

export interface RouteRegistrar {
  add(route: RouteDefinition): void;
}

/** react-admin style CRUD for one entity. */
export interface CrudOptions {
  entity: EntityName<any>;
  /** Path relative to the plugin prefix, e.g. `/items`. */
  path: string;
  /** Resource name used in audit entries, e.g. `example.item`. */
  resource: string;
  permissions: { read: string; write: string };
  /** TypeBox schema of the fields a client may set on create. Unknown fields are rejected. */
  createSchema: TObject;
  /** Defaults to a partial of createSchema. */
  updateSchema?: TObject;
  /** Response item schema (for OpenAPI). Optional. */
  itemSchema?: TObject;
  /** Fields the `q` filter searches with ILIKE. */
  searchFields?: string[];
  /** Fields allowed in `filter` and `sort`. Default: all createSchema fields + id, createdAt, updatedAt. */
  filterFields?: string[];
  /** Default true: entity has `tenantId`, rows are scoped to the request tenant. */
  tenantScoped?: boolean;
  /** Every route's scope; by default each route takes its permission's scope. */
  scope?: RouteScope;
  /** Called before insert/update to validate cross-field rules; throw a ProblemError to refuse. */
  beforeSave?(data: Record<string, unknown>, req: FastifyRequest, existing?: Record<string, unknown>): void | Promise<void>;
  /** Event emitted (durably) on create/update/delete: `<eventPrefix>.created` etc. */
  eventPrefix?: string;
}

export type EventHandler<N extends string = string> = (payload: EventPayload<N>, meta: { name: N; id?: string }) => void | Promise<void>;

export interface EventBus {
  /** In-process, fire-and-forget. */
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
  /**
   * Written to the outbox inside the transaction of `em`; delivered at least once to each durable
   * subscriber after commit, across instances. Also re-emitted in-process on delivery.
   */
  emitDurable<N extends EventName>(em: EntityManager, name: N, payload: EventPayload<N>): Promise<void>;
  /** In-process listener; supports wildcards (`tenant.*`). */
  on<N extends string>(pattern: N, handler: EventHandler<N>): void;
  /**
   * Durable subscriber: at-least-once, retried with backoff, dead-lettered after max attempts. `id` must be stable.
   * Deliveries reach it one after another in event order, unless `concurrency` (1–64) lets that many run side by
   * side: only for handlers that do not depend on the order of events.
   */
  subscribe<N extends string>(id: string, pattern: N, handler: EventHandler<N>, opts?: { maxAttempts?: number; concurrency?: number }): void;
}

export interface JobDefinition {
  /** Unique within the plugin; the kernel prefixes it with the plugin name. */
  name: string;
  /** Interval in seconds. */
  everySeconds?: number;
  /** Cron expression (minute granularity), e.g. `0 * * * *`. */
  cron?: string;
  handler(job: JobRunContext): Promise<void> | void;
}

export interface JobRunContext {
  name: string;
  /** Planned time of this tick. */
  scheduledAt: Date;
  em: EntityManager;
}

export interface JobRegistrar {
  define(job: JobDefinition): void;
}

export interface AuditWriter {
  record(entry: AuditInput & { actorId?: string | null; actorType?: string; requestId?: string | null }, em?: EntityManager): Promise<void>;
  /** Many entries in one statement (a batch job auditing each row it changed), with `em` inside its transaction. */
  recordMany(entries: (AuditInput & { actorId?: string | null; actorType?: string; requestId?: string | null })[], em?: EntityManager): Promise<void>;
}

/** One audit entry as the audit API shows it. */
export interface AuditEntry {
  id: string;
  /** ISO */
  at: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  tenantId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  requestId: string | null;
}

/** `ctx.audit`: writes entries, and reads a tenant's latest ones (a support snapshot, a tenant's activity panel). */
export interface AuditTrail extends AuditWriter {
  /**
   * The tenant's newest entries first (default 20, at most 200). `before`, an entry's id, pages back: only entries older
   * than that one (pass the last id of the previous page).
   */
  recent(query: { tenantId: string; limit?: number; before?: string }): Promise<AuditEntry[]>;
}

/** A user as other plugins see one (never the password hash or sessions). */
export interface UserSummary {
  id: string;
  email: string;
  name: string;
  kind: 'staff' | 'tenant';
  tenantId: string | null;
  status: 'active' | 'disabled';
  roles: string[];
}

/** `ctx.users`: look up users without reading the kernel's tables. */
export interface UserDirectory {
  get(id: string): Promise<UserSummary | null>;
  /** Active staff users, by name; with `permission`, only those whose roles grant it. */
  listStaff(opts?: { permission?: string }): Promise<UserSummary[]>;
  /** Active users of one tenant, by name; with `permission`, only those whose roles grant it (e.g. its admins). */
  listTenantUsers(tenantId: string, opts?: { permission?: string }): Promise<UserSummary[]>;
  /** Whether the user's roles grant the permission (super_admin holds every permission). */
  hasPermission(user: UserSummary, permission: string): Promise<boolean>;
}

export interface Database {
  /** A fresh entity manager with the tenant filter bound to `tenantId`. */
  forTenant(tenantId: string): EntityManager;
  /** A fresh entity manager with the tenant filter off (system code: jobs, relays). */
  system(): EntityManager;
  /** Raw SQL through the ORM's connection (works on embedded and server PostgreSQL). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[], em?: EntityManager): Promise<T[]>;
  /**
   * The rows of `select` (no bind parameters) in PostgreSQL's COPY text format, a line per row, streamed with
   * backpressure through `em`'s connection (inside its transaction when it has one): `COPY (select) TO STDOUT` on a
   * server, so rows never become objects and memory stays flat; the embedded database reads them in one query.
   */
  copyOut(select: string, em?: EntityManager): Readable;
}

export interface SettingsAccessor {
  /** Decrypted settings of this plugin (platform-level, or per tenant when given). */
  get<T = Record<string, unknown>>(tenantId?: string | null): Promise<T>;
  /** `get(tenantId)` for many tenants in one read (the platform values overlaid by each tenant's own). */
  getForTenants<T = Record<string, unknown>>(tenantIds: readonly string[]): Promise<Map<string, T>>;
  set(values: Record<string, unknown>, tenantId?: string | null): Promise<void>;
}

/**
 * Seals a plugin's own secret values (not settings: rows it keeps, such as provider configurations) with
 * the kernel's key. Fields are picked by the schema's `Secret()` marks, top level.
 */
export interface SecretSealer {
  /**
   * What to store: secret fields encrypted. A secret sent back as {@link SECRET_MASK} (what `mask` showed)
   * keeps the value in `previous` (the stored object), so an edit form can round-trip masked values.
   */
  seal(schema: TObject, values: Record<string, unknown>, previous?: Record<string, unknown>): Record<string, unknown>;
  /** The stored object with its secret fields decrypted. */
  open(schema: TObject, stored: Record<string, unknown>): Record<string, unknown>;
  /** What an API shows: secret fields replaced by {@link SECRET_MASK}, or null when unset. */
  mask(schema: TObject, stored: Record<string, unknown>): Record<string, unknown>;
}

export interface TenantDirectory {
  get(idOrSlug: string): Promise<TenantInfo | null>;
  list(opts?: { status?: TenantInfo['status'][] }): Promise<TenantInfo[]>;
  /** Whether the given plugin is enabled for the tenant. */
  isPluginEnabled(tenantId: string, plugin: string): Promise<boolean>;
  /** Of `tenantIds`, those the plugin is enabled for, in one read. */
  enabledTenants(plugin: string, tenantIds: readonly string[]): Promise<Set<string>>;
}

/**
 * Changes of a tenant's own profile made for the tenant by a plugin (an onboarding wizard's basic info), audited
 * as `tenant.updated` like staff's edits: 409 `slug_taken` / `domain_taken` naming the field.
 */
export interface TenantProfileWriter {
  update(
    tenantId: string,
    changes: { name?: string; slug?: string; primaryDomain?: string | null },
    by?: { actorId?: string | null; actorType?: string; actorLabel?: string | null; requestId?: string | null },
  ): Promise<TenantInfo>;
}

export interface Logger {
  debug(obj: unknown, msg?: string): void;
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** One finished HTTP request, as seen by response observers (metrics, logs). */
export interface ResponseInfo {
  method: string;
  /** The route template (`/api/example/notes/:id`), or the raw path when no route matched. */
  route: string;
  matched: boolean;
  statusCode: number;
  durationMs: number;
  tenantId: string | null;
  actorId: string | null;
  requestId: string;
  /**
   * The route's declared traffic kind (`api` for routes that declare none and unmatched `/api/` requests), or
   * `outside_api` for what no plugin route serves outside `/api/`: the console's files, `/livez`, `/readyz`, `/docs`.
   */
  traffic: RequestTraffic | 'outside_api';
}

export interface HttpObservers {
  /** Called after every response, on the request path: keep it cheap and never throw. */
  onResponse(observer: (info: ResponseInfo) => void): void;
  /**
   * Called when the kernel starts a graceful shutdown, before it drains requests: end long-lived
   * responses here (SSE streams, long polls) so the drain does not wait for them.
   */
  onClosing(hook: () => void | Promise<void>): void;
}

/** Messages to every instance (cache invalidation, versioned snapshots) through PostgreSQL LISTEN/NOTIFY. */
export interface Broadcast {
  /** Delivered to subscribers on every instance, this one included; with `em`, only once its transaction commits. Payload < 8 KB. */
  publish(channel: string, payload: unknown, em?: EntityManager): Promise<void>;
  /** Returns an unsubscribe function. */
  subscribe(channel: string, handler: (payload: unknown) => void): () => void;
}

export interface ExtensionRegistry {
  /** Owner declares the point; contributions before declaration are kept. */
  declare<T>(point: ExtensionPoint<T>): void;
  contribute<T>(point: ExtensionPoint<T>, contribution: T): void;
  get<T>(point: ExtensionPoint<T>): T[];
}

export interface KernelInfo {
  version: string;
  /** True when running on the embedded PostgreSQL. */
  embedded: boolean;
  /** Public base URL of this instance. */
  baseUrl: string;
  /** The instance's data folder (absolute): where a plugin keeps local files, each under its own subfolder. */
  dataDir: string;
}

/** Available in `register()`: DI and extension points only. */
export interface RegisterContext {
  plugin: { name: string; version: string };
  kernel: KernelInfo;
  extensions: ExtensionRegistry;
  /** Put a service into the DI container under `name`. */
  provide<T>(name: string, value: T): void;
  resolve<T>(name: string): T;
  /** Structured logger bound to this plugin (`service` = plugin name) and, during a request, to its tenant, user and request id. */
  logger: PlatformLogger;
}

/** Available in `boot()` and `shutdown()`. */
export interface PluginContext extends RegisterContext {
  routes: RouteRegistrar;
  crud(options: CrudOptions): void;
  events: EventBus;
  broadcast: Broadcast;
  http: HttpObservers;
  jobs: JobRegistrar;
  audit: AuditTrail;
  /** Users (staff and tenant users), read-only. */
  users: UserDirectory;
  db: Database;
  settings: SettingsAccessor;
  /** Encrypts the `Secret()` fields of the plugin's own stored objects with the kernel's key. */
  secrets: SecretSealer;
  tenants: TenantDirectory;
  /** A tenant's name, slug and domain, changed for the tenant. */
  tenantProfile: TenantProfileWriter;
  /** The log pipeline behind every logger: add sinks (storage, live tail), PII redaction rules, stats. */
  logging: LoggingControl;
}

/** The request type route handlers receive (`req.ctx` holds the RequestContext). */
export type { FastifyRequest as PlatformRequest, FastifyReply as PlatformReply } from 'fastify';

import type { MikroORM } from '@mikro-orm/core';
import { RefreshingCache, type PluginManifest, type TenantDirectory, type TenantInfo } from '@platform/sdk';
import { Tenant, TenantPlugin, type TenantRecord } from '../entities/kernel-entities.ts';
import type { MaybePromise } from '../maybe-promise.ts';

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `Acme.COM:8080` → `acme.com`. */
function hostnameOf(host: string): string {
  return host.split(':')[0].trim().toLowerCase();
}

export function toTenantInfo(t: TenantRecord): TenantInfo {
  return { id: t.id, slug: t.slug, name: t.name, status: t.status, locale: t.locale, primaryDomain: t.primaryDomain, createdAt: t.createdAt instanceof Date ? t.createdAt.toISOString() : undefined };
}

/**
 * Cached tenant and plugin-enablement lookups for the request path, reloaded in the background while in use (a
 * busy tenant's requests never wait for a refresh); lifecycle changes call `invalidate`.
 */
export class CachedTenantDirectory implements TenantDirectory {
  /** Id or slug → tenant, misses included. Bounded: X-Tenant-Id and slugs in URLs are the client's to choose. */
  private readonly byKey: RefreshingCache<string, TenantInfo | null>;
  private readonly enablement: RefreshingCache<string, Map<string, boolean>>;
  /** Host → tenant by primary domain, misses included. Bounded: the Host header is the client's to choose. */
  private readonly byHost: RefreshingCache<string, TenantInfo | null>;

  constructor(private readonly orm: MikroORM, private readonly plugins: () => PluginManifest[], ttlMs = 5000) {
    this.byKey = new RefreshingCache({ capacity: 10_000, ttlMs });
    this.enablement = new RefreshingCache({ capacity: 10_000, ttlMs });
    this.byHost = new RefreshingCache({ capacity: 10_000, ttlMs });
  }

  /** The tenant, without waiting when it is cached. */
  lookup(idOrSlug: string): MaybePromise<TenantInfo | null> {
    const key = idOrSlug.toLowerCase();
    return this.byKey.get(key, async () => {
      const em = this.orm.em.fork();
      const row = UUID_RE.test(idOrSlug) ? await em.findOne(Tenant, { id: idOrSlug }) : await em.findOne(Tenant, { slug: key });
      return row ? toTenantInfo(row) : null;
    });
  }

  async get(idOrSlug: string): Promise<TenantInfo | null> {
    return this.lookup(idOrSlug);
  }

  /** The tenant whose primary domain is `host` (port ignored), without waiting when that is cached. */
  lookupDomain(host: string): MaybePromise<TenantInfo | null> {
    const key = hostnameOf(host);
    return this.byHost.get(key, async () => {
      const row = key ? await this.orm.em.fork().findOne(Tenant, { primaryDomain: key }) : null;
      return row ? toTenantInfo(row) : null;
    });
  }

  async byDomain(host: string): Promise<TenantInfo | null> {
    return this.lookupDomain(host);
  }

  async list(opts: { status?: TenantInfo['status'][] } = {}): Promise<TenantInfo[]> {
    const rows = await this.orm.em.fork().find(Tenant, opts.status ? { status: { $in: opts.status } } : {}, { orderBy: { name: 'ASC' } });
    return rows.map(toTenantInfo);
  }

  async isPluginEnabled(tenantId: string, plugin: string): Promise<boolean> {
    return this.lookupPluginEnabled(tenantId, plugin);
  }

  /** Whether the plugin is on for the tenant, without waiting when that is cached. */
  lookupPluginEnabled(tenantId: string, plugin: string): MaybePromise<boolean> {
    const manifest = this.manifestOf(plugin);
    if (!manifest) return plugin === 'kernel';
    if (manifest.scope !== 'tenant') return true;
    const isOn = (map: Map<string, boolean>) => map.get(plugin) ?? manifest.defaultEnabled !== false;
    const map = this.enablementLookup(tenantId);
    return map instanceof Map ? isOn(map) : map.then(isOn);
  }

  private manifests: Map<string, PluginManifest> | null = null;
  private manifestOf(plugin: string): PluginManifest | undefined {
    this.manifests ??= new Map(this.plugins().map((p) => [p.name, p]));
    return this.manifests.get(plugin);
  }

  async enabledTenants(plugin: string, tenantIds: readonly string[]): Promise<Set<string>> {
    const manifest = this.plugins().find((p) => p.name === plugin);
    if (!manifest) return new Set(plugin === 'kernel' ? tenantIds : []);
    if (manifest.scope !== 'tenant') return new Set(tenantIds);
    const explicit = new Map<string, boolean>();
    for (let i = 0; i < tenantIds.length; i += 1000) {
      const rows = await this.orm.em.fork().find(TenantPlugin, { plugin, tenantId: { $in: tenantIds.slice(i, i + 1000) as string[] } });
      for (const r of rows) explicit.set(r.tenantId, r.enabled);
    }
    return new Set(tenantIds.filter((id) => explicit.get(id) ?? manifest.defaultEnabled !== false));
  }

  async enablementOf(tenantId: string): Promise<Map<string, boolean>> {
    return this.enablementLookup(tenantId);
  }

  private enablementLookup(tenantId: string): MaybePromise<Map<string, boolean>> {
    return this.enablement.get(tenantId, async () => {
      const rows = await this.orm.em.fork().find(TenantPlugin, { tenantId });
      return new Map(rows.map((r) => [r.plugin, r.enabled]));
    });
  }

  private announce: ((tenantId?: string) => void) | null = null;

  /** Other instances hear about local invalidations through `announce` (LISTEN/NOTIFY). */
  announceWith(fn: (tenantId?: string) => void): void {
    this.announce = fn;
  }

  invalidate(tenantId?: string, fromPeer = false): void {
    if (!fromPeer) this.announce?.(tenantId);
    // A tenant's domain change can move a host to it from another tenant or from no tenant at all.
    this.byHost.clear();
    if (!tenantId) {
      this.byKey.clear();
      this.enablement.clear();
      return;
    }
    this.byKey.deleteWhere((k, info) => info?.id === tenantId || k === tenantId);
    this.enablement.delete(tenantId);
  }
}

import type { MikroORM } from '@mikro-orm/core';
import { BoundedMap, RefreshingCache, type Actor } from '@platform/sdk';
import { ApiKey, Session, User } from '../entities/kernel-entities.ts';
import { hashToken } from './tokens.ts';
import type { MaybePromise } from '../maybe-promise.ts';
import type { RoleDirectory } from './role-directory.ts';
import type { PermissionScopes } from './permission-catalog.ts';

/**
 * Turns a session token or API key into an Actor. Results are cached for a few seconds per token, and reloaded
 * in the background before they expire while the token is in use, so a busy client never waits for its refresh
 * (logout and revocation evict locally at once, and on the other instances through `announce`).
 */
export class ActorResolver {
  private readonly cache: RefreshingCache<string, Actor | null>;
  /** token → SHA-256, so a busy client's token is not hashed on every request. */
  private readonly hashes = new BoundedMap<string, string>(10_000);
  /** A found actor's own deadline (its session's or key's expiry), by actor; read when the entry is stored. */
  private readonly validUntil = new WeakMap<Actor, number>();

  constructor(
    private readonly orm: MikroORM,
    private readonly roles: RoleDirectory,
    private readonly scopes: PermissionScopes,
    ttlMs = 5000,
  ) {
    this.cache = new RefreshingCache<string, Actor | null>({
      capacity: 10_000,
      ttlMs,
      // An unknown token is not cached: the next request with it looks again.
      expiresAt: (actor, loadedAt) => (actor ? (this.validUntil.get(actor) ?? loadedAt) : loadedAt),
    });
  }

  private hashOf(token: string): string {
    let hash = this.hashes.get(token);
    if (hash === undefined) {
      hash = hashToken(token);
      this.hashes.set(token, hash);
    }
    return hash;
  }

  /** The token's actor, without waiting when it is cached. */
  lookup(token: string): MaybePromise<Actor | null> {
    const hash = this.hashOf(token);
    return this.cache.get(hash, () => this.load(token, hash));
  }

  async resolve(token: string): Promise<Actor | null> {
    return this.lookup(token);
  }

  private async load(token: string, hash: string): Promise<Actor | null> {
    const found = token.startsWith('pk_') ? await this.fromApiKey(hash) : await this.fromSession(hash);
    if (!found) return null;
    this.validUntil.set(found.actor, found.validUntil);
    return found.actor;
  }

  private announce: ((tokenHash: string | null) => void) | null = null;

  /** Other instances hear about local evictions through `announce` (LISTEN/NOTIFY). */
  announceWith(fn: (tokenHash: string | null) => void): void {
    this.announce = fn;
  }

  evict(token: string): void {
    const hash = this.hashOf(token);
    this.cache.delete(hash);
    this.announce?.(hash);
  }

  evictAll(): void {
    this.cache.clear();
    this.announce?.(null);
  }

  /** A peer's eviction: no re-announcement. */
  evictFromPeer(tokenHash: string | null): void {
    if (tokenHash) this.cache.delete(tokenHash);
    else this.cache.clear();
  }

  private async fromSession(hash: string): Promise<{ actor: Actor; validUntil: number } | null> {
    const em = this.orm.em.fork();
    const session = await em.findOne(Session, { tokenHash: hash, expiresAt: { $gt: new Date() } });
    if (!session) return null;
    const user = await em.findOne(User, { id: session.userId, status: 'active' });
    if (!user) return null;
    const granted = await this.roles.permissionsOf(user.roles);
    return {
      actor: {
        type: 'user',
        id: user.id,
        kind: user.kind,
        email: user.email,
        name: user.name,
        tenantId: user.tenantId,
        roles: user.roles,
        // A tenant user holds only tenant permissions, whatever its roles' rows say.
        permissions: user.kind === 'tenant' || user.tenantId ? this.scopes.tenantPermissionsOf(granted) : granted,
      },
      validUntil: session.expiresAt.getTime(),
    };
  }

  private async fromApiKey(hash: string): Promise<{ actor: Actor; validUntil: number } | null> {
    const em = this.orm.em.fork();
    const key = await em.findOne(ApiKey, { keyHash: hash, revokedAt: null });
    if (!key || (key.expiresAt && key.expiresAt.getTime() <= Date.now())) return null;
    key.lastUsedAt = new Date();
    await em.flush();
    return {
      actor: {
        type: 'api_key',
        id: key.id,
        kind: key.tenantId ? 'tenant' : 'staff',
        name: key.name,
        tenantId: key.tenantId,
        roles: [],
        // A tenant-bound key holds only tenant permissions, whatever its row says.
        permissions: key.tenantId ? this.scopes.tenantPermissionsOf(key.permissions) : new Set(key.permissions),
        canActOnBehalf: key.actOnBehalf,
      },
      validUntil: key.expiresAt ? key.expiresAt.getTime() : Number.MAX_SAFE_INTEGER,
    };
  }
}

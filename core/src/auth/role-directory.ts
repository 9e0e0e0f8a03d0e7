import type { MikroORM } from '@mikro-orm/core';
import { RefreshingCache } from '@platform/sdk';
import { Role } from '../entities/kernel-entities.ts';

/** Role key → permissions, cached briefly and reloaded in the background while in use; writes call `invalidate()`. */
export class RoleDirectory {
  private readonly cache: RefreshingCache<'roles', Map<string, string[]>>;

  constructor(private readonly orm: MikroORM, ttlMs = 5000) {
    this.cache = new RefreshingCache({ capacity: 1, ttlMs });
  }

  async permissionsOf(roleKeys: string[]): Promise<Set<string>> {
    const map = await this.load();
    const out = new Set<string>();
    for (const key of roleKeys) for (const p of map.get(key) ?? []) out.add(p);
    return out;
  }

  async exists(key: string): Promise<boolean> {
    return (await this.load()).has(key);
  }

  private announce: (() => void) | null = null;

  announceWith(fn: () => void): void {
    this.announce = fn;
  }

  invalidate(fromPeer = false): void {
    if (!fromPeer) this.announce?.();
    this.cache.clear();
  }

  private load(): Map<string, string[]> | Promise<Map<string, string[]>> {
    return this.cache.get('roles', async () => {
      const roles = await this.orm.em.fork().find(Role, {});
      return new Map(roles.map((r) => [r.key, r.permissions]));
    });
  }
}

import type { MikroORM } from '@mikro-orm/core';
import { Role } from '../entities/kernel-entities.ts';

/** Role key → permissions, cached briefly; writes call `invalidate()`. */
export class RoleDirectory {
  private cache: Map<string, string[]> | null = null;
  private loadedAt = 0;
  constructor(private readonly orm: MikroORM, private readonly ttlMs = 5000) {}

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
    this.cache = null;
  }

  private async load(): Promise<Map<string, string[]>> {
    if (this.cache && Date.now() - this.loadedAt < this.ttlMs) return this.cache;
    const roles = await this.orm.em.fork().find(Role, {});
    this.cache = new Map(roles.map((r) => [r.key, r.permissions]));
    this.loadedAt = Date.now();
    return this.cache;
  }
}

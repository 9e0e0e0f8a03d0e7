import type { EntityManager, FilterOptions, MikroORM } from '@mikro-orm/core';

/**
 * A fresh entity manager for system code (job handlers) that reads across tenants.
 *
 * MikroORM 6.6 has no fork option that switches a filter off: `filters: { tenant: false }` is a
 * per-query option, and filters registered in the ORM config take precedence over filters
 * added to an EM. So the fork gets a subclass of its own class whose `applyFilters` (the single
 * place where find, count, QueryBuilder, populate and collections resolve filters) adds
 * `{ [filterName]: false }`. Forks made from it (`em.fork()`, `em.transactional()`) are built
 * with `new em.constructor(...)` and so inherit the behaviour.
 */
export function createSystemEntityManager(orm: MikroORM, filterName = 'tenant'): EntityManager {
  const fork = orm.em.fork();
  const base = Object.getPrototypeOf(fork).constructor as new (...args: any[]) => EntityManager;
  const cached = systemClasses.get(base)?.get(filterName);
  const SystemEntityManager = cached ?? defineSystemClass(base, filterName);
  Object.setPrototypeOf(fork, SystemEntityManager.prototype);
  return fork;
}

const systemClasses = new WeakMap<object, Map<string, new (...args: any[]) => EntityManager>>();

function defineSystemClass(base: new (...args: any[]) => EntityManager, filterName: string) {
  class SystemEntityManager extends (base as new (...args: any[]) => any) {
    applyFilters(entityName: string, where: unknown, options: FilterOptions | undefined, type: string, findOptions?: unknown) {
      return super.applyFilters(entityName, where, withFilterOff(options, filterName), type, findOptions);
    }
  }
  const byName = systemClasses.get(base) ?? new Map();
  byName.set(filterName, SystemEntityManager as unknown as new (...args: any[]) => EntityManager);
  systemClasses.set(base, byName);
  return SystemEntityManager;
}

function withFilterOff(options: FilterOptions | undefined, filterName: string): FilterOptions {
  if (options === false) return false;
  if (Array.isArray(options)) return Object.fromEntries([...options.map((f) => [f, true] as const), [filterName, false] as const]);
  if (options && typeof options === 'object') return { ...options, [filterName]: false };
  return { [filterName]: false };
}

import type { MikroORM } from '@mikro-orm/core';
import type { NotificationListener } from '../db/notification-listener.ts';
import { OrmWriteInvalidation } from '../db/orm-write-invalidation.ts';
import { TableChangeFeed } from '../db/table-change-feed.ts';
import { TableReadCache } from './table-read-cache.ts';

/**
 * The CRUD list cache and what keeps it true: the tables' triggers (every writer, every instance, over
 * NOTIFY) and this instance's ORM commits (at once). Off entirely when `enabled` is false (`LIST_CACHE=off`).
 */
export function createListCache(opts: { orm: MikroORM; listener: NotificationListener; enabled: boolean }): { readCache: TableReadCache; tableChanges: TableChangeFeed } {
  const readCache = new TableReadCache();
  const tableChanges = new TableChangeFeed(opts.listener, (table) => readCache.invalidate(table), (live) => readCache.setLive(live && opts.enabled));
  opts.orm.em.getEventManager().registerSubscriber(
    new OrmWriteInvalidation((tables) => {
      for (const table of tables) readCache.invalidate(table);
    }),
  );
  return { readCache, tableChanges };
}

import { EventEmitter } from 'node:events';
import type { EntityManager } from '@mikro-orm/core';
import type { Broadcast } from '@platform/sdk';
import { runSql } from '../db/orm.ts';
import type { NotificationListener } from '../db/notification-listener.ts';

const CHANNEL = 'platform_broadcast';

/**
 * Cross-instance messages (cache invalidation, config snapshots) over PostgreSQL LISTEN/NOTIFY.
 * `publish` with an entity manager is sent when its transaction commits. On the embedded database
 * there is only one instance, so messages stay in process.
 */
export function createBroadcast(opts: { orm: { em: EntityManager }; databaseUrl: string | null; listener: NotificationListener }): Broadcast & { stop(): void } {
  const local = new EventEmitter();
  local.setMaxListeners(0);
  const deliver = (channel: string, payload: unknown) => local.emit(channel, payload);
  if (opts.databaseUrl) {
    opts.listener.on(CHANNEL, (raw) => {
      try {
        const { channel, payload } = JSON.parse(raw) as { channel: string; payload: unknown };
        deliver(channel, payload);
      } catch {
        /* not ours */
      }
    });
  }

  return {
    stop() {
      local.removeAllListeners();
    },
    async publish(channel, payload, em) {
      const message = JSON.stringify({ channel, payload });
      if (!opts.databaseUrl) {
        // Single embedded instance: deliver after the caller's transaction, if any, by deferring a tick.
        setImmediate(() => deliver(channel, payload));
        return;
      }
      if (Buffer.byteLength(message) > 7900) throw new Error(`broadcast payload on "${channel}" is too large for NOTIFY (max ~8 KB); send an id and re-read`);
      await runSql(em ?? opts.orm.em.fork(), 'SELECT pg_notify($1, $2)', [CHANNEL, message]);
    },
    subscribe(channel, handler) {
      local.on(channel, handler);
      return () => local.off(channel, handler);
    },
  };
}

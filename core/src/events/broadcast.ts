import pg from 'pg';
import { EventEmitter } from 'node:events';
import type { EntityManager } from '@mikro-orm/core';
import type { Broadcast, Logger } from '@platform/sdk';
import { runSql } from '../db/orm.ts';

const CHANNEL = 'platform_broadcast';

/**
 * Cross-instance messages (cache invalidation, config snapshots) over PostgreSQL LISTEN/NOTIFY.
 * `publish` with an entity manager is sent when its transaction commits. On the embedded database
 * there is only one instance, so messages stay in process.
 */
export async function createBroadcast(opts: { orm: { em: EntityManager }; databaseUrl: string | null; logger: Pick<Logger, 'warn'>; instanceId: string }): Promise<Broadcast & { start(): Promise<void>; stop(): Promise<void> }> {
  const local = new EventEmitter();
  local.setMaxListeners(0);
  let client: pg.Client | null = null;
  let stopped = false;

  const deliver = (channel: string, payload: unknown) => local.emit(channel, payload);

  const connect = async () => {
    if (!opts.databaseUrl || stopped) return;
    const c = new pg.Client({ connectionString: opts.databaseUrl, application_name: `platform-broadcast-${opts.instanceId}`.slice(0, 63) });
    c.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        const { channel, payload } = JSON.parse(msg.payload) as { channel: string; payload: unknown };
        deliver(channel, payload);
      } catch {
        /* not ours */
      }
    });
    c.on('error', (err) => {
      opts.logger.warn({ err }, 'broadcast listener failed; reconnecting');
      client = null;
      c.end().catch(() => undefined);
      if (!stopped) setTimeout(() => void connect().catch(() => undefined), 1000).unref();
    });
    await c.connect();
    await c.query(`LISTEN ${CHANNEL}`);
    client = c;
  };

  return {
    async start() {
      await connect();
    },
    async stop() {
      stopped = true;
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
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

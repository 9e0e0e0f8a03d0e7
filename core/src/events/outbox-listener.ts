import pg from 'pg';
import type { Logger } from '@platform/sdk';

type Log = Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;

export interface OutboxListener {
  stop(): Promise<void>;
}

/**
 * A dedicated connection that LISTENs on `channel` and calls `onNotify` for every notification.
 * Only for a real PostgreSQL server: on the embedded database a second connection would be a
 * second way into the single PGlite session, so the relay polls there instead.
 * When the connection fails it reconnects after `reconnectMs`; polling covers the gap.
 */
export function listenForOutbox(opts: { databaseUrl: string; channel: string; instanceId: string; logger: Log; onNotify: () => void; reconnectMs?: number }): OutboxListener {
  const reconnectMs = opts.reconnectMs ?? 5_000;
  let client: pg.Client | null = null;
  let stopped = false;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let connecting: Promise<void> | null = null;

  const scheduleReconnect = () => {
    if (stopped || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connecting = connect();
    }, reconnectMs);
    reconnectTimer.unref();
  };

  const connect = async () => {
    const c = new pg.Client({ connectionString: opts.databaseUrl, application_name: `platform-outbox-${opts.instanceId}`.slice(0, 63) });
    c.on('notification', (msg) => {
      if (msg.channel === opts.channel) opts.onNotify();
    });
    // A lost connection shows as 'error', as 'end' (a clean server shutdown), or both: reconnect once.
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (client === c) client = null;
      c.end().catch(() => undefined);
      if (stopped) return;
      opts.logger.warn({ err: err ?? Object.assign(new Error('Connection terminated'), { code: '08006' }) }, 'outbox listener connection failed; relying on polling until it reconnects');
      scheduleReconnect();
    };
    c.on('error', onLost);
    c.on('end', () => onLost());
    try {
      await c.connect();
      await c.query(`LISTEN ${opts.channel}`);
      if (stopped) {
        await c.end();
        return;
      }
      client = c;
      opts.logger.debug({ channel: opts.channel }, 'outbox listener connected');
      // Catch up on anything committed while we were not listening.
      opts.onNotify();
    } catch (err) {
      if (lost) return; // 'end' came first and already scheduled the reconnect
      lost = true;
      c.end().catch(() => undefined);
      if (stopped) return;
      opts.logger.warn({ err }, 'outbox listener could not connect; relying on polling until it reconnects');
      scheduleReconnect();
    }
  };

  connecting = connect();

  return {
    async stop() {
      stopped = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = null;
      await connecting;
      const c = client;
      client = null;
      if (c) await c.end().catch(() => undefined);
    },
  };
}

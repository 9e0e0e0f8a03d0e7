import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import type { Logger } from '@platform/sdk';

type Handler = (payload: string) => void;

/**
 * One LISTEN session for the whole instance. On a real server it is a dedicated connection that
 * reconnects after a failure; on the embedded database it is PGlite's in-process `listen`.
 * `live` is false while no session is listening: whoever relies on notifications for correctness
 * (caches) must not trust itself then, and `onReset` tells them when it comes back.
 */
export class NotificationListener {
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly resets = new Set<() => void>();
  private client: pg.Client | null = null;
  private readonly unlistenEmbedded: Array<() => Promise<void>> = [];
  private stopped = false;
  live = false;

  constructor(private readonly opts: { databaseUrl: string | null; pglite: PGlite | null; logger: Pick<Logger, 'warn'>; instanceId: string }) {}

  private started = false;

  /** Channels are listened to from `start()`, so they are all named before it. */
  on(channel: string, handler: Handler): () => void {
    let set = this.handlers.get(channel);
    if (!set) {
      if (this.started) throw new Error(`notification channel "${channel}" must be subscribed before the listener starts`);
      this.handlers.set(channel, (set = new Set()));
    }
    set.add(handler);
    return () => set!.delete(handler);
  }

  /** Called whenever listening starts or stops: notifications may have been missed in between. */
  onReset(handler: () => void): () => void {
    this.resets.add(handler);
    return () => this.resets.delete(handler);
  }

  private deliver(channel: string, payload: string): void {
    for (const h of this.handlers.get(channel) ?? []) {
      try {
        h(payload);
      } catch (err) {
        this.opts.logger.warn({ err, channel }, 'notification handler failed');
      }
    }
  }

  private setLive(live: boolean): void {
    this.live = live;
    for (const r of this.resets) r();
  }

  async start(): Promise<void> {
    this.started = true;
    if (this.opts.databaseUrl) return this.connect();
    if (this.opts.pglite) {
      for (const channel of this.handlers.keys()) {
        this.unlistenEmbedded.push(await this.opts.pglite.listen(channel, (payload) => this.deliver(channel, payload)));
      }
      this.setLive(true);
    }
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const c = new pg.Client({ connectionString: this.opts.databaseUrl!, application_name: `platform-listen-${this.opts.instanceId}`.slice(0, 63) });
    c.on('notification', (msg) => {
      if (msg.payload !== undefined) this.deliver(msg.channel, msg.payload);
    });
    let failed = false;
    const fail = (err?: Error) => {
      if (failed) return;
      failed = true;
      if (this.client === c) {
        this.client = null;
        this.setLive(false);
      }
      c.end().catch(() => undefined);
      if (this.stopped) return;
      this.opts.logger.warn({ err }, 'notification listener lost its connection; reconnecting');
      setTimeout(() => void this.connect().catch(() => undefined), 1000).unref();
    };
    c.on('error', fail);
    c.on('end', () => fail());
    try {
      await c.connect();
      for (const channel of this.handlers.keys()) await c.query(`LISTEN "${channel.replace(/"/g, '""')}"`);
    } catch (err) {
      fail(err as Error); // retried in a second; until then `live` stays false
      return;
    }
    this.client = c;
    this.setLive(true);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const c = this.client;
    this.client = null;
    if (this.live) this.setLive(false);
    await c?.end().catch(() => undefined);
    for (const unlisten of this.unlistenEmbedded.splice(0)) await unlisten().catch(() => undefined);
    this.handlers.clear();
    this.resets.clear();
  }
}

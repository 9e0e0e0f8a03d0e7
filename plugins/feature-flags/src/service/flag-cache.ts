import type { Broadcast, Logger } from '@platform/sdk';
import { EMPTY_SNAPSHOT, type FlagSnapshot } from '../store/flag-snapshot.ts';

/** Broadcast channel announcing a new configuration version (payload `{ version }`). */
export const SNAPSHOT_CHANNEL = 'feature-flags.snapshot';

export interface FlagCacheSource {
  /** Reads the version first, then the rows, so the snapshot is never older than its version. */
  load(previous: FlagSnapshot): Promise<FlagSnapshot>;
  readVersion(): Promise<number>;
}

export type SnapshotListener = (snapshot: FlagSnapshot, previous: FlagSnapshot) => void;

/**
 * The in-process flag cache of one instance. It reloads when a peer announces a newer version over
 * LISTEN/NOTIFY and, as a fallback when a notification is lost, when polling the version finds a newer
 * one. Reloads are coalesced: one at a time, and at most one more queued behind it.
 */
export class FlagCache {
  private current: FlagSnapshot = EMPTY_SNAPSHOT;
  private loading: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private readonly listeners = new Set<SnapshotListener>();
  private pollTimer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly source: FlagCacheSource, private readonly logger: Pick<Logger, 'warn'>) {}

  get snapshot(): FlagSnapshot {
    return this.current;
  }

  /** Reloads now (after an in-flight reload, if any); resolves once the new snapshot is in place. */
  refresh(): Promise<void> {
    if (!this.loading) {
      this.loading = this.reload().finally(() => {
        this.loading = null;
      });
      return this.loading;
    }
    // The queued reload runs once the in-flight one settles, whatever its outcome: it answers for itself,
    // and is forgotten as soon as it starts, so a failed reload is never handed to later callers.
    this.queued ??= this.loading.then(this.startQueued, this.startQueued);
    return this.queued;
  }

  private readonly startQueued = (): Promise<void> => {
    this.queued = null;
    return this.refresh();
  };

  /**
   * After a committed change: reload so the writer reads its own write, trying twice. It never rejects:
   * the change is in the database whatever happens here, and answering an error would report a change
   * (a kill switch pulled) as failed after it took effect. If both reloads fail, this instance catches up
   * at its next version poll or announcement.
   */
  async refreshAfterCommit(): Promise<void> {
    try {
      await this.refresh();
    } catch {
      await this.refresh().catch((err) => this.logger.warn({ err }, 'feature flag reload after a committed change failed; the cache catches up at the next version poll'));
    }
  }

  /** Reloads when `version` is newer than the snapshot's. */
  async refreshIfOlderThan(version: number): Promise<void> {
    if (version > this.current.version) await this.refresh();
  }

  onChange(listener: SnapshotListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscribes to announcements and starts polling the version every `pollMs` (0: no polling). */
  start(broadcast: Pick<Broadcast, 'subscribe'>, pollMs: number): void {
    this.unsubscribe = broadcast.subscribe(SNAPSHOT_CHANNEL, (payload) => {
      const version = Number((payload as { version?: unknown } | null)?.version);
      if (Number.isFinite(version)) void this.refreshIfOlderThan(version).catch((err) => this.logger.warn({ err }, 'feature flag reload failed'));
    });
    if (pollMs > 0) {
      this.pollTimer = setInterval(() => void this.poll(), pollMs);
      this.pollTimer.unref();
    }
  }

  stop(): void {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.listeners.clear();
  }

  private polling = false;

  private async poll(): Promise<void> {
    if (this.polling || this.stopped) return;
    this.polling = true;
    try {
      await this.refreshIfOlderThan(await this.source.readVersion());
    } catch (err) {
      if (!this.stopped) this.logger.warn({ err }, 'feature flag version poll failed');
    } finally {
      this.polling = false;
    }
  }

  private async reload(): Promise<void> {
    const previous = this.current;
    const next = await this.source.load(previous);
    // A slow reload must not replace a newer snapshot.
    if (next.version < this.current.version) return;
    this.current = next;
    if (next.version !== previous.version) {
      for (const listener of this.listeners) {
        try {
          listener(next, previous);
        } catch (err) {
          this.logger.warn({ err }, 'feature flag change listener failed');
        }
      }
    }
  }
}

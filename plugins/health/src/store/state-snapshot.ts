import type { Broadcast, Database } from '@platform/sdk';
import { loadStates, type MonitorStateRow } from './monitor-state-store.ts';
import { targetKeyOf } from '../targets/monitor-target.ts';

/** Timestamps as Date objects whichever way the driver returned them (the read path compares them often). */
const withDates = (r: MonitorStateRow): MonitorStateRow => ({
  ...r,
  status_since: r.status_since === null ? null : new Date(r.status_since),
  last_checked_at: r.last_checked_at === null ? null : new Date(r.last_checked_at),
});

/** Broadcast channel: some instance changed state rows (payload: its instance id). */
export const STATES_CHANGED = 'health.states_changed';

export interface StateSnapshotOptions {
  /** A snapshot changed by another instance is re-read at most this often (real time). */
  peerReloadMs: number;
  /** Re-read at least this often even without a broadcast (a missed NOTIFY, a hand-edited row). */
  maxAgeMs: number;
}

/**
 * Every `health_monitor_state` row and the latest scheduler heartbeat, held in memory for the read path
 * (`GET /api/health/`, the status page): this instance's result writer, heartbeat and stale-target job
 * apply their own changes as they commit them, and announce them on the broadcast channel; other
 * instances' announcements mark the snapshot dirty and the next read re-reads it. Reads then cost no
 * query while the scheduler writes thousands of results a second.
 */
export class StateSnapshot {
  private rows = new Map<string, MonitorStateRow>();
  private lastBeatAt: number | null = null;
  private loadedAt = -Infinity;
  private dirty = true;
  private loading: Promise<void> | null = null;
  /** Rows applied while a re-read is under way: newer than what it may return, applied again after it. */
  private appliedDuringLoad: MonitorStateRow[] | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly deps: { db: Database; broadcast: Broadcast; instanceId: string; options: StateSnapshotOptions },
  ) {
    this.unsubscribe = deps.broadcast.subscribe(STATES_CHANGED, (from) => {
      if (from !== deps.instanceId) this.dirty = true;
    });
  }

  /** The rows (by `<monitorId>/<targetKey>`) and the latest heartbeat of any instance. */
  async read(): Promise<{ rows: ReadonlyMap<string, MonitorStateRow>; lastBeatAt: number | null }> {
    const age = performance.now() - this.loadedAt;
    if (age >= this.deps.options.maxAgeMs || (this.dirty && age >= this.deps.options.peerReloadMs)) await this.reload();
    return { rows: this.rows, lastBeatAt: this.lastBeatAt };
  }

  /** Re-reads everything now (concurrent callers share one read). */
  reload(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** Rows this instance has just committed. */
  apply(rows: readonly MonitorStateRow[]): void {
    for (const r of rows) this.rows.set(targetKeyOf(r.monitor_id, r.target_key), r);
    this.appliedDuringLoad?.push(...rows);
  }

  noteBeat(at: number): void {
    if (this.lastBeatAt === null || at > this.lastBeatAt) this.lastBeatAt = at;
  }

  /** Tells the other instances that rows changed (after commit). */
  announce(): void {
    void this.deps.broadcast.publish(STATES_CHANGED, this.deps.instanceId).catch(() => undefined);
  }

  /** The next read re-reads (changes made behind the snapshot's back, e.g. by a job). */
  invalidate(): void {
    this.loadedAt = -Infinity;
  }

  close(): void {
    this.unsubscribe();
  }

  private async load(): Promise<void> {
    this.dirty = false;
    const started = performance.now();
    this.appliedDuringLoad = [];
    try {
      const [rows, [beat]] = await Promise.all([
        loadStates(this.deps.db),
        this.deps.db.sql<{ last: Date | string | null }>('SELECT max(last_beat_at) AS last FROM health_scheduler_instances'),
      ]);
      const applied = this.appliedDuringLoad;
      this.rows = new Map(rows.map((r) => [targetKeyOf(r.monitor_id, r.target_key), withDates(r)]));
      for (const r of applied) this.rows.set(targetKeyOf(r.monitor_id, r.target_key), r);
      if (beat?.last) this.noteBeat(new Date(beat.last).getTime());
      this.loadedAt = started;
    } finally {
      this.appliedDuringLoad = null;
    }
  }
}

import type { Database, EventBus, Logger, MonitorResult, ObservedStatus } from '@platform/sdk';
import { observeResult, type FailureState } from '../status/failure-state.ts';
import type { MonitorTarget } from '../targets/monitor-target.ts';
import '../health-events.ts';

export interface CheckOutcome {
  target: MonitorTarget;
  plannedAt: number;
  checkedAt: number;
  result: MonitorResult;
}

export interface StateChange {
  target: MonitorTarget;
  state: FailureState;
  from: ObservedStatus;
}

interface LockedState {
  monitor_id: string;
  target_key: string;
  status: ObservedStatus;
  consecutive_failures: number;
  consecutive_successes: number;
  status_since: Date | null;
  last_checked_at: Date | null;
}

const MAX_MESSAGE = 500;

/**
 * Writes check results in batches: one transaction locks the targets' state rows, applies the
 * consecutive-failure state machine to each result in planned order, appends the history rows, updates
 * the states, and writes `health.status_changed` to the outbox for every status change. Several
 * instances may write results of different targets concurrently; the row locks keep each target's
 * counters exact.
 */
export class ResultWriter {
  private pending: CheckOutcome[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** The write in progress; at most one at a time, results arriving meanwhile form the next batch. */
  private writing: Promise<void> | null = null;
  readonly stats = { writes: 0, results: 0, totalMs: 0, maxMs: 0 };

  constructor(
    private readonly deps: {
      db: Database;
      events: EventBus;
      logger: Logger;
      instanceId: string;
      flushMs: number;
      maxBatch?: number;
      onStates?(changes: StateChange[]): void;
    },
  ) {}

  /** Results waiting to be written. */
  get backlog(): number {
    return this.pending.length;
  }

  add(outcome: CheckOutcome): void {
    this.pending.push(outcome);
    if (!this.writing) this.timer ??= setTimeout(() => void this.drain(), this.deps.flushMs);
  }

  /** Writes everything added so far. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    while (this.writing || this.pending.length) await (this.writing ?? this.drain());
  }

  /** One batch (up to maxBatch) per transaction; when writes are slower than results arrive, batches grow. */
  private drain(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.writing || this.pending.length === 0) return this.writing ?? Promise.resolve();
    const batch = this.pending.splice(0, this.deps.maxBatch ?? 5000);
    const started = performance.now();
    this.writing = this.write(batch)
      .catch((err) => this.deps.logger.error({ err, results: batch.length }, 'could not write health check results'))
      .finally(() => {
        const ms = performance.now() - started;
        this.stats.writes++;
        this.stats.results += batch.length;
        this.stats.totalMs += ms;
        this.stats.maxMs = Math.max(this.stats.maxMs, ms);
        this.writing = null;
        if (this.pending.length) this.timer ??= setTimeout(() => void this.drain(), this.pending.length >= (this.deps.maxBatch ?? 5000) ? 0 : this.deps.flushMs);
      });
    return this.writing;
  }

  private async write(batch: CheckOutcome[]): Promise<void> {
    const { db, events, instanceId } = this.deps;
    batch.sort((a, b) => a.plannedAt - b.plannedAt || a.checkedAt - b.checkedAt);
    const changes: StateChange[] = [];
    const em = db.system();
    await em.transactional(async (tem) => {
      const keys = [...new Map(batch.map((o) => [o.target.key, o.target])).values()];
      const locked = await db.sql<LockedState>(
        `SELECT monitor_id, target_key, status, consecutive_failures, consecutive_successes, status_since, last_checked_at
         FROM health_monitor_state WHERE (monitor_id, target_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))
         ORDER BY monitor_id, target_key FOR UPDATE`,
        [keys.map((t) => t.monitorId), keys.map((t) => t.targetKey)],
        tem,
      );
      const current = new Map(locked.map((r) => [`${r.monitor_id}/${r.target_key}`, r]));
      const history: { o: CheckOutcome; stateStatus: ObservedStatus }[] = [];
      const finals = new Map<string, { o: CheckOutcome; state: FailureState; since: Date | null; firstEver: boolean; from: ObservedStatus }>();
      for (const o of batch) {
        const row = current.get(o.target.key);
        const prev = finals.get(o.target.key);
        const before: FailureState = prev?.state ?? { status: row?.status ?? 'unknown', consecutiveFailures: row?.consecutive_failures ?? 0, consecutiveSuccesses: row?.consecutive_successes ?? 0 };
        const state = observeResult(before, o.result.status, o.target.entry.policy);
        const since = state.status !== before.status ? new Date(o.checkedAt) : prev?.since ?? row?.status_since ?? new Date(o.checkedAt);
        const firstEver = prev ? prev.firstEver : !row?.last_checked_at;
        finals.set(o.target.key, { o, state, since, firstEver, from: prev?.from ?? before.status });
        history.push({ o, stateStatus: state.status });
        if (state.status !== before.status && !(before.status === 'unknown' && state.status === 'healthy' && firstEver && !prev)) {
          await events.emitDurable(tem, 'health.status_changed', {
            monitorId: o.target.monitorId,
            monitorName: o.target.entry.monitor.name,
            scope: o.target.entry.monitor.scope,
            targetKey: o.target.targetKey,
            tenantId: o.target.tenant?.id ?? null,
            from: before.status,
            to: state.status,
            responseTimeMs: o.result.responseTimeMs,
            message: o.result.message.slice(0, MAX_MESSAGE),
            at: new Date(o.checkedAt).toISOString(),
          });
        }
      }
      await db.sql(
        `INSERT INTO health_check_history (monitor_id, target_key, tenant_id, planned_at, checked_at, status, state_status, response_time_ms, message, details, instance_id)
         SELECT m, t, tn, p, c, s, ss, r, msg, d, $11 FROM unnest($1::text[], $2::text[], $3::uuid[], $4::timestamptz[], $5::timestamptz[], $6::text[], $7::text[], $8::int[], $9::text[], $10::jsonb[])
           AS x(m, t, tn, p, c, s, ss, r, msg, d)`,
        [
          history.map((h) => h.o.target.monitorId),
          history.map((h) => h.o.target.targetKey),
          history.map((h) => h.o.target.tenant?.id ?? null),
          history.map((h) => new Date(h.o.plannedAt)),
          history.map((h) => new Date(h.o.checkedAt)),
          history.map((h) => h.o.result.status),
          history.map((h) => h.stateStatus),
          history.map((h) => h.o.result.responseTimeMs),
          history.map((h) => h.o.result.message.slice(0, MAX_MESSAGE)),
          history.map((h) => (Object.keys(h.o.result.details).length ? JSON.stringify(h.o.result.details) : null)),
          instanceId,
        ],
        tem,
      );
      const rows = [...finals.values()];
      await db.sql(
        `UPDATE health_monitor_state s SET status = x.st, status_since = x.since, consecutive_failures = x.f, consecutive_successes = x.su,
           last_result_status = x.rs, response_time_ms = x.r, message = x.msg, details = x.d, last_checked_at = x.c, updated_at = now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::int[], $6::int[], $7::text[], $8::int[], $9::text[], $10::jsonb[], $11::timestamptz[])
           AS x(m, t, st, since, f, su, rs, r, msg, d, c)
         WHERE s.monitor_id = x.m AND s.target_key = x.t`,
        [
          rows.map((r) => r.o.target.monitorId),
          rows.map((r) => r.o.target.targetKey),
          rows.map((r) => r.state.status),
          rows.map((r) => r.since),
          rows.map((r) => r.state.consecutiveFailures),
          rows.map((r) => r.state.consecutiveSuccesses),
          rows.map((r) => r.o.result.status),
          rows.map((r) => r.o.result.responseTimeMs),
          rows.map((r) => r.o.result.message.slice(0, MAX_MESSAGE)),
          rows.map((r) => (Object.keys(r.o.result.details).length ? JSON.stringify(r.o.result.details) : null)),
          rows.map((r) => new Date(r.o.checkedAt)),
        ],
        tem,
      );
      for (const r of rows) changes.push({ target: r.o.target, state: r.state, from: r.from });
    });
    this.deps.onStates?.(changes);
  }
}

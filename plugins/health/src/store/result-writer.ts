import type { Database, EventBus, Logger } from '@platform/sdk';
import type { MonitorResult, ObservedStatus } from '@platform/sdk/monitors';
import { observeResult, type FailureState } from '../status/failure-state.ts';
import type { MonitorTarget } from '../targets/monitor-target.ts';
import type { MonitorStateRow } from './monitor-state-store.ts';
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
  never_checked: boolean;
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
      /** The state rows as committed (the in-memory snapshot of the read path). */
      onCommitted?(rows: MonitorStateRow[]): void;
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
    const committed: MonitorStateRow[] = [];
    const em = db.system();
    await em.transactional(async (tem) => {
      const keys = [...new Map(batch.map((o) => [o.target.key, o.target])).values()];
      const locked = await db.sql<LockedState>(
        `SELECT monitor_id, target_key, status, consecutive_failures, consecutive_successes, last_checked_at IS NULL AS never_checked
         FROM health_monitor_state WHERE (monitor_id, target_key) IN (SELECT * FROM unnest($1::text[], $2::text[]))
         ORDER BY monitor_id, target_key FOR UPDATE`,
        [keys.map((t) => t.monitorId), keys.map((t) => t.targetKey)],
        tem,
      );
      const current = new Map(locked.map((r) => [`${r.monitor_id}/${r.target_key}`, r]));
      const history: object[] = [];
      /** Per target, the state after its last result; `since` null keeps the stored status_since. */
      const finals = new Map<string, { o: CheckOutcome; state: FailureState; since: number | null; firstEver: boolean; from: ObservedStatus }>();
      for (const o of batch) {
        const row = current.get(o.target.key);
        const prev = finals.get(o.target.key);
        const before: FailureState = prev?.state ?? { status: row?.status ?? 'unknown', consecutiveFailures: row?.consecutive_failures ?? 0, consecutiveSuccesses: row?.consecutive_successes ?? 0 };
        const state = observeResult(before, o.result.status, o.target.entry.policy);
        const since = state.status !== before.status ? o.checkedAt : prev?.since ?? null;
        const firstEver = prev ? prev.firstEver : row?.never_checked ?? true;
        finals.set(o.target.key, { o, state, since, firstEver, from: prev?.from ?? before.status });
        history.push({
          m: o.target.monitorId,
          t: o.target.targetKey,
          tn: o.target.tenant?.id ?? null,
          p: o.plannedAt,
          c: o.checkedAt,
          s: o.result.status,
          ss: state.status,
          r: o.result.responseTimeMs,
          msg: o.result.message.slice(0, MAX_MESSAGE),
          d: detailsOf(o.result),
        });
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
      // Rows travel as one JSON document each way: JSON.stringify is native, unlike per-array text encoding.
      await db.sql(
        `INSERT INTO health_check_history (monitor_id, target_key, tenant_id, planned_at, checked_at, status, state_status, response_time_ms, message, details, instance_id)
         SELECT m, t, tn, to_timestamp(p / 1000.0), to_timestamp(c / 1000.0), s, ss, r, msg, d, $2
         FROM json_to_recordset($1::json) AS x(m text, t text, tn uuid, p float8, c float8, s text, ss text, r int, msg text, d jsonb)`,
        [JSON.stringify(history), instanceId],
        tem,
      );
      const rows = [...finals.values()];
      const sinceRows = await db.sql<{ monitor_id: string; target_key: string; since_ms: string | null }>(
        `UPDATE health_monitor_state s SET status = x.st, status_since = coalesce(to_timestamp(x.since / 1000.0), s.status_since, to_timestamp(x.c / 1000.0)),
           consecutive_failures = x.f, consecutive_successes = x.su, last_result_status = x.rs, response_time_ms = x.r, message = x.msg, details = x.d,
           last_checked_at = to_timestamp(x.c / 1000.0), updated_at = now()
         FROM json_to_recordset($1::json) AS x(m text, t text, st text, since float8, f int, su int, rs text, r int, msg text, d jsonb, c float8)
         WHERE s.monitor_id = x.m AND s.target_key = x.t
         RETURNING s.monitor_id, s.target_key, (extract(epoch from s.status_since) * 1000)::bigint::text AS since_ms`,
        [
          JSON.stringify(
            rows.map((r) => ({
              m: r.o.target.monitorId,
              t: r.o.target.targetKey,
              st: r.state.status,
              since: r.since,
              f: r.state.consecutiveFailures,
              su: r.state.consecutiveSuccesses,
              rs: r.o.result.status,
              r: r.o.result.responseTimeMs,
              msg: r.o.result.message.slice(0, MAX_MESSAGE),
              d: detailsOf(r.o.result),
              c: r.o.checkedAt,
            })),
          ),
        ],
        tem,
      );
      const sinceOf = new Map(sinceRows.map((r) => [`${r.monitor_id}/${r.target_key}`, r.since_ms === null ? null : new Date(Number(r.since_ms))]));
      for (const r of rows) {
        const t = r.o.target;
        changes.push({ target: t, state: r.state, from: r.from });
        committed.push({
          monitor_id: t.monitorId,
          target_key: t.targetKey,
          tenant_id: t.tenant?.id ?? null,
          status: r.state.status,
          status_since: sinceOf.get(t.key) ?? new Date(r.o.checkedAt),
          consecutive_failures: r.state.consecutiveFailures,
          consecutive_successes: r.state.consecutiveSuccesses,
          last_result_status: r.o.result.status,
          response_time_ms: r.o.result.responseTimeMs,
          message: r.o.result.message.slice(0, MAX_MESSAGE),
          details: detailsOf(r.o.result),
          last_checked_at: new Date(r.o.checkedAt),
        });
      }
    });
    this.deps.onStates?.(changes);
    this.deps.onCommitted?.(committed);
  }
}

const detailsOf = (result: MonitorResult): Record<string, unknown> | null => (Object.keys(result.details).length ? result.details : null);

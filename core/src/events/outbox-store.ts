import type { EntityManager } from '@mikro-orm/core';
import { runSql } from '../db/orm.ts';

/**
 * SQL of the transactional outbox (`kernel_outbox` + one `kernel_outbox_delivery` row per
 * subscriber). Everything goes through `runSql`, i.e. the ORM's own connection: inside `em`'s
 * transaction when it has one, and on the embedded database through its single PGlite session.
 * Event ids are bigints; they are handed out as strings.
 */

/** Channel the outbox notifies on a real server (the NOTIFY is delivered only on commit). */
export const OUTBOX_CHANNEL = 'platform_outbox';

export interface DeliveryTarget {
  subscriber: string;
  maxAttempts: number;
}

export interface ClaimedDelivery {
  eventId: string;
  subscriber: string;
  /** Attempts made before this one. */
  attempts: number;
  maxAttempts: number;
  name: string;
  payload: unknown;
}

export interface DeadLetter {
  eventId: string;
  name: string;
  payload: unknown;
  subscriber: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  lastAttemptAt: Date | null;
  createdAt: Date;
}

/** Inserts the event and its delivery rows in one statement (atomic even without a transaction). */
export async function insertOutboxEvent(em: EntityManager, name: string, payload: unknown, targets: DeliveryTarget[]): Promise<string> {
  const rows = await runSql<{ id: string }>(
    em,
    `WITH ev AS (
       INSERT INTO kernel_outbox (name, payload) VALUES ($1, $2::text::jsonb) RETURNING id
     ), deliveries AS (
       INSERT INTO kernel_outbox_delivery (event_id, subscriber, max_attempts)
       SELECT ev.id, t.subscriber, t.max_attempts
       FROM ev, jsonb_to_recordset($3::text::jsonb) AS t(subscriber text, max_attempts integer)
     )
     SELECT id::text AS id FROM ev`,
    [name, JSON.stringify(payload ?? null), JSON.stringify(targets.map((t) => ({ subscriber: t.subscriber, max_attempts: t.maxAttempts })))],
  );
  return rows[0].id;
}

export async function notifyOutbox(em: EntityManager): Promise<void> {
  await runSql(em, `SELECT pg_notify('${OUTBOX_CHANNEL}', '')`);
}

/**
 * Claims up to `limit` due deliveries of the given subscribers for `owner`, with a lease of `leaseMs`.
 * `FOR UPDATE SKIP LOCKED` lets several instances claim side by side without waiting for or taking each
 * other's rows; the lease (`locked_until`) hands a row to another instance if `owner` dies mid-delivery, so
 * it is short and the owner renews it while it works (`renewLeases`). The candidate set is a MATERIALIZED CTE
 * so it is computed exactly once.
 */
export async function claimDueDeliveries(em: EntityManager, subscribers: string[], limit: number, leaseMs: number, owner: string): Promise<ClaimedDelivery[]> {
  const rows = await runSql<{ event_id: string; subscriber: string; attempts: number; max_attempts: number; name: string; payload: unknown }>(
    em,
    `WITH due AS MATERIALIZED (
       SELECT event_id, subscriber FROM kernel_outbox_delivery
       WHERE status = 'pending' AND next_attempt_at <= now()
         AND (locked_until IS NULL OR locked_until < now())
         AND subscriber IN (SELECT jsonb_array_elements_text($1::text::jsonb))
       ORDER BY event_id
       LIMIT $2
       FOR UPDATE SKIP LOCKED
     )
     UPDATE kernel_outbox_delivery d
     SET locked_until = now() + $3::integer * interval '1 millisecond', locked_by = $4
     FROM due, kernel_outbox o
     WHERE d.event_id = due.event_id AND d.subscriber = due.subscriber AND o.id = d.event_id
     RETURNING d.event_id::text AS event_id, d.subscriber, d.attempts, d.max_attempts, o.name, o.payload`,
    [JSON.stringify(subscribers), limit, Math.ceil(leaseMs), owner],
  );
  return rows
    .map((r) => ({ eventId: r.event_id, subscriber: r.subscriber, attempts: Number(r.attempts), maxAttempts: Number(r.max_attempts), name: r.name, payload: r.payload }))
    .sort((a, b) => compareEventIds(a.eventId, b.eventId));
}

/**
 * Heartbeat: extends the lease of the given claimed deliveries by `leaseMs` from now, for those `owner` still
 * holds (pending, locked by it). A delivery whose lease lapsed and that another instance claimed is left alone.
 * Returns how many leases were renewed.
 */
export async function renewLeases(em: EntityManager, owner: string, claims: Array<{ eventId: string; subscriber: string }>, leaseMs: number): Promise<number> {
  if (!claims.length) return 0;
  const rows = await runSql<{ n: number }>(
    em,
    `WITH renewed AS (
       UPDATE kernel_outbox_delivery d
       SET locked_until = now() + $3::integer * interval '1 millisecond'
       FROM jsonb_to_recordset($2::text::jsonb) AS c(event_id bigint, subscriber text)
       WHERE d.event_id = c.event_id AND d.subscriber = c.subscriber AND d.locked_by = $1 AND d.status = 'pending' AND d.locked_until IS NOT NULL
       RETURNING 1
     )
     SELECT count(*)::int AS n FROM renewed`,
    [owner, JSON.stringify(claims.map((c) => ({ event_id: c.eventId, subscriber: c.subscriber }))), Math.ceil(leaseMs)],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Marks claimed deliveries delivered (one more attempt, lease released), all in one statement: a relay pass's successes. */
export async function markDelivered(em: EntityManager, deliveries: Array<{ eventId: string; subscriber: string }>): Promise<void> {
  if (!deliveries.length) return;
  await runSql(
    em,
    `UPDATE kernel_outbox_delivery d
     SET status = 'delivered', attempts = d.attempts + 1, delivered_at = now(), last_attempt_at = now(),
         locked_until = NULL, locked_by = NULL, last_error = NULL
     FROM jsonb_to_recordset($1::text::jsonb) AS c(event_id bigint, subscriber text)
     WHERE d.event_id = c.event_id AND d.subscriber = c.subscriber`,
    [JSON.stringify(deliveries.map((c) => ({ event_id: c.eventId, subscriber: c.subscriber })))],
  );
}

/** Records a failed attempt: back to `pending` after `retryInMs`, or `dead` once attempts reach the maximum. */
export async function markFailed(em: EntityManager, eventId: string, subscriber: string, error: string, retryInMs: number): Promise<'pending' | 'dead'> {
  const rows = await runSql<{ status: 'pending' | 'dead' }>(
    em,
    `UPDATE kernel_outbox_delivery
     SET attempts = attempts + 1,
         status = CASE WHEN attempts + 1 >= max_attempts THEN 'dead' ELSE 'pending' END,
         next_attempt_at = now() + $3::integer * interval '1 millisecond',
         last_attempt_at = now(), last_error = $4, locked_until = NULL, locked_by = NULL
     WHERE event_id = $1::bigint AND subscriber = $2
     RETURNING status`,
    [eventId, subscriber, Math.round(retryInMs), storableText(error)],
  );
  return rows[0]?.status ?? 'pending';
}

/** Gives a claimed row back untouched (e.g. its subscriber was removed on this instance). */
export async function releaseClaim(em: EntityManager, eventId: string, subscriber: string): Promise<void> {
  await runSql(em, `UPDATE kernel_outbox_delivery SET locked_until = NULL, locked_by = NULL WHERE event_id = $1::bigint AND subscriber = $2`, [eventId, subscriber]);
}

export async function listDeadDeliveries(em: EntityManager, opts: { subscriber?: string; limit?: number; offset?: number } = {}): Promise<DeadLetter[]> {
  const rows = await runSql<any>(
    em,
    `SELECT d.event_id::text AS event_id, o.name, o.payload, d.subscriber, d.attempts, d.max_attempts,
            d.last_error, d.last_attempt_at, o.created_at
     FROM kernel_outbox_delivery d JOIN kernel_outbox o ON o.id = d.event_id
     WHERE d.status = 'dead' AND ($1::text IS NULL OR d.subscriber = $1::text)
     ORDER BY d.event_id DESC, d.subscriber
     LIMIT $2 OFFSET $3`,
    [opts.subscriber ?? null, opts.limit ?? 100, opts.offset ?? 0],
  );
  return rows.map((r) => ({
    eventId: r.event_id,
    name: r.name,
    payload: r.payload,
    subscriber: r.subscriber,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    lastError: r.last_error,
    lastAttemptAt: r.last_attempt_at ? new Date(r.last_attempt_at) : null,
    createdAt: new Date(r.created_at),
  }));
}

export async function countDeadDeliveries(em: EntityManager, opts: { subscriber?: string } = {}): Promise<number> {
  const rows = await runSql<{ n: number }>(
    em,
    `SELECT count(*)::int AS n FROM kernel_outbox_delivery WHERE status = 'dead' AND ($1::text IS NULL OR subscriber = $1::text)`,
    [opts.subscriber ?? null],
  );
  return Number(rows[0]?.n ?? 0);
}

/** Puts a dead delivery back in the queue with a fresh set of attempts. False if it was not dead. */
export async function requeueDeadDelivery(em: EntityManager, eventId: string, subscriber: string): Promise<boolean> {
  const rows = await runSql(
    em,
    `UPDATE kernel_outbox_delivery
     SET status = 'pending', attempts = 0, next_attempt_at = now(), locked_until = NULL, locked_by = NULL
     WHERE event_id = $1::bigint AND subscriber = $2 AND status = 'dead'
     RETURNING 1 AS requeued`,
    [eventId, subscriber],
  );
  return rows.length === 1;
}

/** Orders bigint ids given as decimal strings. */
export function compareEventIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** PostgreSQL text cannot hold NUL; long stacks are cut. */
function storableText(text: string): string {
  return text.replace(/\u0000/g, '').slice(0, 4000);
}

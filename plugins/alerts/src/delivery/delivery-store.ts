import type { AlertNotification, AlertNotificationKind } from '@platform/sdk/alert-channels';
import type { Database, EntityManager } from '@platform/sdk';
import type { AttemptVerdict } from './retry-backoff.ts';

export interface NewDelivery {
  id: string;
  dedupKey: string;
  instanceId: string;
  fingerprint: string;
  channel: string;
  kind: AlertNotificationKind;
  payload: AlertNotification;
  /** `skipped`: the channel does not send this kind (kept for the record). */
  status: 'pending' | 'skipped';
  createdAt: number;
}

export interface ClaimedDelivery {
  id: string;
  channel: string;
  kind: AlertNotificationKind;
  payload: AlertNotification;
  attempts: number;
}

/** Queues deliveries; a dedup key seen before is ignored (one notification per alert, episode, kind and channel). */
export async function enqueueDeliveries(db: Database, em: EntityManager, deliveries: readonly NewDelivery[]): Promise<number> {
  if (deliveries.length === 0) return 0;
  const rows = await db.sql(
    `INSERT INTO alerts_deliveries (id, dedup_key, instance_id, fingerprint, channel, kind, payload, status, next_attempt_at, created_at)
     SELECT id, dedup_key, instance_id, fingerprint, channel, kind, payload, status, created_at, created_at
     FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, dedup_key text, instance_id uuid, fingerprint text, channel text, kind text, payload jsonb, status text, created_at timestamptz)
     ON CONFLICT (dedup_key) DO NOTHING RETURNING id`,
    [
      JSON.stringify(
        deliveries.map((d) => ({
          id: d.id, dedup_key: d.dedupKey, instance_id: d.instanceId, fingerprint: d.fingerprint, channel: d.channel, kind: d.kind,
          payload: d.payload, status: d.status, created_at: new Date(d.createdAt).toISOString(),
        })),
      ),
    ],
    em,
  );
  return rows.length;
}

/**
 * Leases due deliveries (`FOR UPDATE SKIP LOCKED`, so several instances share the work). A delivery waits
 * while an earlier one of the same alert and channel is still pending: channels get firing before resolved.
 */
export async function claimDueDeliveries(db: Database, now: number, leaseMs: number, limit: number): Promise<ClaimedDelivery[]> {
  return db.sql<ClaimedDelivery>(
    `UPDATE alerts_deliveries d SET locked_until = $2
     WHERE d.id IN (
       SELECT x.id FROM alerts_deliveries x
       WHERE x.status = 'pending' AND x.next_attempt_at <= $1 AND (x.locked_until IS NULL OR x.locked_until < $1)
         AND NOT EXISTS (SELECT 1 FROM alerts_deliveries e WHERE e.fingerprint = x.fingerprint AND e.channel = x.channel AND e.status = 'pending' AND e.seq < x.seq)
       ORDER BY x.seq LIMIT $3 FOR UPDATE SKIP LOCKED)
     RETURNING d.id, d.channel, d.kind, d.payload, d.attempts`,
    [new Date(now), new Date(now + leaseMs), limit],
  );
}

/** Records one attempt and its consequence (delivered, retry at, failed), in one transaction. */
export async function recordAttempt(
  db: Database,
  delivery: ClaimedDelivery,
  attempt: { number: number; startedAt: number; durationMs: number; ok: boolean; status?: number; detail?: string },
  verdict: AttemptVerdict,
  now: number,
): Promise<void> {
  await db.system().transactional(async (em) => {
    await db.sql(
      `INSERT INTO alerts_delivery_attempts (delivery_id, attempt, started_at, duration_ms, ok, status, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [delivery.id, attempt.number, new Date(attempt.startedAt), Math.round(attempt.durationMs), attempt.ok, attempt.status ?? null, attempt.detail ?? null],
      em,
    );
    const status = verdict.status === 'retry' ? 'pending' : verdict.status;
    const next = verdict.status === 'retry' ? new Date(now + verdict.delayMs) : new Date(now);
    const lastError = attempt.ok ? null : [attempt.detail, verdict.status === 'failed' ? verdict.reason : null].filter(Boolean).join(' — ') || 'failed';
    await db.sql(
      `UPDATE alerts_deliveries SET attempts = $2, status = $3, next_attempt_at = $4, locked_until = NULL, last_error = $5,
         delivered_at = CASE WHEN $3 = 'delivered' THEN $6::timestamptz ELSE delivered_at END
       WHERE id = $1`,
      [delivery.id, attempt.number, status, next, lastError, new Date(now)],
      em,
    );
  });
}

/** Puts a failed delivery back in the queue with fresh attempts. */
export async function requeueDelivery(db: Database, id: string, now: number): Promise<boolean> {
  const rows = await db.sql(`UPDATE alerts_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $2, locked_until = NULL WHERE id = $1 AND status = 'failed' RETURNING id`, [id, new Date(now)]);
  return rows.length > 0;
}

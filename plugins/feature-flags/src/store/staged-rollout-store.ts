import { randomUUID } from 'node:crypto';
import type { Database, EntityManager } from '@platform/sdk';
import type { StagedRolloutStatus } from '../entities/staged-rollout-entity.ts';
import type { StagedRolloutRecord } from '../model/staged-rollout-record.ts';

const COLUMNS = `id, flag_key, steps, interval_seconds, current_step, status, next_step_at, pause_on_alerts, paused_reason, reason,
  created_by, completed_at, created_at, updated_at`;

const iso = (value: unknown): string | null => (value === null || value === undefined ? null : new Date(value as string).toISOString());

export function stagedRolloutOf(row: Record<string, any>): StagedRolloutRecord {
  const steps: number[] = row.steps ?? [];
  return {
    id: row.id,
    flagKey: row.flag_key,
    steps,
    intervalHours: row.interval_seconds / 3600,
    currentStep: row.current_step,
    currentPercentage: steps[row.current_step] ?? 0,
    status: row.status,
    nextStepAt: iso(row.next_step_at),
    pauseOnAlerts: row.pause_on_alerts ?? [],
    pausedReason: row.paused_reason ?? null,
    reason: row.reason,
    createdBy: row.created_by ?? null,
    completedAt: iso(row.completed_at),
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
  };
}

export async function listStagedRollouts(db: Database, statuses?: StagedRolloutStatus[], flagKey?: string): Promise<StagedRolloutRecord[]> {
  const params: unknown[] = [];
  const where: string[] = ['TRUE'];
  if (statuses?.length) {
    params.push(statuses);
    where.push(`status = ANY($${params.length}::text[])`);
  }
  if (flagKey) {
    params.push(flagKey);
    where.push(`flag_key = $${params.length}`);
  }
  const rows = await db.sql(`SELECT ${COLUMNS} FROM feature_flag_rollouts WHERE ${where.join(' AND ')} ORDER BY created_at DESC LIMIT 500`, params);
  return rows.map(stagedRolloutOf);
}

export async function findStagedRollout(db: Database, id: string, em?: EntityManager, forUpdate = false): Promise<StagedRolloutRecord | null> {
  const rows = await db.sql(`SELECT ${COLUMNS} FROM feature_flag_rollouts WHERE id::text = $1${forUpdate ? ' FOR UPDATE' : ''}`, [id], em);
  return rows[0] ? stagedRolloutOf(rows[0]) : null;
}

/** The flag's active or paused rollout, if any (at most one, by a unique index). */
export async function openRolloutOf(db: Database, flagKey: string, em?: EntityManager): Promise<StagedRolloutRecord | null> {
  const rows = await db.sql(`SELECT ${COLUMNS} FROM feature_flag_rollouts WHERE flag_key = $1 AND status IN ('active', 'paused') FOR UPDATE`, [flagKey], em);
  return rows[0] ? stagedRolloutOf(rows[0]) : null;
}

export async function insertStagedRollout(
  db: Database,
  em: EntityManager,
  input: { flagKey: string; steps: number[]; intervalSeconds: number; nextStepAt: Date | null; status: StagedRolloutStatus; pauseOnAlerts: string[]; reason: string; createdBy: string | null },
): Promise<StagedRolloutRecord> {
  const rows = await db.sql(
    `INSERT INTO feature_flag_rollouts (id, flag_key, steps, interval_seconds, current_step, status, next_step_at, pause_on_alerts, reason, created_by, completed_at)
     VALUES ($1, $2, $3::jsonb, $4, 0, $5, $6, $7::jsonb, $8, $9, CASE WHEN $5 = 'completed' THEN now() END)
     RETURNING ${COLUMNS}`,
    [randomUUID(), input.flagKey, JSON.stringify(input.steps), input.intervalSeconds, input.status, input.nextStepAt, JSON.stringify(input.pauseOnAlerts), input.reason, input.createdBy],
    em,
  );
  return stagedRolloutOf(rows[0]);
}

export async function updateStagedRollout(
  db: Database,
  em: EntityManager,
  id: string,
  change: { currentStep: number; status: StagedRolloutStatus; nextStepAt: Date | null; pausedReason: string | null },
): Promise<StagedRolloutRecord> {
  const rows = await db.sql(
    `UPDATE feature_flag_rollouts SET current_step = $2, status = $3, next_step_at = $4, paused_reason = $5, updated_at = now(),
       completed_at = CASE WHEN $3 IN ('completed', 'cancelled') THEN coalesce(completed_at, now()) ELSE NULL END
     WHERE id = $1 RETURNING ${COLUMNS}`,
    [id, change.currentStep, change.status, change.nextStepAt, change.pausedReason],
    em,
  );
  return stagedRolloutOf(rows[0]);
}

/** Ids of active rollouts whose next step is due, locked against a concurrent run. */
export async function dueStagedRollouts(db: Database, em: EntityManager, now: Date): Promise<StagedRolloutRecord[]> {
  const rows = await db.sql(
    `SELECT ${COLUMNS} FROM feature_flag_rollouts WHERE status = 'active' AND next_step_at <= $1 ORDER BY next_step_at FOR UPDATE SKIP LOCKED`,
    [now],
    em,
  );
  return rows.map(stagedRolloutOf);
}

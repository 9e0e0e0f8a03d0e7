import type { EntityManager } from '@mikro-orm/core';
import { runSql } from '../db/orm.ts';

/** SQL of `kernel_job_runs`: one row per (job, planned tick), the UNIQUE key being the last guard against running a tick twice. */

export interface JobRun {
  id: string;
  job: string;
  scheduledAt: Date;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  status: 'running' | 'succeeded' | 'failed';
  error: string | null;
  instance: string | null;
}

const RUN_COLUMNS = `id::text AS id, job, scheduled_at, started_at, finished_at, duration_ms, status, error, instance`;

/** Records the start of a tick. Returns the run id, or null when this tick already has a run (another instance got it). */
export async function claimJobRun(em: EntityManager, job: string, scheduledAt: Date, instance: string): Promise<string | null> {
  const rows = await runSql<{ id: string }>(
    em,
    `INSERT INTO kernel_job_runs (job, scheduled_at, instance) VALUES ($1, $2::timestamptz, $3)
     ON CONFLICT (job, scheduled_at) DO NOTHING
     RETURNING id::text AS id`,
    [job, scheduledAt.toISOString(), instance],
  );
  return rows[0]?.id ?? null;
}

export async function finishJobRun(em: EntityManager, id: string, result: { status: 'succeeded' | 'failed'; durationMs: number; error?: string | null }): Promise<void> {
  await runSql(
    em,
    `UPDATE kernel_job_runs SET finished_at = now(), duration_ms = $2, status = $3, error = $4 WHERE id = $1::bigint`,
    [id, Math.round(result.durationMs), result.status, result.error ? result.error.replace(/\u0000/g, '').slice(0, 4000) : null],
  );
}

/** Newest first. */
export async function listJobRuns(em: EntityManager, job: string, limit = 50): Promise<JobRun[]> {
  const rows = await runSql(em, `SELECT ${RUN_COLUMNS} FROM kernel_job_runs WHERE job = $1 ORDER BY scheduled_at DESC LIMIT $2`, [job, limit]);
  return rows.map(toJobRun);
}

/** The most recently started run of each of the given jobs. */
export async function latestJobRuns(em: EntityManager, jobs: string[]): Promise<Map<string, JobRun>> {
  if (jobs.length === 0) return new Map();
  const rows = await runSql(
    em,
    `SELECT DISTINCT ON (job) ${RUN_COLUMNS} FROM kernel_job_runs
     WHERE job IN (SELECT jsonb_array_elements_text($1::text::jsonb))
     ORDER BY job, started_at DESC, id DESC`,
    [JSON.stringify(jobs)],
  );
  return new Map(rows.map((r) => [r.job as string, toJobRun(r)]));
}

function toJobRun(r: Record<string, any>): JobRun {
  return {
    id: r.id,
    job: r.job,
    scheduledAt: new Date(r.scheduled_at),
    startedAt: new Date(r.started_at),
    finishedAt: r.finished_at ? new Date(r.finished_at) : null,
    durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
    status: r.status,
    error: r.error,
    instance: r.instance,
  };
}

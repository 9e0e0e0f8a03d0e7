import type { Database, EntityManager } from '@platform/sdk';

export interface BackupSchedule {
  id: string;
  /** null: every active tenant. */
  tenantId: string | null;
  /** null: full backups. */
  plugins: string[] | null;
  hourUtc: number;
  keepDaily: number;
  keepWeekly: number;
  enabled: boolean;
  lastRunAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type ScheduleInput = Pick<BackupSchedule, 'tenantId' | 'plugins' | 'hourUtc' | 'keepDaily' | 'keepWeekly' | 'enabled'>;

const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

function scheduleOf(r: Record<string, any>): BackupSchedule {
  return {
    id: r.id, tenantId: r.tenant_id ?? null, plugins: r.plugins ?? null, hourUtc: Number(r.hour_utc), keepDaily: Number(r.keep_daily), keepWeekly: Number(r.keep_weekly),
    enabled: r.enabled, lastRunAt: iso(r.last_run_at), createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!,
  };
}

export class ScheduleRecords {
  constructor(private readonly db: Database) {}

  async list(tenantIds: readonly string[] | null): Promise<BackupSchedule[]> {
    const rows = await this.db.sql(`SELECT * FROM backups_schedules WHERE $1::uuid[] IS NULL OR tenant_id = ANY($1::uuid[]) OR tenant_id IS NULL ORDER BY created_at, id`, [tenantIds]);
    return rows.map(scheduleOf);
  }

  async get(id: string): Promise<BackupSchedule | null> {
    const [row] = await this.db.sql(`SELECT * FROM backups_schedules WHERE id = $1`, [id]);
    return row ? scheduleOf(row) : null;
  }

  /** Writes go through `em` when given: the caller's transaction, so the change and its audit commit together. */
  async create(id: string, s: ScheduleInput, em?: EntityManager): Promise<BackupSchedule> {
    const [row] = await this.db.sql(
      `INSERT INTO backups_schedules (id, tenant_id, plugins, hour_utc, keep_daily, keep_weekly, enabled) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [id, s.tenantId, s.plugins, s.hourUtc, s.keepDaily, s.keepWeekly, s.enabled],
      em,
    );
    return scheduleOf(row!);
  }

  async update(id: string, s: ScheduleInput, em?: EntityManager): Promise<BackupSchedule | null> {
    const [row] = await this.db.sql(
      `UPDATE backups_schedules SET tenant_id = $2, plugins = $3, hour_utc = $4, keep_daily = $5, keep_weekly = $6, enabled = $7, updated_at = now() WHERE id = $1 RETURNING *`,
      [id, s.tenantId, s.plugins, s.hourUtc, s.keepDaily, s.keepWeekly, s.enabled],
      em,
    );
    return row ? scheduleOf(row) : null;
  }

  async delete(id: string, em?: EntityManager): Promise<boolean> {
    const rows = await this.db.sql(`DELETE FROM backups_schedules WHERE id = $1 RETURNING id`, [id], em);
    return rows.length > 0;
  }

  /** Claims a due run: sets `last_run_at` unless some instance ran it since `slot` (one run per schedule and slot). */
  async claim(id: string, slot: Date, now: Date): Promise<boolean> {
    const rows = await this.db.sql(`UPDATE backups_schedules SET last_run_at = $3 WHERE id = $1 AND (last_run_at IS NULL OR last_run_at < $2) RETURNING id`, [id, slot.toISOString(), now.toISOString()]);
    return rows.length > 0;
  }
}

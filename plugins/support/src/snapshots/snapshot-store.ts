import { randomUUID } from 'node:crypto';
import type { Database, EntityManager } from '@platform/sdk';
import type { SnapshotSections } from './snapshot-sections.ts';

export interface SnapshotRecord {
  id: string;
  ticketId: string;
  tenantId: string;
  takenByUserId: string | null;
  takenByLabel: string | null;
  takenAt: string;
  /** How many values were replaced by `[redacted]`. */
  redactedCount: number;
  sections: SnapshotSections;
}

const fromRow = (r: Record<string, any>): SnapshotRecord => ({
  id: r.id,
  ticketId: r.ticket_id,
  tenantId: r.tenant_id,
  takenByUserId: r.taken_by_user_id,
  takenByLabel: r.taken_by_label,
  takenAt: new Date(r.taken_at).toISOString(),
  redactedCount: Number(r.redacted_count),
  sections: r.sections,
});

export class SnapshotStore {
  constructor(private readonly db: Database) {}

  async insert(em: EntityManager, s: Omit<SnapshotRecord, 'id' | 'takenAt'> & { takenAt: Date }): Promise<SnapshotRecord> {
    const [row] = await this.db.sql(
      `INSERT INTO support_snapshots (id, tenant_id, ticket_id, taken_by_user_id, taken_by_label, sections, redacted_count, taken_at)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) RETURNING *`,
      [randomUUID(), s.tenantId, s.ticketId, s.takenByUserId, s.takenByLabel, JSON.stringify(s.sections), s.redactedCount, s.takenAt],
      em,
    );
    return fromRow(row);
  }

  /** The ticket's snapshots, newest first. */
  async list(em: EntityManager, ticketId: string): Promise<SnapshotRecord[]> {
    return (await this.db.sql('SELECT * FROM support_snapshots WHERE ticket_id = $1 ORDER BY taken_at DESC, id', [ticketId], em)).map(fromRow);
  }
}

import type { Database, EntityManager } from '@platform/sdk';
import type { MessageChannel } from '@platform/sdk/messaging';

/** A tenant's (or, with `tenantId` null, the platform default) provider configurations for a channel, in priority order. */
export interface Assignment {
  id: string;
  tenantId: string | null;
  channel: MessageChannel;
  providerConfigIds: string[];
  updatedAt: string;
}

const SELECT = `SELECT id, tenant_id AS "tenantId", channel, provider_config_ids::text[] AS "providerConfigIds", updated_at AS "updatedAt" FROM messaging_assignments`;

function fromRow(r: Record<string, unknown>): Assignment {
  return { ...(r as unknown as Assignment), updatedAt: new Date(r.updatedAt as string).toISOString() };
}

/** SQL over `messaging_assignments`. */
export class AssignmentStore {
  constructor(private readonly db: Database) {}

  async find(id: string, em?: EntityManager): Promise<Assignment | null> {
    const [row] = await this.db.sql<Record<string, unknown>>(`${SELECT} WHERE id = $1`, [id], em);
    return row ? fromRow(row) : null;
  }

  async findFor(tenantId: string | null, channel: MessageChannel, em?: EntityManager): Promise<Assignment | null> {
    const [row] = await this.db.sql<Record<string, unknown>>(`${SELECT} WHERE tenant_id IS NOT DISTINCT FROM $1::uuid AND channel = $2`, [tenantId, channel], em);
    return row ? fromRow(row) : null;
  }

  /**
   * The order a message of `tenantId` follows: the tenant's own assignment, else the platform default (tenant
   * null), else none. Platform messages (tenant null) follow the default.
   */
  async orderFor(tenantId: string | null, channel: MessageChannel, em?: EntityManager): Promise<{ assignment: Assignment | null; inherited: boolean }> {
    const rows = await this.db.sql<Record<string, unknown>>(
      `${SELECT} WHERE channel = $2 AND (tenant_id IS NULL OR tenant_id = $1::uuid) ORDER BY tenant_id NULLS LAST`,
      [tenantId, channel],
      em,
    );
    const own = rows.find((r) => r.tenantId !== null);
    if (own) return { assignment: fromRow(own), inherited: false };
    return { assignment: rows[0] ? fromRow(rows[0]) : null, inherited: tenantId !== null };
  }

  async list(where: string, params: unknown[], limit: number, offset: number, em?: EntityManager): Promise<{ rows: Assignment[]; total: number }> {
    const [{ n }] = await this.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM messaging_assignments WHERE ${where}`, params, em);
    const rows = await this.db.sql<Record<string, unknown>>(`${SELECT} WHERE ${where} ORDER BY tenant_id NULLS FIRST, channel LIMIT ${limit} OFFSET ${offset}`, params, em);
    return { rows: rows.map(fromRow), total: n };
  }

  /** Creates or replaces the order of (tenant, channel); returns the row's id. */
  async upsert(em: EntityManager, id: string, tenantId: string | null, channel: MessageChannel, ids: string[], at: string): Promise<string> {
    const [row] = await this.db.sql<{ id: string }>(
      `INSERT INTO messaging_assignments (id, tenant_id, channel, provider_config_ids, updated_at) VALUES ($1, $2, $3, $4::uuid[], $5)
       ON CONFLICT (COALESCE(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), channel)
       DO UPDATE SET provider_config_ids = EXCLUDED.provider_config_ids, updated_at = EXCLUDED.updated_at RETURNING id`,
      [id, tenantId, channel, ids, at],
      em,
    );
    return row.id;
  }

  async delete(em: EntityManager, id: string): Promise<void> {
    await this.db.sql(`DELETE FROM messaging_assignments WHERE id = $1`, [id], em);
  }
}

import type { Database, EntityManager } from '@platform/sdk';
import type { MessageChannel } from '@platform/sdk/messaging';

/** One provider configuration as stored: `config` holds the Secret() fields sealed. */
export interface StoredProviderConfig {
  id: string;
  channel: MessageChannel;
  providerId: string;
  name: string;
  config: Record<string, unknown>;
  enabled: boolean;
  lastTestAt: string | null;
  lastTestOk: boolean | null;
  lastTestDetail: string | null;
  createdAt: string;
  updatedAt: string;
}

const SELECT = `SELECT id, channel, provider_id AS "providerId", name, config, enabled, last_test_at AS "lastTestAt", last_test_ok AS "lastTestOk",
  last_test_detail AS "lastTestDetail", created_at AS "createdAt", updated_at AS "updatedAt" FROM messaging_provider_configs`;

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

function fromRow(r: Record<string, unknown>): StoredProviderConfig {
  return { ...(r as unknown as StoredProviderConfig), lastTestAt: iso(r.lastTestAt), createdAt: iso(r.createdAt)!, updatedAt: iso(r.updatedAt)! };
}

export const PROVIDER_CONFIG_SORTS: Record<string, string> = { name: 'lower(name)', channel: 'channel', providerId: 'provider_id', enabled: 'enabled', createdAt: 'created_at', updatedAt: 'updated_at' };

/** SQL over `messaging_provider_configs`. */
export class ProviderConfigStore {
  constructor(private readonly db: Database) {}

  async find(id: string, em?: EntityManager, lock = false): Promise<StoredProviderConfig | null> {
    const [row] = await this.db.sql<Record<string, unknown>>(`${SELECT} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id], em);
    return row ? fromRow(row) : null;
  }

  /**
   * The enabled configurations of `channel` a message of `tenantId` follows, in priority order: the tenant's own
   * assignment, else the platform default (tenant null), else none. One statement (the send path's only read).
   */
  async sendingOrder(tenantId: string | null, channel: MessageChannel, em?: EntityManager): Promise<StoredProviderConfig[]> {
    const rows = await this.db.sql<Record<string, unknown>>(
      `WITH a AS (SELECT provider_config_ids FROM messaging_assignments WHERE channel = $2 AND (tenant_id IS NULL OR tenant_id = $1::uuid)
                  ORDER BY tenant_id NULLS LAST LIMIT 1)
       SELECT c.* FROM a CROSS JOIN LATERAL unnest(a.provider_config_ids) WITH ORDINALITY AS o(id, pos)
         JOIN (${SELECT}) c ON c.id = o.id
       WHERE c.enabled AND c.channel = $2 ORDER BY o.pos`,
      [tenantId, channel],
      em,
    );
    return rows.map(fromRow);
  }

  /** The configurations among `ids`, in no particular order. */
  async findMany(ids: readonly string[], em?: EntityManager): Promise<StoredProviderConfig[]> {
    if (!ids.length) return [];
    const rows = await this.db.sql<Record<string, unknown>>(`${SELECT} WHERE id = ANY($1::uuid[])`, [ids], em);
    return rows.map(fromRow);
  }

  async list(where: string, params: unknown[], order: string, limit: number, offset: number): Promise<{ rows: StoredProviderConfig[]; total: number }> {
    const [{ n }] = await this.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM messaging_provider_configs WHERE ${where}`, params);
    const rows = await this.db.sql<Record<string, unknown>>(`${SELECT} WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`, params);
    return { rows: rows.map(fromRow), total: n };
  }

  async insert(em: EntityManager, c: Omit<StoredProviderConfig, 'lastTestAt' | 'lastTestOk' | 'lastTestDetail' | 'createdAt' | 'updatedAt'>, at: string): Promise<void> {
    await this.db.sql(
      `INSERT INTO messaging_provider_configs (id, channel, provider_id, name, config, enabled, created_at, updated_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $7)`,
      [c.id, c.channel, c.providerId, c.name, JSON.stringify(c.config), c.enabled, at],
      em,
    );
  }

  async update(em: EntityManager, id: string, c: { name: string; config: Record<string, unknown>; enabled: boolean }, at: string): Promise<void> {
    await this.db.sql(`UPDATE messaging_provider_configs SET name = $2, config = $3::jsonb, enabled = $4, updated_at = $5 WHERE id = $1`, [id, c.name, JSON.stringify(c.config), c.enabled, at], em);
  }

  async recordTest(em: EntityManager, id: string, ok: boolean, detail: string | null, at: string): Promise<void> {
    await this.db.sql(`UPDATE messaging_provider_configs SET last_test_at = $2, last_test_ok = $3, last_test_detail = $4 WHERE id = $1`, [id, at, ok, detail], em);
  }

  async delete(em: EntityManager, id: string): Promise<void> {
    await this.db.sql(`DELETE FROM messaging_provider_configs WHERE id = $1`, [id], em);
  }

  /** Whether a name is taken in the channel (case-insensitive), by another configuration than `exceptId`. */
  async nameTaken(channel: MessageChannel, name: string, exceptId: string | null, em?: EntityManager): Promise<boolean> {
    const rows = await this.db.sql(`SELECT 1 FROM messaging_provider_configs WHERE channel = $1 AND lower(name) = lower($2) AND id IS DISTINCT FROM $3::uuid`, [channel, name, exceptId], em);
    return rows.length > 0;
  }
}

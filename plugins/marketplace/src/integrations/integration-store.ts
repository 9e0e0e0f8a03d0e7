import { randomUUID } from 'node:crypto';
import type { Database, EntityManager } from '@platform/sdk';
import type { DeliveryStatus, DeliveryView, IntegrationRow } from './integration-record.ts';
import { deliveryView } from './integration-record.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS =
  'id, tenant_id, type, name, config, enabled, validated_at, validation_detail, webhook_token, webhook_secret, last_delivery_at, last_delivery_status, last_delivery_error, created_at, updated_at';
const PAYLOAD_KEPT = 4096;

/** `marketplace_integrations` and their deliveries; every tenant read names the tenant. */
export class IntegrationStore {
  constructor(private readonly db: Database) {}

  async list(em: EntityManager, tenantId: string): Promise<IntegrationRow[]> {
    return this.db.sql<IntegrationRow>(`SELECT ${COLUMNS} FROM marketplace_integrations WHERE tenant_id = $1 ORDER BY name, id`, [tenantId], em);
  }

  async get(em: EntityManager, tenantId: string, id: string, forUpdate = false): Promise<IntegrationRow | null> {
    if (!UUID.test(id)) return null;
    const [row] = await this.db.sql<IntegrationRow>(`SELECT ${COLUMNS} FROM marketplace_integrations WHERE id = $1 AND tenant_id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [id, tenantId], em);
    return row ?? null;
  }

  /** The integration an inbound webhook addresses (across tenants: the token is the only key a caller has). */
  async byToken(em: EntityManager, token: string): Promise<IntegrationRow | null> {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null;
    const [row] = await this.db.sql<IntegrationRow>(`SELECT ${COLUMNS} FROM marketplace_integrations WHERE webhook_token = $1`, [token], em);
    return row ?? null;
  }

  async insert(
    em: EntityManager,
    row: { tenantId: string; type: string; name: string; config: Record<string, unknown>; detail: string | null; token: string; secret: Record<string, unknown>; at: Date },
  ): Promise<IntegrationRow> {
    const [created] = await this.db.sql<IntegrationRow>(
      `INSERT INTO marketplace_integrations (id, tenant_id, type, name, config, validated_at, validation_detail, webhook_token, webhook_secret)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9::jsonb) RETURNING ${COLUMNS}`,
      [randomUUID(), row.tenantId, row.type, row.name, JSON.stringify(row.config), row.at.toISOString(), row.detail, row.token, JSON.stringify(row.secret)],
      em,
    );
    return created;
  }

  async update(em: EntityManager, id: string, change: { name: string; enabled: boolean; config: Record<string, unknown>; validatedAt: Date; detail: string | null }): Promise<IntegrationRow> {
    const [row] = await this.db.sql<IntegrationRow>(
      `UPDATE marketplace_integrations SET name = $2, enabled = $3, config = $4::jsonb, validated_at = $5, validation_detail = $6, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, change.name, change.enabled, JSON.stringify(change.config), change.validatedAt.toISOString(), change.detail],
      em,
    );
    return row;
  }

  async setSecret(em: EntityManager, id: string, secret: Record<string, unknown>): Promise<IntegrationRow> {
    const [row] = await this.db.sql<IntegrationRow>(`UPDATE marketplace_integrations SET webhook_secret = $2::jsonb, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [id, JSON.stringify(secret)], em);
    return row;
  }

  async remove(em: EntityManager, id: string): Promise<void> {
    await this.db.sql('DELETE FROM marketplace_integrations WHERE id = $1', [id], em);
  }

  /** Records a delivery and makes it the integration's last. */
  async recordDelivery(em: EntityManager, row: IntegrationRow, status: DeliveryStatus, error: string | null, body: Buffer): Promise<DeliveryView> {
    const payload = body.subarray(0, PAYLOAD_KEPT).toString('utf8').replace(/\u0000/g, '');
    const [created] = await this.db.sql(
      `INSERT INTO marketplace_webhook_deliveries (id, tenant_id, integration_id, status, error, payload, size_bytes) VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING id, integration_id, received_at, status, error, payload, size_bytes`,
      [randomUUID(), row.tenant_id, row.id, status, error, payload, body.length],
      em,
    );
    await this.db.sql(
      'UPDATE marketplace_integrations SET last_delivery_at = $2, last_delivery_status = $3, last_delivery_error = $4 WHERE id = $1',
      [row.id, (created as { received_at: Date }).received_at, status, error],
      em,
    );
    return deliveryView(created);
  }

  async deliveries(em: EntityManager, tenantId: string, integrationId: string, limit = 100): Promise<DeliveryView[]> {
    const rows = await this.db.sql(
      `SELECT id, integration_id, received_at, status, error, payload, size_bytes FROM marketplace_webhook_deliveries WHERE tenant_id = $1 AND integration_id = $2 ORDER BY received_at DESC, id LIMIT $3`,
      [tenantId, integrationId, limit],
      em,
    );
    return rows.map(deliveryView);
  }
}

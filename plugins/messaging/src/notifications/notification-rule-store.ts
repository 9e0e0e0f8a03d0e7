import { randomUUID } from 'node:crypto';
import type { Database, EntityManager } from '@platform/sdk';
import type { NotificationRule, NotificationRuleInput } from './notification-rule.ts';

interface RuleRow {
  id: string;
  tenant_id: string | null;
  name: string;
  event_pattern: string;
  channel: NotificationRule['channel'];
  template_key: string;
  recipients: string[];
  recipient_paths: string[];
  enabled: boolean;
  created_at: Date | string;
  updated_at: Date | string;
}

const COLUMNS = 'id, tenant_id, name, event_pattern, channel, template_key, recipients, recipient_paths, enabled, created_at, updated_at';

function toRule(r: RuleRow): NotificationRule {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    name: r.name,
    eventPattern: r.event_pattern,
    channel: r.channel,
    templateKey: r.template_key,
    recipients: r.recipients ?? [],
    recipientPaths: r.recipient_paths ?? [],
    enabled: r.enabled,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** Which rules a list covers: one tenant's, the platform's (tenant null), or all of them. */
export type RuleOwner = { kind: 'tenant'; tenantId: string } | { kind: 'platform' } | { kind: 'all' };

/** The `messaging_notification_rules` table. */
export class NotificationRuleStore {
  constructor(private readonly db: Database) {}

  async list(owner: RuleOwner, page: { offset: number; limit: number }): Promise<{ rules: NotificationRule[]; total: number }> {
    const where = owner.kind === 'tenant' ? 'tenant_id = $1' : owner.kind === 'platform' ? 'tenant_id IS NULL' : 'true';
    const params: unknown[] = owner.kind === 'tenant' ? [owner.tenantId] : [];
    const n = params.length;
    const rows = await this.db.sql<RuleRow & { total: number }>(
      `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM messaging_notification_rules WHERE ${where}
       ORDER BY created_at DESC, id LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...params, page.limit, page.offset],
    );
    return { rules: rows.map(toRule), total: rows[0]?.total ?? 0 };
  }

  async get(id: string, em?: EntityManager): Promise<NotificationRule | null> {
    const rows = await this.db.sql<RuleRow>(`SELECT ${COLUMNS} FROM messaging_notification_rules WHERE id = $1`, [id], em);
    return rows[0] ? toRule(rows[0]) : null;
  }

  async insert(em: EntityManager, tenantId: string | null, input: NotificationRuleInput): Promise<NotificationRule> {
    const rows = await this.db.sql<RuleRow>(
      `INSERT INTO messaging_notification_rules (id, tenant_id, name, event_pattern, channel, template_key, recipients, recipient_paths, enabled)
       VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::text[], $9) RETURNING ${COLUMNS}`,
      [randomUUID(), tenantId, input.name, input.eventPattern, input.channel, input.templateKey, input.recipients, input.recipientPaths, input.enabled],
      em,
    );
    return toRule(rows[0]!);
  }

  async update(em: EntityManager, id: string, input: NotificationRuleInput): Promise<NotificationRule> {
    const rows = await this.db.sql<RuleRow>(
      `UPDATE messaging_notification_rules SET name = $2, event_pattern = $3, channel = $4, template_key = $5,
         recipients = $6::text[], recipient_paths = $7::text[], enabled = $8, updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, input.name, input.eventPattern, input.channel, input.templateKey, input.recipients, input.recipientPaths, input.enabled],
      em,
    );
    return toRule(rows[0]!);
  }

  async delete(em: EntityManager, id: string): Promise<void> {
    await this.db.sql(`DELETE FROM messaging_notification_rules WHERE id = $1`, [id], em);
  }

  /** The enabled rules that may apply to an event of `tenantId` (its own and the platform's); patterns are matched by the caller. */
  async enabledFor(tenantId: string | null): Promise<NotificationRule[]> {
    const rows = tenantId
      ? await this.db.sql<RuleRow>(`SELECT ${COLUMNS} FROM messaging_notification_rules WHERE enabled AND (tenant_id = $1 OR tenant_id IS NULL) ORDER BY created_at, id`, [tenantId])
      : await this.db.sql<RuleRow>(`SELECT ${COLUMNS} FROM messaging_notification_rules WHERE enabled AND tenant_id IS NULL ORDER BY created_at, id`);
    return rows.map(toRule);
  }
}

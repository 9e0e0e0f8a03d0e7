import type { Database } from '@platform/sdk';
import type { MessageChannel } from '@platform/sdk/messaging';
import type { RuleOwner } from './notification-rule-store.ts';

/** What the worker did for one (event, rule, recipient). `sent` and `failed` are final. */
export interface NotificationDelivery {
  eventId: string;
  ruleId: string;
  recipient: string;
  tenantId: string | null;
  eventName: string;
  channel: MessageChannel;
  idempotencyKey: string;
  status: 'pending' | 'sent' | 'failed';
  messageId: string | null;
  messageStatus: string | null;
  errorCode: string | null;
  error: string | null;
  attempts: number;
  createdAt: string;
  updatedAt: string;
}

export interface DeliveryKey {
  eventId: string;
  ruleId: string;
  recipient: string;
}

export interface DeliveryOutcome {
  status: 'pending' | 'sent' | 'failed';
  messageId?: string | null;
  messageStatus?: string | null;
  errorCode?: string | null;
  error?: string | null;
}

/** The `messaging_notification_deliveries` table. */
export class NotificationDeliveryStore {
  constructor(private readonly db: Database) {}

  /**
   * Starts an attempt for a (event, rule, recipient): creates the row, or counts one more attempt on a pending
   * one. False when the row is already final (`sent` or `failed`): nothing must be sent for it again.
   */
  async begin(key: DeliveryKey, row: { tenantId: string | null; eventName: string; channel: MessageChannel; idempotencyKey: string }): Promise<boolean> {
    const rows = await this.db.sql<{ status: string }>(
      `INSERT INTO messaging_notification_deliveries AS d (event_id, rule_id, recipient, tenant_id, event_name, channel, idempotency_key, status, attempts)
       VALUES ($1::bigint, $2, $3, $4, $5, $6, $7, 'pending', 1)
       ON CONFLICT (event_id, rule_id, recipient) DO UPDATE SET attempts = d.attempts + 1, updated_at = now()
         WHERE d.status = 'pending'
       RETURNING d.status`,
      [key.eventId, key.ruleId, key.recipient, row.tenantId, row.eventName, row.channel, row.idempotencyKey],
    );
    return rows.length === 1;
  }

  /**
   * {@link begin} for every (rule, recipient) of one event in one statement; returns the keys to send now (those
   * not already final), as `ruleId recipient` strings.
   */
  async beginMany(eventId: string, eventName: string, rows: Array<{ ruleId: string; recipient: string; tenantId: string | null; channel: MessageChannel; idempotencyKey: string }>): Promise<Set<string>> {
    if (!rows.length) return new Set();
    rows = [...new Map(rows.map((r) => [`${r.ruleId} ${r.recipient}`, r])).values()]; // a statement may touch a row once
    const started = await this.db.sql<{ rule_id: string; recipient: string }>(
      `INSERT INTO messaging_notification_deliveries AS d (event_id, rule_id, recipient, tenant_id, event_name, channel, idempotency_key, status, attempts)
       SELECT $1::bigint, r.rule_id, r.recipient, r.tenant_id, $2, r.channel, r.idempotency_key, 'pending', 1
       FROM jsonb_to_recordset($3::jsonb) AS r(rule_id uuid, recipient text, tenant_id uuid, channel text, idempotency_key text)
       ON CONFLICT (event_id, rule_id, recipient) DO UPDATE SET attempts = d.attempts + 1, updated_at = now()
         WHERE d.status = 'pending'
       RETURNING d.rule_id::text, d.recipient`,
      [eventId, eventName, JSON.stringify(rows.map((r) => ({ rule_id: r.ruleId, recipient: r.recipient, tenant_id: r.tenantId, channel: r.channel, idempotency_key: r.idempotencyKey })))],
    );
    return new Set(started.map((r) => `${r.rule_id} ${r.recipient}`));
  }

  /** {@link finish} for several deliveries of one event in one statement. */
  async finishMany(eventId: string, outcomes: Array<{ ruleId: string; recipient: string; outcome: DeliveryOutcome }>): Promise<void> {
    if (!outcomes.length) return;
    await this.db.sql(
      `UPDATE messaging_notification_deliveries d SET status = o.status, message_id = COALESCE(o.message_id, d.message_id),
         message_status = COALESCE(o.message_status, d.message_status), error_code = o.error_code, error = o.error, updated_at = now()
       FROM jsonb_to_recordset($2::jsonb) AS o(rule_id uuid, recipient text, status text, message_id uuid, message_status text, error_code text, error text)
       WHERE d.event_id = $1::bigint AND d.rule_id = o.rule_id AND d.recipient = o.recipient`,
      [
        eventId,
        JSON.stringify(
          outcomes.map(({ ruleId, recipient, outcome }) => ({
            rule_id: ruleId,
            recipient,
            status: outcome.status,
            message_id: outcome.messageId ?? null,
            message_status: outcome.messageStatus ?? null,
            error_code: outcome.errorCode ?? null,
            error: outcome.error?.slice(0, 2000) ?? null,
          })),
        ),
      ],
    );
  }

  async finish(key: DeliveryKey, outcome: DeliveryOutcome): Promise<void> {
    await this.db.sql(
      `UPDATE messaging_notification_deliveries SET status = $4, message_id = COALESCE($5::uuid, message_id), message_status = COALESCE($6, message_status),
         error_code = $7, error = $8, updated_at = now()
       WHERE event_id = $1::bigint AND rule_id = $2 AND recipient = $3`,
      [key.eventId, key.ruleId, key.recipient, outcome.status, outcome.messageId ?? null, outcome.messageStatus ?? null, outcome.errorCode ?? null, outcome.error?.slice(0, 2000) ?? null],
    );
  }

  async list(owner: RuleOwner, filter: { ruleId?: string; status?: string; eventId?: string }, page: { offset: number; limit: number }): Promise<{ deliveries: NotificationDelivery[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (owner.kind === 'tenant') add('tenant_id = ?', owner.tenantId);
    if (owner.kind === 'platform') where.push('tenant_id IS NULL');
    if (filter.ruleId) add('rule_id = ?', filter.ruleId);
    if (filter.status) add('status = ?', filter.status);
    if (filter.eventId) add('event_id = ?::bigint', filter.eventId);
    params.push(page.limit, page.offset);
    const rows = await this.db.sql<any>(
      `SELECT event_id::text, rule_id, recipient, tenant_id, event_name, channel, idempotency_key, status, message_id, message_status,
              error_code, error, attempts, created_at, updated_at, count(*) OVER ()::int AS total
       FROM messaging_notification_deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY created_at DESC, event_id DESC, recipient LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return {
      total: rows[0]?.total ?? 0,
      deliveries: rows.map((r) => ({
        eventId: r.event_id,
        ruleId: r.rule_id,
        recipient: r.recipient,
        tenantId: r.tenant_id,
        eventName: r.event_name,
        channel: r.channel,
        idempotencyKey: r.idempotency_key,
        status: r.status,
        messageId: r.message_id,
        messageStatus: r.message_status,
        errorCode: r.error_code,
        error: r.error,
        attempts: Number(r.attempts),
        createdAt: new Date(r.created_at).toISOString(),
        updatedAt: new Date(r.updated_at).toISOString(),
      })),
    };
  }
}

import type { Database } from '@platform/sdk';
import type { MessageChannel } from '@platform/sdk/messaging';
import type { RuleOwner } from './notification-rule-store.ts';
import { GroupedStatement } from '../grouped-statement.ts';

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

/** One (rule, recipient) of an event to start. */
export interface DeliveryStart {
  ruleId: string;
  recipient: string;
  tenantId: string | null;
  channel: MessageChannel;
  idempotencyKey: string;
}

function compareKeys(a: { event_id: string; rule_id: string; recipient: string }, b: { event_id: string; rule_id: string; recipient: string }): number {
  return a.event_id.length - b.event_id.length || (a.event_id < b.event_id ? -1 : a.event_id > b.event_id ? 1 : 0) || (a.rule_id < b.rule_id ? -1 : a.rule_id > b.rule_id ? 1 : 0) || (a.recipient < b.recipient ? -1 : a.recipient > b.recipient ? 1 : 0);
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
   * {@link begin} for every (rule, recipient) of one event; returns the keys to send now (those not already final),
   * as `ruleId recipient` strings. The events the worker handles side by side share one statement (see
   * GroupedStatement).
   */
  async beginMany(eventId: string, eventName: string, rows: DeliveryStart[]): Promise<Set<string>> {
    if (!rows.length) return new Set();
    return this.begins.run({ eventId, eventName, rows });
  }

  private readonly begins = new GroupedStatement<{ eventId: string; eventName: string; rows: DeliveryStart[] }, Set<string>>(async (events) => {
    // Each row once (a statement may touch a row once), in key order, so that two instances redelivering the same
    // events never lock their rows in opposite orders.
    const all = events.flatMap((e) => e.rows.map((r) => ({ event_id: e.eventId, event_name: e.eventName, rule_id: r.ruleId, recipient: r.recipient, tenant_id: r.tenantId, channel: r.channel, idempotency_key: r.idempotencyKey })));
    const rows = [...new Map(all.map((r) => [`${r.event_id} ${r.rule_id} ${r.recipient}`, r])).values()].sort((a, b) => compareKeys(a, b));
    const started = await this.db.sql<{ event_id: string; rule_id: string; recipient: string }>(
      `INSERT INTO messaging_notification_deliveries AS d (event_id, rule_id, recipient, tenant_id, event_name, channel, idempotency_key, status, attempts)
       SELECT r.event_id, r.rule_id, r.recipient, r.tenant_id, r.event_name, r.channel, r.idempotency_key, 'pending', 1
       FROM jsonb_to_recordset($1::jsonb) AS r(event_id bigint, event_name text, rule_id uuid, recipient text, tenant_id uuid, channel text, idempotency_key text)
       ON CONFLICT (event_id, rule_id, recipient) DO UPDATE SET attempts = d.attempts + 1, updated_at = now()
         WHERE d.status = 'pending'
       RETURNING d.event_id::text, d.rule_id::text, d.recipient`,
      [JSON.stringify(rows)],
    );
    const byEvent = new Map<string, Set<string>>(events.map((e) => [e.eventId, new Set<string>()]));
    for (const r of started) byEvent.get(r.event_id)?.add(`${r.rule_id} ${r.recipient}`);
    return events.map((e) => byEvent.get(e.eventId)!);
  });

  /** {@link finish} for several deliveries of one event; the events the worker handles side by side share one statement. */
  async finishMany(eventId: string, outcomes: Array<{ ruleId: string; recipient: string; outcome: DeliveryOutcome }>): Promise<void> {
    if (!outcomes.length) return;
    await this.finishes.run({ eventId, outcomes });
  }

  private readonly finishes = new GroupedStatement<{ eventId: string; outcomes: Array<{ ruleId: string; recipient: string; outcome: DeliveryOutcome }> }, void>(async (events) => {
    const rows = events
      .flatMap(({ eventId, outcomes }) =>
        outcomes.map(({ ruleId, recipient, outcome }) => ({
          event_id: eventId,
          rule_id: ruleId,
          recipient,
          status: outcome.status,
          message_id: outcome.messageId ?? null,
          message_status: outcome.messageStatus ?? null,
          error_code: outcome.errorCode ?? null,
          error: outcome.error?.slice(0, 2000) ?? null,
        })),
      )
      .sort((a, b) => compareKeys(a, b));
    await this.db.sql(
      `UPDATE messaging_notification_deliveries d SET status = o.status, message_id = COALESCE(o.message_id, d.message_id),
         message_status = COALESCE(o.message_status, d.message_status), error_code = o.error_code, error = o.error, updated_at = now()
       FROM jsonb_to_recordset($1::jsonb) AS o(event_id bigint, rule_id uuid, recipient text, status text, message_id uuid, message_status text, error_code text, error text)
       WHERE d.event_id = o.event_id AND d.rule_id = o.rule_id AND d.recipient = o.recipient`,
      [JSON.stringify(rows)],
    );
    return events.map(() => undefined);
  });

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

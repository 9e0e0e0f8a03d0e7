import type { Database, EntityManager } from '@platform/sdk';
import type { DeliveryStatus, EmailAddress, MessageChannel, ProviderFailureKind } from '@platform/sdk/messaging';
import { GroupedStatement } from '../grouped-statement.ts';

/** A message as the API shows it. */
export interface MessageRecord {
  id: string;
  tenantId: string | null;
  channel: MessageChannel;
  status: DeliveryStatus;
  /** The (first) recipient: an E.164 number or an email address. */
  to: string;
  recipients: EmailAddress[] | string[];
  from: unknown;
  replyTo: unknown;
  subject: string | null;
  body: string | null;
  html: string | null;
  templateKey: string | null;
  templateVersionId: string | null;
  language: string | null;
  purpose: string | null;
  segments: number;
  creditsReserved: number;
  providerConfigId: string | null;
  providerId: string | null;
  providerMessageId: string | null;
  /** `amountMicros`: the exact cost in millionths of the major unit, when the provider quoted finer than a minor unit. */
  cost: { amountMinor: number; currency: string; amountMicros?: number } | null;
  error: string | null;
  idempotencyKey: string | null;
  createdAt: string;
  sentAt: string | null;
  updatedAt: string;
}

export interface AttemptRecord {
  seq: number;
  providerConfigId: string | null;
  providerId: string;
  outcome: 'sent' | ProviderFailureKind;
  detail: string | null;
  httpStatus: number | null;
  at: string;
}

export interface StatusEventRecord {
  status: DeliveryStatus;
  source: 'send' | 'callback';
  reason: string | null;
  providerAt: string | null;
  at: string;
}

/** What sending writes when it queues a message; the rest of a {@link MessageRecord} comes later. */
export type NewMessage = Pick<
  MessageRecord,
  | 'id' | 'tenantId' | 'channel' | 'to' | 'recipients' | 'from' | 'replyTo' | 'subject' | 'body' | 'html'
  | 'templateKey' | 'templateVersionId' | 'language' | 'purpose' | 'segments' | 'creditsReserved' | 'idempotencyKey'
>;

const COLUMNS = `id, tenant_id AS "tenantId", channel, status, recipient AS "to", recipients, sender AS "from", reply_to AS "replyTo", subject, body, html,
  template_key AS "templateKey", template_version_id AS "templateVersionId", language, purpose, segments, credits_reserved AS "creditsReserved",
  provider_config_id AS "providerConfigId", provider_id AS "providerId", provider_message_id AS "providerMessageId", cost_minor AS "costMinor",
  cost_currency AS "costCurrency", cost_micros AS "costMicros", error, idempotency_key AS "idempotencyKey", created_at AS "createdAt", sent_at AS "sentAt", updated_at AS "updatedAt"`;

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

function fromRow(r: Record<string, unknown>): MessageRecord {
  const { costMinor, costCurrency, costMicros, ...rest } = r;
  return {
    ...(rest as unknown as MessageRecord),
    cost:
      costMinor === null || costMinor === undefined
        ? null
        : { amountMinor: Number(costMinor), currency: String(costCurrency), ...(costMicros === null || costMicros === undefined ? {} : { amountMicros: Number(costMicros) }) },
    createdAt: iso(r.createdAt)!,
    sentAt: iso(r.sentAt),
    updatedAt: iso(r.updatedAt)!,
  };
}

export const MESSAGE_SORTS: Record<string, string> = { createdAt: 'created_at', sentAt: 'sent_at', status: 'status', channel: 'channel', to: 'recipient', providerId: 'provider_id', updatedAt: 'updated_at' };

const NIL_TENANT = '00000000-0000-0000-0000-000000000000';

/** SQL over `messaging_messages`, its attempts and its status history. */
export interface SentRecord {
  id: string;
  attempt: { id: string; seq: number };
  s: { status: DeliveryStatus; providerConfigId: string; providerId: string; providerMessageId: string; segments: number; cost: { amountMinor: number; currency: string; amountMicros?: number } | null };
  at: string;
}

export class MessageStore {
  constructor(private readonly db: Database) {}

  async find(id: string, em?: EntityManager, lock = false): Promise<MessageRecord | null> {
    const [row] = await this.db.sql<Record<string, unknown>>(`SELECT ${COLUMNS} FROM messaging_messages WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id], em);
    return row ? fromRow(row) : null;
  }

  async findByIdempotencyKey(tenantId: string | null, key: string, em?: EntityManager): Promise<MessageRecord | null> {
    const [row] = await this.db.sql<Record<string, unknown>>(
      `SELECT ${COLUMNS} FROM messaging_messages WHERE COALESCE(tenant_id, '${NIL_TENANT}'::uuid) = COALESCE($1::uuid, '${NIL_TENANT}'::uuid) AND idempotency_key = $2`,
      [tenantId, key],
      em,
    );
    return row ? fromRow(row) : null;
  }

  /** The message a provider's callback is about: the configuration that accepted it and the provider's id. Locked. */
  async findByProviderMessage(em: EntityManager, providerConfigId: string, providerMessageId: string): Promise<MessageRecord | null> {
    const [row] = await this.db.sql<Record<string, unknown>>(
      `SELECT ${COLUMNS} FROM messaging_messages WHERE provider_config_id = $1 AND provider_message_id = $2 FOR UPDATE`,
      [providerConfigId, providerMessageId],
      em,
    );
    return row ? fromRow(row) : null;
  }

  async list(where: string, params: unknown[], order: string, limit: number, offset: number, em?: EntityManager): Promise<{ rows: MessageRecord[]; total: number }> {
    const [{ n }] = await this.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM messaging_messages WHERE ${where}`, params, em);
    const rows = await this.db.sql<Record<string, unknown>>(`SELECT ${COLUMNS} FROM messaging_messages WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`, params, em);
    return { rows: rows.map(fromRow), total: n };
  }

  /**
   * Inserts a `queued` message and its first history entry in one statement; false when its idempotency key is
   * taken (nothing written).
   */
  async insertQueued(em: EntityManager | undefined, m: NewMessage, at: string, source = 'send'): Promise<boolean> {
    // Outside a caller's transaction, concurrent sends share one statement (see GroupedStatement).
    if (!em) return this.queuedInserts.run({ m, at, source });
    return (await this.insertQueuedMany([{ m, at, source }], em)).has(m.id);
  }

  private readonly queuedInserts = new GroupedStatement<{ m: NewMessage; at: string; source: string }, boolean>(async (inputs) => {
    const inserted = await this.insertQueuedMany(inputs);
    return inputs.map((i) => inserted.has(i.m.id));
  });

  /** Inserts the messages `queued` with their history entry, skipping any whose id or idempotency key exists; returns the ids inserted. */
  async insertQueuedMany(inputs: Array<{ m: NewMessage; at: string; source: string }>, em?: EntityManager): Promise<Set<string>> {
    // Idempotency-key order: two instances sending the same keys never wait for each other in opposite orders.
    const rows = inputs
      .map(({ m, at, source }) => ({
        id: m.id, tenant_id: m.tenantId, channel: m.channel, recipient: m.to, recipients: m.recipients, sender: m.from ?? null, reply_to: m.replyTo ?? null,
        subject: m.subject, body: m.body, html: m.html, template_key: m.templateKey, template_version_id: m.templateVersionId, language: m.language,
        purpose: m.purpose, segments: m.segments, credits_reserved: m.creditsReserved, idempotency_key: m.idempotencyKey, at, source,
      }))
      .sort((a, b) => ((a.idempotency_key ?? '') < (b.idempotency_key ?? '') ? -1 : (a.idempotency_key ?? '') > (b.idempotency_key ?? '') ? 1 : 0));
    const result = await this.db.sql<{ message_id: string }>(
      `WITH r AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, tenant_id uuid, channel text, recipient text, recipients jsonb, sender jsonb, reply_to jsonb,
           subject text, body text, html text, template_key text, template_version_id text, language text, purpose text, segments integer,
           credits_reserved integer, idempotency_key text, at timestamptz, source text)
       ), inserted AS (
         INSERT INTO messaging_messages (id, tenant_id, channel, status, recipient, recipients, sender, reply_to, subject, body, html, template_key,
           template_version_id, language, purpose, segments, credits_reserved, idempotency_key, created_at, updated_at)
         SELECT id, tenant_id, channel, 'queued', recipient, recipients, sender, reply_to, subject, body, html, template_key,
           template_version_id, language, purpose, segments, credits_reserved, idempotency_key, at, at FROM r
         ON CONFLICT DO NOTHING RETURNING id)
       INSERT INTO messaging_message_events (message_id, status, source, reason, provider_at, at)
       SELECT r.id, 'queued', r.source, NULL, NULL, r.at FROM inserted JOIN r ON r.id = inserted.id RETURNING message_id`,
      [JSON.stringify(rows)],
      em,
    );
    return new Set(result.map((r) => r.message_id));
  }

  /**
   * Records a provider's acceptance in one statement: the attempt, the message's new status and provider ids, and
   * the history entry. Without `em`, a transaction of its own, shared with the concurrent sends' acceptances (see
   * GroupedStatement); then DeliveryUpdates.settleEarly takes the callbacks that arrived for that provider id before it was known.
   */
  async recordSent(
    em: EntityManager | undefined,
    id: string,
    attempt: { id: string; seq: number },
    s: { status: DeliveryStatus; providerConfigId: string; providerId: string; providerMessageId: string; segments: number; cost: { amountMinor: number; currency: string; amountMicros?: number } | null },
    at: string,
  ): Promise<void> {
    const row = { id, attempt, s, at };
    if (!em) return this.sentRecords.run(row);
    await this.recordSentMany([row], em);
  }

  private readonly sentRecords = new GroupedStatement<SentRecord, void>(async (rows) => {
    await this.recordSentMany(rows);
    return rows.map(() => undefined);
  });

  /** {@link recordSent} for several messages in one statement. */
  async recordSentMany(rows: SentRecord[], em?: EntityManager): Promise<void> {
    const records = rows
      .map(({ id, attempt, s, at }) => ({
        id, attempt_id: attempt.id, seq: attempt.seq, status: s.status, provider_config_id: s.providerConfigId, provider_id: s.providerId,
        provider_message_id: s.providerMessageId, segments: s.segments, cost_minor: s.cost?.amountMinor ?? null, cost_currency: s.cost?.currency ?? null,
        cost_micros: s.cost?.amountMicros ?? null, at,
      }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    await this.db.sql(
      `WITH r AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, attempt_id uuid, seq integer, status text, provider_config_id uuid, provider_id text,
           provider_message_id text, segments integer, cost_minor bigint, cost_currency text, cost_micros bigint, at timestamptz)
       ), attempt AS (
         INSERT INTO messaging_message_attempts (id, message_id, seq, provider_config_id, provider_id, outcome, detail, http_status, at)
         SELECT attempt_id, id, seq, provider_config_id, provider_id, 'sent', NULL, NULL, at FROM r),
       sent AS (
         UPDATE messaging_messages m SET status = r.status, provider_config_id = r.provider_config_id, provider_id = r.provider_id,
           provider_message_id = r.provider_message_id, segments = r.segments, cost_minor = r.cost_minor, cost_currency = r.cost_currency,
           cost_micros = r.cost_micros, error = NULL, sent_at = r.at, updated_at = r.at
         FROM r WHERE m.id = r.id RETURNING m.id, r.status, r.at)
       INSERT INTO messaging_message_events (message_id, status, source, reason, provider_at, at)
       SELECT id, status, 'send', NULL, NULL, at FROM sent
       ON CONFLICT (message_id, status, source) DO NOTHING`,
      [JSON.stringify(records)],
      em,
    );
  }

  /** Removes messages just inserted `queued` in `em`'s transaction (their credits were refused): as if never recorded. */
  async deleteQueued(em: EntityManager, ids: string[]): Promise<void> {
    if (!ids.length) return;
    await this.db.sql(`DELETE FROM messaging_messages WHERE id = ANY($1::uuid[]) AND status = 'queued'`, [ids], em); // its history goes with it (cascade)
  }

  /**
   * Takes the resume lease on one message a dead send left queued (no provider id yet), unless someone holds a
   * lease on it that has not lapsed at `now`. False: not queued any more, or resumed by someone else right now.
   */
  async claimQueued(id: string, now: string, leaseUntil: string): Promise<boolean> {
    const rows = await this.db.sql(
      `UPDATE messaging_messages SET send_lease_until = $3, updated_at = $2
       WHERE id = $1 AND status = 'queued' AND provider_message_id IS NULL AND (send_lease_until IS NULL OR send_lease_until < $2) RETURNING id`,
      [id, now, leaseUntil],
    );
    return rows.length > 0;
  }

  /**
   * Takes the resume lease on up to `limit` messages left queued since before `staleBefore` (no provider id,
   * no live lease), oldest first, in one statement; `SKIP LOCKED` lets several instances sweep side by side.
   */
  async claimStaleQueued(staleBefore: string, now: string, leaseUntil: string, limit: number): Promise<string[]> {
    const rows = await this.db.sql<{ id: string }>(
      `UPDATE messaging_messages m SET send_lease_until = $3, updated_at = $2
       WHERE m.id IN (SELECT id FROM messaging_messages
                      WHERE status = 'queued' AND provider_message_id IS NULL AND updated_at < $1 AND (send_lease_until IS NULL OR send_lease_until < $2)
                      ORDER BY updated_at LIMIT $4 FOR UPDATE SKIP LOCKED)
       RETURNING m.id`,
      [staleBefore, now, leaseUntil, limit],
    );
    return rows.map((r) => r.id);
  }

  async markFailed(em: EntityManager, id: string, error: string, at: string): Promise<void> {
    await this.db.sql(`UPDATE messaging_messages SET status = 'failed', error = $2, updated_at = $3 WHERE id = $1`, [id, error, at], em);
  }

  async setStatus(em: EntityManager, id: string, status: DeliveryStatus, error: string | null, at: string): Promise<void> {
    await this.db.sql(`UPDATE messaging_messages SET status = $2, error = COALESCE($3, error), updated_at = $4 WHERE id = $1`, [id, status, error, at], em);
  }

  async addAttempt(id: string, messageId: string, a: Omit<AttemptRecord, 'at'>, at: string, em?: EntityManager): Promise<void> {
    await this.db.sql(
      `INSERT INTO messaging_message_attempts (id, message_id, seq, provider_config_id, provider_id, outcome, detail, http_status, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, messageId, a.seq, a.providerConfigId, a.providerId, a.outcome, a.detail, a.httpStatus, at],
      em,
    );
  }

  /** Appends to the status history; false when this status from this source is already there (a repeated callback). */
  async addEvent(em: EntityManager, messageId: string, e: Omit<StatusEventRecord, 'at'>, at: string): Promise<boolean> {
    const rows = await this.db.sql(
      `INSERT INTO messaging_message_events (message_id, status, source, reason, provider_at, at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (message_id, status, source) DO NOTHING RETURNING id`,
      [messageId, e.status, e.source, e.reason, e.providerAt, at],
      em,
    );
    return rows.length > 0;
  }

  async attempts(messageId: string): Promise<AttemptRecord[]> {
    const rows = await this.db.sql<Record<string, unknown>>(
      `SELECT seq, provider_config_id AS "providerConfigId", provider_id AS "providerId", outcome, detail, http_status AS "httpStatus", at
       FROM messaging_message_attempts WHERE message_id = $1 ORDER BY seq`,
      [messageId],
    );
    return rows.map((r) => ({ ...(r as unknown as AttemptRecord), at: iso(r.at)! }));
  }

  async history(messageId: string): Promise<StatusEventRecord[]> {
    const rows = await this.db.sql<Record<string, unknown>>(
      `SELECT status, source, reason, provider_at AS "providerAt", at FROM messaging_message_events WHERE message_id = $1 ORDER BY id`,
      [messageId],
    );
    return rows.map((r) => ({ ...(r as unknown as StatusEventRecord), providerAt: iso(r.providerAt), at: iso(r.at)! }));
  }
}

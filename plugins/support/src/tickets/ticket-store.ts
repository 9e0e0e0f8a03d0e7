import { randomUUID } from 'node:crypto';
import type { Database, EntityManager } from '@platform/sdk';
import type { TicketPriority } from '../support-settings.ts';
import { slaPauseChanges, slaStateOf, type SlaFacts, type TicketSla } from './ticket-sla.ts';
import type { TicketStatus } from './ticket-status.ts';

export const TICKET_CATEGORIES = ['question', 'problem', 'billing', 'feature_request', 'account', 'other'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

/** A ticket as the API shows it, with its SLA timers computed at read time. */
export interface TicketRecord {
  id: string;
  tenantId: string;
  number: number;
  subject: string;
  body: string;
  category: TicketCategory;
  priority: TicketPriority;
  status: TicketStatus;
  reporterUserId: string | null;
  reporterEmail: string | null;
  reporterName: string | null;
  assigneeUserId: string | null;
  assigneeLabel: string | null;
  firstResponseAt: string | null;
  solvedAt: string | null;
  closedAt: string | null;
  firstResponseBreachedAt: string | null;
  resolutionBreachedAt: string | null;
  lastActivityAt: string;
  createdAt: string;
  updatedAt: string;
  sla: TicketSla;
}

export interface TicketMessageRecord {
  id: string;
  ticketId: string;
  authorKind: 'tenant' | 'staff';
  authorUserId: string | null;
  authorLabel: string | null;
  body: string;
  internal: boolean;
  createdAt: string;
}

const COLUMNS = `id, tenant_id, number, subject, body, category, priority, status, reporter_user_id, reporter_email, reporter_name,
  assignee_user_id, assignee_label, first_response_due_at, resolution_due_at, first_response_at, solved_at, closed_at,
  first_response_breached_at, resolution_breached_at, sla_paused_at, sla_paused_seconds, last_activity_at, created_at, updated_at`;

const iso = (v: unknown): string | null => (v === null || v === undefined ? null : new Date(v as string).toISOString());
const date = (v: unknown): Date | null => (v === null || v === undefined ? null : new Date(v as string));

export function ticketFromRow(r: Record<string, any>, now: Date): TicketRecord {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    number: Number(r.number),
    subject: r.subject,
    body: r.body,
    category: r.category,
    priority: r.priority,
    status: r.status,
    reporterUserId: r.reporter_user_id,
    reporterEmail: r.reporter_email,
    reporterName: r.reporter_name,
    assigneeUserId: r.assignee_user_id,
    assigneeLabel: r.assignee_label,
    firstResponseAt: iso(r.first_response_at),
    solvedAt: iso(r.solved_at),
    closedAt: iso(r.closed_at),
    firstResponseBreachedAt: iso(r.first_response_breached_at),
    resolutionBreachedAt: iso(r.resolution_breached_at),
    lastActivityAt: iso(r.last_activity_at)!,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    sla: slaStateOf(
      slaFactsOf(r),
      now,
    ),
  };
}

/** The SLA facts of a ticket row (what timers and pauses are computed from). */
export function slaFactsOf(r: Record<string, any>): SlaFacts {
  const solved = date(r.solved_at);
  const closed = date(r.closed_at);
  return {
    firstResponseDueAt: date(r.first_response_due_at)!,
    resolutionDueAt: date(r.resolution_due_at)!,
    firstResponseAt: date(r.first_response_at),
    resolvedAt: solved && closed ? (solved < closed ? solved : closed) : solved ?? closed,
    pausedAt: date(r.sla_paused_at),
    pausedSeconds: Number(r.sla_paused_seconds ?? 0),
  };
}

function messageFromRow(r: Record<string, any>): TicketMessageRecord {
  return {
    id: r.id,
    ticketId: r.ticket_id,
    authorKind: r.author_kind,
    authorUserId: r.author_user_id,
    authorLabel: r.author_label,
    body: r.body,
    internal: r.internal,
    createdAt: iso(r.created_at)!,
  };
}

export interface NewTicket {
  tenantId: string;
  subject: string;
  body: string;
  category: TicketCategory;
  priority: TicketPriority;
  reporterUserId: string | null;
  reporterEmail: string | null;
  reporterName: string | null;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  now: Date;
}

export interface TicketChanges {
  status?: TicketStatus;
  priority?: TicketPriority;
  assigneeUserId?: string | null;
  assigneeLabel?: string | null;
  firstResponseDueAt?: Date;
  resolutionDueAt?: Date;
  firstResponseAt?: Date;
  solvedAt?: Date | null;
  closedAt?: Date;
  slaPausedAt?: Date | null;
  slaPausedSeconds?: number;
}

const CHANGE_COLUMNS: Record<keyof TicketChanges, string> = {
  status: 'status',
  priority: 'priority',
  assigneeUserId: 'assignee_user_id',
  assigneeLabel: 'assignee_label',
  firstResponseDueAt: 'first_response_due_at',
  resolutionDueAt: 'resolution_due_at',
  firstResponseAt: 'first_response_at',
  solvedAt: 'solved_at',
  closedAt: 'closed_at',
  slaPausedAt: 'sla_paused_at',
  slaPausedSeconds: 'sla_paused_seconds',
};

/** Tickets and their thread, in SQL. Every call takes the entity manager whose tenant (or cross-tenant) scope applies. */
export class TicketStore {
  constructor(private readonly db: Database) {}

  async insert(em: EntityManager, t: NewTicket): Promise<string> {
    const id = randomUUID();
    await this.db.sql(
      `INSERT INTO support_tickets (id, tenant_id, subject, body, category, priority, status, reporter_user_id, reporter_email, reporter_name,
         first_response_due_at, resolution_due_at, last_activity_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $9, $10, $11, $12, $12, $12)`,
      [id, t.tenantId, t.subject, t.body, t.category, t.priority, t.reporterUserId, t.reporterEmail, t.reporterName, t.firstResponseDueAt, t.resolutionDueAt, t.now],
      em,
    );
    return id;
  }

  /** The SLA facts of a ticket (due times, pauses), or null. */
  async slaFacts(em: EntityManager, id: string): Promise<SlaFacts | null> {
    const [row] = await this.db.sql(`SELECT ${COLUMNS} FROM support_tickets WHERE id = $1`, [id], em);
    return row ? slaFactsOf(row) : null;
  }

  async find(em: EntityManager, id: string, now: Date, opts: { forUpdate?: boolean } = {}): Promise<TicketRecord | null> {
    const [row] = await this.db.sql(`SELECT ${COLUMNS} FROM support_tickets WHERE id = $1${opts.forUpdate ? ' FOR UPDATE' : ''}`, [id], em);
    return row ? ticketFromRow(row, now) : null;
  }

  /** Raw due times (the record shows them inside `sla`). */
  async list(em: EntityManager, where: string, params: unknown[], order: string, limit: number, offset: number, now: Date): Promise<{ rows: TicketRecord[]; total: number }> {
    const rows = await this.db.sql(`SELECT ${COLUMNS} FROM support_tickets WHERE ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`, params, em);
    const [{ n }] = await this.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM support_tickets WHERE ${where}`, params, em);
    return { rows: rows.map((r) => ticketFromRow(r, now)), total: n };
  }

  /**
   * Writes `changes`. A status change also pauses or resumes the SLA timers (`slaPauseChanges`): into `pending` they
   * stop, out of it the due times not met yet move on by the pause. Unless the caller set the due times itself.
   */
  async update(em: EntityManager, id: string, changes: TicketChanges, now: Date): Promise<void> {
    if (changes.status !== undefined) {
      const [row] = await this.db.sql<Record<string, any>>(`SELECT ${COLUMNS} FROM support_tickets WHERE id = $1`, [id], em);
      if (row) {
        const facts = slaFactsOf(row);
        const pause = slaPauseChanges(facts, row.status, changes.status, now);
        // Due times the caller recomputed (a new priority) count the completed pauses only: add the one ending now.
        const ended = ((pause.slaPausedSeconds ?? facts.pausedSeconds ?? 0) - (facts.pausedSeconds ?? 0)) * 1000;
        const later = (d: Date | undefined) => (d && ended > 0 ? new Date(d.getTime() + ended) : d);
        const recomputed = changes.firstResponseDueAt !== undefined || changes.resolutionDueAt !== undefined;
        changes = {
          ...changes,
          slaPausedAt: pause.slaPausedAt,
          slaPausedSeconds: pause.slaPausedSeconds,
          ...(recomputed
            ? { firstResponseDueAt: later(changes.firstResponseDueAt), resolutionDueAt: later(changes.resolutionDueAt) }
            : { firstResponseDueAt: pause.firstResponseDueAt, resolutionDueAt: pause.resolutionDueAt }),
        };
      }
    }
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [key, value] of Object.entries(changes) as [keyof TicketChanges, unknown][]) {
      if (value === undefined) continue;
      params.push(value);
      sets.push(`${CHANGE_COLUMNS[key]} = $${params.length}`);
    }
    params.push(now);
    sets.push(`updated_at = $${params.length}`, `last_activity_at = $${params.length}`);
    await this.db.sql(`UPDATE support_tickets SET ${sets.join(', ')} WHERE id = $1`, params, em);
  }

  async addMessage(em: EntityManager, m: Omit<TicketMessageRecord, 'id' | 'createdAt'> & { tenantId: string; now: Date }): Promise<TicketMessageRecord> {
    const id = randomUUID();
    const [row] = await this.db.sql(
      `INSERT INTO support_ticket_messages (id, tenant_id, ticket_id, author_kind, author_user_id, author_label, body, internal, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [id, m.tenantId, m.ticketId, m.authorKind, m.authorUserId, m.authorLabel, m.body, m.internal, m.now],
      em,
    );
    return messageFromRow(row);
  }

  async messages(em: EntityManager, ticketId: string, opts: { includeInternal: boolean }): Promise<TicketMessageRecord[]> {
    const rows = await this.db.sql(
      `SELECT * FROM support_ticket_messages WHERE ticket_id = $1${opts.includeInternal ? '' : ' AND NOT internal'} ORDER BY created_at, seq`,
      [ticketId],
      em,
    );
    return rows.map(messageFromRow);
  }

  /** Marks the timers that ran out (once); returns the tickets newly breached. */
  async markBreaches(em: EntityManager, now: Date): Promise<{ id: string; tenantId: string; number: number; timer: 'first_response' | 'resolution' }[]> {
    const first = await this.db.sql<{ id: string; tenant_id: string; number: string }>(
      `UPDATE support_tickets SET first_response_breached_at = $1
        WHERE first_response_breached_at IS NULL
          AND ((first_response_at IS NULL AND sla_paused_at IS NULL AND first_response_due_at < $1 AND status NOT IN ('solved', 'closed')) OR first_response_at > first_response_due_at)
        RETURNING id, tenant_id, number`,
      [now],
      em,
    );
    const resolution = await this.db.sql<{ id: string; tenant_id: string; number: string }>(
      `UPDATE support_tickets SET resolution_breached_at = $1
        WHERE resolution_breached_at IS NULL
          AND ((solved_at IS NULL AND closed_at IS NULL AND sla_paused_at IS NULL AND resolution_due_at < $1) OR LEAST(solved_at, closed_at) > resolution_due_at)
        RETURNING id, tenant_id, number`,
      [now],
      em,
    );
    return [
      ...first.map((r) => ({ id: r.id, tenantId: r.tenant_id, number: Number(r.number), timer: 'first_response' as const })),
      ...resolution.map((r) => ({ id: r.id, tenantId: r.tenant_id, number: Number(r.number), timer: 'resolution' as const })),
    ];
  }
}

import { ProblemError, type EntityManager, type PluginContext, type RequestContext } from '@platform/sdk';
import { resolvedSettings, type SupportSettings, type TicketPriority } from '../support-settings.ts';
import { SUPPORT_PERMISSIONS } from '../support-permissions.ts';
import { slaDueTimes } from './ticket-sla.ts';
import { checkStaffTransition, isResolved, statusAfterStaffReply, statusAfterTenantReply, type TicketStatus } from './ticket-status.ts';
import type { TicketCategory, TicketChanges, TicketMessageRecord, TicketRecord, TicketStore } from './ticket-store.ts';
import { actorLabelOf, requireStaffVisible, requireTenantVisible, staffReaderOf } from './ticket-access.ts';

export interface NewTicketInput {
  subject: string;
  body: string;
  category: TicketCategory;
  priority?: TicketPriority;
}

export interface StaffChangeInput {
  status?: TicketStatus;
  priority?: TicketPriority;
  /** A staff user holding `support.queue`, or null to unassign. */
  assigneeUserId?: string | null;
}

export interface ReplyInput {
  body: string;
  internal?: boolean;
  status?: TicketStatus;
}

/** Ticket rules: creation with SLA due times, replies, staff changes; each write in one transaction with its audit entry and events. */
export class TicketService {
  constructor(
    private readonly ctx: PluginContext,
    private readonly store: TicketStore,
    readonly clock: () => Date = () => new Date(),
  ) {}

  async settings() {
    return resolvedSettings(await this.ctx.settings.get<Partial<SupportSettings>>());
  }

  // ---------------------------------------------------------------- tenant side

  async create(req: RequestContext, input: NewTicketInput): Promise<TicketRecord> {
    const tenantId = req.requireTenant();
    const now = this.clock();
    const priority = input.priority ?? 'normal';
    const { sla } = await this.settings();
    const due = slaDueTimes(now, sla[priority]);
    const actor = req.actor;
    const user = actor?.type === 'user' ? actor : null;
    return req.em.transactional(async (em) => {
      const id = await this.store.insert(em, {
        tenantId,
        subject: input.subject,
        body: input.body,
        category: input.category,
        priority,
        reporterUserId: user?.id ?? null,
        reporterEmail: user?.email ?? null,
        reporterName: user?.name ?? null,
        ...due,
        now,
      });
      const ticket = (await this.store.find(em, id, now))!;
      await req.audit({ action: 'support.ticket.created', tenantId, targetType: 'support.ticket', targetId: id, after: { number: ticket.number, category: ticket.category, priority } }, em);
      await this.ctx.events.emitDurable(em, 'support.ticket.created', {
        ticketId: id,
        tenantId,
        number: ticket.number,
        subject: ticket.subject,
        priority,
        category: ticket.category,
        reporterEmail: ticket.reporterEmail,
        reporterName: ticket.reporterName,
      });
      return ticket;
    });
  }

  async tenantTicket(req: RequestContext, id: string, em: EntityManager = req.em, forUpdate = false): Promise<TicketRecord> {
    return requireTenantVisible(req, await this.store.find(em, id, this.clock(), { forUpdate }), id);
  }

  async tenantReply(req: RequestContext, id: string, body: string): Promise<TicketMessageRecord> {
    const now = this.clock();
    return req.em.transactional(async (em) => {
      const ticket = await this.tenantTicket(req, id, em, true);
      const status = statusAfterTenantReply(ticket.status);
      const message = await this.store.addMessage(em, { tenantId: ticket.tenantId, ticketId: id, authorKind: 'tenant', authorUserId: req.actor?.type === 'user' ? req.actor.id : null, authorLabel: actorLabelOf(req), body, internal: false, now });
      await this.store.update(em, id, { status, solvedAt: status !== ticket.status && ticket.status === 'solved' ? null : undefined }, now);
      await req.audit({ action: 'support.ticket.replied', tenantId: ticket.tenantId, targetType: 'support.ticket', targetId: id, after: { messageId: message.id, by: 'tenant' } }, em);
      if (status !== ticket.status) await this.emitStatusChange(em, ticket, status, now);
      return message;
    });
  }

  /** The tenant says the problem is gone: `solved` (meets the resolution timer); a reply reopens it. */
  async tenantSolve(req: RequestContext, id: string): Promise<TicketRecord> {
    const now = this.clock();
    return req.em.transactional(async (em) => {
      const ticket = await this.tenantTicket(req, id, em, true);
      if (ticket.status === 'closed') throw new ProblemError(409, 'ticket_closed', 'This ticket is closed');
      if (ticket.status === 'solved') return ticket;
      await this.store.update(em, id, this.statusChanges(ticket, 'solved', now), now);
      await req.audit({ action: 'support.ticket.updated', tenantId: ticket.tenantId, targetType: 'support.ticket', targetId: id, before: { status: ticket.status }, after: { status: 'solved', by: 'tenant' } }, em);
      await this.emitStatusChange(em, ticket, 'solved', now);
      return (await this.store.find(em, id, now))!;
    });
  }

  // ---------------------------------------------------------------- staff side

  async staffTicket(req: RequestContext, id: string, em: EntityManager = staffReaderOf(req), forUpdate = false): Promise<TicketRecord> {
    return requireStaffVisible(req, await this.store.find(em, id, this.clock(), { forUpdate }), id);
  }

  async staffChange(req: RequestContext, id: string, input: StaffChangeInput): Promise<TicketRecord> {
    const now = this.clock();
    let assignee: { id: string; label: string } | null | undefined;
    if (input.assigneeUserId !== undefined && input.assigneeUserId !== null) {
      const user = await this.ctx.users.get(input.assigneeUserId);
      if (!user || user.kind !== 'staff' || user.status !== 'active' || !(await this.ctx.users.hasPermission(user, SUPPORT_PERMISSIONS.queue)))
        throw new ProblemError(400, 'validation_failed', 'assigneeUserId must be an active staff user who works the support queue', { field: 'assigneeUserId' });
      assignee = { id: user.id, label: user.name || user.email };
    } else if (input.assigneeUserId === null) assignee = null;
    const { sla } = await this.settings();
    return staffReaderOf(req).transactional(async (em) => {
      const ticket = await this.staffTicket(req, id, em, true);
      const changes: TicketChanges = {};
      if (input.status !== undefined && input.status !== ticket.status) {
        checkStaffTransition(ticket.status, input.status);
        Object.assign(changes, this.statusChanges(ticket, input.status, now));
      }
      if (input.priority !== undefined && input.priority !== ticket.priority) {
        // A new priority recomputes both due times from the ticket's opening, plus the time its timers were paused.
        changes.priority = input.priority;
        const facts = await this.store.slaFacts(em, id);
        Object.assign(changes, slaDueTimes(new Date(ticket.createdAt), sla[input.priority], facts?.pausedSeconds ?? 0));
      }
      if (assignee !== undefined && (assignee?.id ?? null) !== ticket.assigneeUserId) {
        changes.assigneeUserId = assignee?.id ?? null;
        changes.assigneeLabel = assignee?.label ?? null;
      }
      if (Object.keys(changes).length === 0) return ticket;
      await this.store.update(em, id, changes, now);
      const after = (await this.store.find(em, id, now))!;
      await req.audit(
        {
          action: 'support.ticket.updated',
          tenantId: ticket.tenantId,
          targetType: 'support.ticket',
          targetId: id,
          before: { status: ticket.status, priority: ticket.priority, assigneeUserId: ticket.assigneeUserId },
          after: { status: after.status, priority: after.priority, assigneeUserId: after.assigneeUserId },
        },
        em,
      );
      if (after.status !== ticket.status) await this.emitStatusChange(em, ticket, after.status, now);
      return after;
    });
  }

  async staffReply(req: RequestContext, id: string, input: ReplyInput): Promise<TicketMessageRecord> {
    const now = this.clock();
    const internal = input.internal ?? false;
    return staffReaderOf(req).transactional(async (em) => {
      const ticket = await this.staffTicket(req, id, em, true);
      const status = statusAfterStaffReply(ticket.status, input.status, internal);
      const message = await this.store.addMessage(em, { tenantId: ticket.tenantId, ticketId: id, authorKind: 'staff', authorUserId: req.actor?.type === 'user' ? req.actor.id : null, authorLabel: actorLabelOf(req), body: input.body, internal, now });
      const changes: TicketChanges = status !== ticket.status ? this.statusChanges(ticket, status, now) : {};
      // The first public staff reply meets the first-response timer.
      if (!internal && !ticket.firstResponseAt) changes.firstResponseAt = now;
      await this.store.update(em, id, changes, now);
      await req.audit({ action: 'support.ticket.replied', tenantId: ticket.tenantId, targetType: 'support.ticket', targetId: id, after: { messageId: message.id, by: 'staff', internal, status } }, em);
      if (status !== ticket.status) await this.emitStatusChange(em, ticket, status, now);
      return message;
    });
  }

  messages(em: EntityManager, ticketId: string, includeInternal: boolean) {
    return this.store.messages(em, ticketId, { includeInternal });
  }

  // ---------------------------------------------------------------- shared

  private statusChanges(ticket: TicketRecord, to: TicketStatus, now: Date): TicketChanges {
    const changes: TicketChanges = { status: to };
    if (to === 'solved') changes.solvedAt = now;
    else if (!isResolved(to) && ticket.solvedAt) changes.solvedAt = null;
    if (to === 'closed') changes.closedAt = now;
    return changes;
  }

  private async emitStatusChange(em: EntityManager, ticket: TicketRecord, to: TicketStatus, now: Date): Promise<void> {
    await this.ctx.events.emitDurable(em, 'support.ticket.status_changed', {
      ticketId: ticket.id,
      tenantId: ticket.tenantId,
      number: ticket.number,
      subject: ticket.subject,
      from: ticket.status,
      to,
      reporterEmail: ticket.reporterEmail,
      reporterName: ticket.reporterName,
      changeId: `${ticket.id}:${now.getTime()}:${to}`,
    });
  }
}

import { ProblemError } from '@platform/sdk';

export const TICKET_STATUSES = ['open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/**
 * - `open`: waiting for staff; `pending`: waiting for the tenant; `on_hold`: waiting for a third party;
 * - `solved`: staff consider it done (a tenant reply reopens it); `closed`: final, no more replies.
 */
export function isResolved(status: TicketStatus): boolean {
  return status === 'solved' || status === 'closed';
}

/** Staff may move a ticket to any status except out of `closed` (a closed ticket is final). */
export function checkStaffTransition(from: TicketStatus, to: TicketStatus): void {
  if (from === 'closed' && to !== 'closed') throw new ProblemError(409, 'ticket_closed', 'A closed ticket cannot be reopened; open a new ticket', { field: 'status' });
}

/** What a tenant reply does to the status: a ticket waiting for the tenant, or solved, goes back to staff. */
export function statusAfterTenantReply(current: TicketStatus): TicketStatus {
  if (current === 'closed') throw new ProblemError(409, 'ticket_closed', 'This ticket is closed; open a new ticket', { field: 'body' });
  return current === 'on_hold' ? 'on_hold' : 'open';
}

/** What a staff reply does when it names no status: a public reply waits for the tenant. */
export function statusAfterStaffReply(current: TicketStatus, requested: TicketStatus | undefined, internal: boolean): TicketStatus {
  if (current === 'closed') throw new ProblemError(409, 'ticket_closed', 'This ticket is closed', { field: 'body' });
  if (requested) {
    checkStaffTransition(current, requested);
    return requested;
  }
  if (internal) return current;
  return current === 'open' ? 'pending' : current;
}

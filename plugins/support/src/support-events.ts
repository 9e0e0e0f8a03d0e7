/** `support.ticket.created`: a tenant opened a ticket (durable; the notification subscriber emails from it). */
export interface TicketCreatedEvent {
  ticketId: string;
  tenantId: string;
  number: number;
  subject: string;
  priority: string;
  category: string;
  reporterEmail: string | null;
  reporterName: string | null;
}

/** `support.ticket.status_changed`: staff (or a tenant reply) moved a ticket to another status (durable). */
export interface TicketStatusChangedEvent {
  ticketId: string;
  tenantId: string;
  number: number;
  subject: string;
  from: string;
  to: string;
  reporterEmail: string | null;
  reporterName: string | null;
  /** `<ticketId>:<n>`: unique per change, so a redelivery sends one email. */
  changeId: string;
}

/** `support.sla_breached`: an SLA timer of a ticket ran out (marked by the `sla-breaches` job). */
export interface SlaBreachedEvent {
  ticketId: string;
  tenantId: string;
  number: number;
  timer: 'first_response' | 'resolution';
}

declare module '@platform/sdk' {
  interface PlatformEvents {
    'support.ticket.created': TicketCreatedEvent;
    'support.ticket.status_changed': TicketStatusChangedEvent;
    'support.sla_breached': SlaBreachedEvent;
  }
}

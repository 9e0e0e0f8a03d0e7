/**
 * Console part of support: staff's queue across tenants (SLA badges, filters, assignment) and ticket page
 * (conversation with internal notes, reply, status/priority/assignee, attachments, debug snapshots rendered as
 * tables), and the tenant's "Support" page (their tickets, a new ticket, reply, attach). Paths match the manifest's
 * nav items (`src/support-nav.ts`); tenant pages call only `/api/support/tickets...` (tenant routes).
 */
import { defineAdminPlugin } from '@platform/sdk/admin';
import { QueueList, QueueTicketShow } from './queue-pages.tsx';
import { MyTicketCreate, MyTicketList, MyTicketShow } from './my-ticket-pages.tsx';
import { CustomerTicketsPanel } from './customer-tickets-panel.tsx';

export default defineAdminPlugin({
  name: 'support',
  resources: [
    { name: 'support/queue', list: QueueList, show: QueueTicketShow, options: { label: 'Support queue' }, recordRepresentation: (r: { number: number; subject: string }) => `#${r.number} ${r.subject}`, navItem: 'support.queue' },
    { name: 'support/tickets', list: MyTicketList, create: MyTicketCreate, show: MyTicketShow, options: { label: 'Support' }, recordRepresentation: (r: { number: number; subject: string }) => `#${r.number} ${r.subject}`, navItem: 'support.mine' },
  ],
  customer360Panels: [{ id: 'support.tickets', title: 'Tickets', component: CustomerTicketsPanel, order: 60, permission: 'support.queue' }],
});

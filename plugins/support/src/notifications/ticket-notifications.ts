import type { PluginContext } from '@platform/sdk';
import { MESSAGING_SERVICE, type MessageSender } from '@platform/sdk/messaging';
import type { TicketCreatedEvent, TicketStatusChangedEvent } from '../support-events.ts';
import { resolvedSettings, type SupportSettings } from '../support-settings.ts';
import { STATUS_LABELS } from './support-templates.ts';

function senderOf(ctx: PluginContext): MessageSender | null {
  try {
    return ctx.resolve<MessageSender>(MESSAGING_SERVICE);
  } catch {
    return null;
  }
}

/**
 * Emails through messaging (`MESSAGING_SERVICE`), from durable subscribers: at least once, and each send carries an
 * idempotency key derived from the event, so a redelivery sends nothing twice. Without the messaging plugin, support
 * works and sends nothing.
 * - `support.ticket.created`: the auto-reply to the reporter (the tenant's email providers), and the staff inbox's notice;
 * - `support.ticket.status_changed`: the reporter is told the new status.
 */
export function subscribeTicketNotifications(ctx: PluginContext): void {
  ctx.events.subscribe('support.notify-ticket-created', 'support.ticket.created', async (event: TicketCreatedEvent) => {
    const sender = senderOf(ctx);
    if (!sender) return;
    const settings = resolvedSettings(await ctx.settings.get<Partial<SupportSettings>>());
    if (event.reporterEmail) {
      await sender.send({
        channel: 'email',
        tenantId: event.tenantId,
        to: event.reporterName ? { email: event.reporterEmail, name: event.reporterName } : event.reporterEmail,
        template: 'support.ticket_received',
        data: { platformName: settings.platformName, ticketNumber: event.number, subject: event.subject, ...(event.reporterName ? { reporterName: event.reporterName } : {}) },
        idempotencyKey: `support:${event.ticketId}:received`,
        purpose: 'support',
      });
    }
    if (settings.staffInbox) {
      const tenant = await ctx.tenants.get(event.tenantId);
      await sender.send({
        channel: 'email',
        tenantId: null,
        to: settings.staffInbox,
        template: 'support.ticket_new_staff',
        data: { platformName: settings.platformName, ticketNumber: event.number, subject: event.subject, tenantName: tenant?.name ?? event.tenantId, priority: event.priority, category: event.category },
        idempotencyKey: `support:${event.ticketId}:staff`,
        purpose: 'support',
      });
    }
  });

  ctx.events.subscribe('support.notify-status-changed', 'support.ticket.status_changed', async (event: TicketStatusChangedEvent) => {
    const sender = senderOf(ctx);
    if (!sender || !event.reporterEmail) return;
    const settings = resolvedSettings(await ctx.settings.get<Partial<SupportSettings>>());
    await sender.send({
      channel: 'email',
      tenantId: event.tenantId,
      to: event.reporterName ? { email: event.reporterEmail, name: event.reporterName } : event.reporterEmail,
      template: 'support.ticket_status_changed',
      data: { platformName: settings.platformName, ticketNumber: event.number, subject: event.subject, status: event.to, statusLabel: STATUS_LABELS[event.to] ?? event.to, ...(event.reporterName ? { reporterName: event.reporterName } : {}) },
      idempotencyKey: `support:status:${event.changeId}`,
      purpose: 'support',
    });
  });
}

import { fileURLToPath } from 'node:url';
import { definePlugin, type PluginManifest } from '@platform/sdk';
import './support-events.ts';
import { supportPermissions } from './support-permissions.ts';
import { SupportSettingsSchema } from './support-settings.ts';
import { SUPPORT_DATA } from './support-data.ts';
import { SUPPORT_NAV } from './support-nav.ts';
import { TicketStore } from './tickets/ticket-store.ts';
import { TicketService } from './tickets/ticket-service.ts';
import { addTenantTicketRoutes } from './tickets/tenant-ticket-routes.ts';
import { addStaffTicketRoutes } from './tickets/staff-ticket-routes.ts';
import { defineSlaBreachJob } from './tickets/sla-breach-job.ts';
import { AttachmentService } from './attachments/attachment-service.ts';
import { addAttachmentRoutes } from './attachments/attachment-routes.ts';
import { SnapshotStore } from './snapshots/snapshot-store.ts';
import { addSnapshotRoutes } from './snapshots/snapshot-routes.ts';
import { MESSAGE_TEMPLATE_DEFAULTS } from '@platform/sdk/messaging';
import { SUPPORT_TEMPLATES } from './notifications/support-templates.ts';
import { subscribeTicketNotifications } from './notifications/ticket-notifications.ts';
import { contributeSupportLoadSignal } from './health/support-load-signal.ts';

export { SUPPORT_PERMISSIONS } from './support-permissions.ts';
export { sniffContentType, checkAttachment } from './attachments/content-sniffing.ts';
export { slaStateOf, slaDueTimes } from './tickets/ticket-sla.ts';
export { redactSecrets } from './snapshots/secret-redaction.ts';
export type { TicketCreatedEvent, TicketStatusChangedEvent, SlaBreachedEvent } from './support-events.ts';

export interface SupportOptions {
  /** The clock SLA timers run on (tests move it). */
  clock: () => Date;
}

/**
 * Support tickets. Tenants open tickets, reply and attach files; staff work a queue across tenants with
 * assignment, status, priority and SLA timers, and take debug snapshots of the tenant.
 *
 * Routes under `/api/support`:
 * - tenant: `tickets` (list, create), `tickets/:id`, `tickets/:id/replies`, `tickets/:id/attachments[/:attachmentId]`
 * - staff (platform): `queue` (filters), `queue/:id` (GET, PATCH), `queue/:id/replies`, `queue/:id/attachments[/:attachmentId]`,
 *   `queue/:id/snapshots`, `agents`
 * Settings: SLA targets per priority, attachment size limit, staff inbox. Job: `support.sla-breaches` (every minute).
 * Events (durable): `support.ticket.created`, `support.ticket.status_changed`, `support.sla_breached`; emails through
 * messaging (`MESSAGING_SERVICE`) from durable subscribers, with templates seeded through `MESSAGE_TEMPLATE_DEFAULTS`.
 */
export function createSupportPlugin(given: Partial<SupportOptions> = {}): PluginManifest {
  const clock = given.clock ?? (() => new Date());
  return definePlugin({
    name: 'support',
    version: '0.1.0',
    kernel: '^0.1.0',
    description: 'Support tickets with attachments, SLA timers and a debug snapshot',
    scope: 'platform',
    dependsOn: ['storage'],
    permissions: supportPermissions,
    settings: SupportSettingsSchema,
    migrations: fileURLToPath(new URL('../migrations', import.meta.url)),
    data: SUPPORT_DATA,
    nav: SUPPORT_NAV,
    register(ctx) {
      // Seeded by the messaging plugin when it is installed (an extension point nobody declared is ignored).
      for (const template of SUPPORT_TEMPLATES) ctx.extensions.contribute(MESSAGE_TEMPLATE_DEFAULTS, template);
    },
    boot(ctx) {
      const store = new TicketStore(ctx.db);
      const tickets = new TicketService(ctx, store, clock);
      const attachments = new AttachmentService(ctx, ctx.db);
      const snapshots = new SnapshotStore(ctx.db);
      addTenantTicketRoutes(ctx, tickets, store, attachments);
      addStaffTicketRoutes(ctx, tickets, store, attachments, snapshots);
      addAttachmentRoutes(ctx, tickets, attachments);
      addSnapshotRoutes(ctx, tickets, snapshots);
      defineSlaBreachJob(ctx, store, clock);
      subscribeTicketNotifications(ctx);
      contributeSupportLoadSignal(ctx);
    },
  });
}

export default createSupportPlugin();

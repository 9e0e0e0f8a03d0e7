import { ListQuerystring, parseListParams, setContentRange, type PlatformRequest, type PluginContext } from '@platform/sdk';
import type { NotificationDeliveryStore } from './notification-delivery-store.ts';
import { NOTIFICATIONS_READ } from './notification-permissions.ts';
import { listOwner } from './notification-rule-routes.ts';

/** `/api/messaging/notification-deliveries`: what the worker did per (event, rule, recipient), newest first. */
export function addNotificationDeliveryRoutes(ctx: PluginContext, store: NotificationDeliveryStore): void {
  ctx.routes.add({
    method: 'GET',
    url: '/notification-deliveries',
    permission: NOTIFICATIONS_READ,
    tenantScoped: false,
    schema: { summary: 'Notification deliveries', tags: ['messaging'], querystring: ListQuerystring },
    handler: async (req: PlatformRequest<{ Querystring: Record<string, unknown> }>, reply) => {
      const owner = listOwner(req);
      const { offset, limit, filter } = parseListParams(req.query, { sort: [], filter: { ruleId: 'uuid', status: 'string', eventId: 'bigint' } });
      const { deliveries, total } = await store.list(
        owner,
        { ruleId: filter.ruleId as string | undefined, status: filter.status as string | undefined, eventId: filter.eventId === undefined ? undefined : String(filter.eventId) },
        { offset, limit },
      );
      setContentRange(reply, 'notification-deliveries', offset, deliveries.length, total);
      return deliveries;
    },
  });
}

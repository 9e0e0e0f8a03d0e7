import type { AlertNotificationKind } from '@platform/sdk/alert-channels';
import type { AlertRule } from '../rules/alert-rule-entity.ts';
import type { AlertInstance } from '../instances/alert-instance.ts';
import type { Silence } from '../silences/silence-store.ts';
import type { NewDelivery } from '../delivery/delivery-store.ts';
import { buildNotification } from './build-notification.ts';

export interface DeliveryContext {
  now: number;
  baseUrl: string;
  newId(): string;
  handles(channel: string, kind: AlertNotificationKind): boolean;
}

/**
 * One delivery per channel of the rule for one notification. The dedup key (alert, episode, kind, and
 * `occurrence` for kinds that may repeat within an episode, channel) makes queuing it twice harmless.
 * A channel that does not send this kind gets a `skipped` row, for the record.
 */
export function notificationDeliveries(
  kind: AlertNotificationKind,
  rule: AlertRule,
  instance: AlertInstance,
  opts: DeliveryContext & { episodeStart: number; occurrence?: string; silence?: Silence | null },
): NewDelivery[] {
  return rule.channels.map((channel) => {
    const id = opts.newId();
    return {
      id,
      dedupKey: `${instance.fingerprint}:${opts.episodeStart}:${kind}${opts.occurrence ? `:${opts.occurrence}` : ''}:${channel}`,
      instanceId: instance.id,
      fingerprint: instance.fingerprint,
      channel,
      kind,
      payload: buildNotification(kind, rule, instance, { episodeStart: opts.episodeStart, now: opts.now, baseUrl: opts.baseUrl, deliveryId: id, silence: opts.silence }),
      status: opts.handles(channel, kind) ? 'pending' : 'skipped',
      createdAt: opts.now,
    };
  });
}

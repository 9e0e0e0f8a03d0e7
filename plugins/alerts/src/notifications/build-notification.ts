import type { AlertNotification, AlertNotificationKind } from '@platform/sdk/alert-channels';
import type { AlertRule } from '../rules/alert-rule-entity.ts';
import type { AlertInstance } from '../instances/alert-instance.ts';
import type { Silence } from '../silences/silence-store.ts';
import { alertLinks } from './alert-links.ts';

/**
 * The notification a channel receives, complete (value, threshold, labels, links), built when the
 * delivery is queued. `episodeStart` is when this firing episode began (kept on resolve, when the
 * instance's own `firingSince` is already cleared).
 */
export function buildNotification(
  kind: AlertNotificationKind,
  rule: AlertRule,
  instance: AlertInstance,
  opts: { episodeStart: number; now: number; baseUrl: string; deliveryId: string; silence?: Silence | null },
): AlertNotification {
  return {
    kind,
    fingerprint: instance.fingerprint,
    alertId: instance.id,
    rule: {
      id: rule.id,
      name: rule.name,
      description: rule.description,
      severity: rule.severity,
      metric: rule.metric,
      aggregation: rule.aggregation,
      condition: rule.condition,
      threshold: rule.threshold,
      component: rule.component,
      runbookUrl: rule.runbookUrl,
    },
    labels: instance.labels,
    value: instance.memory.value,
    threshold: rule.threshold,
    startsAt: new Date(opts.episodeStart).toISOString(),
    endsAt: kind === 'resolved' ? new Date(opts.now).toISOString() : null,
    acknowledgement: opts.silence ? { by: opts.silence.author, comment: opts.silence.comment, expiresAt: new Date(opts.silence.expiresAt).toISOString() } : null,
    links: alertLinks(opts.baseUrl, instance.id, rule.id),
    tenantId: instance.tenantId,
    deliveryId: opts.deliveryId,
  };
}

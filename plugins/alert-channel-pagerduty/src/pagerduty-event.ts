import { describeAlert, formatLabels, type AlertNotification } from '@platform/sdk/alert-channels';

const SEVERITY = { critical: 'critical', warning: 'warning', info: 'info' } as const;

/**
 * A PagerDuty Events API v2 event. The alert's fingerprint is the `dedup_key`, so trigger, acknowledge
 * and resolve all land on the same PagerDuty incident; repeats are not sent (PagerDuty re-notifies itself).
 */
export function pagerdutyEvent(n: AlertNotification, routingKey: string, source: string): Record<string, unknown> {
  const action = n.kind === 'resolved' ? 'resolve' : n.kind === 'acknowledged' ? 'acknowledge' : 'trigger';
  const event: Record<string, unknown> = { routing_key: routingKey, event_action: action, dedup_key: n.fingerprint };
  if (action !== 'trigger') return event;
  return {
    ...event,
    payload: {
      summary: describeAlert(n).slice(0, 1024),
      source,
      severity: SEVERITY[n.rule.severity],
      timestamp: n.startsAt,
      component: n.rule.component ?? n.labels.monitor ?? undefined,
      group: n.labels.route ?? n.labels.tenant ?? undefined,
      class: n.rule.metric,
      custom_details: { value: n.value, threshold: n.threshold, condition: n.rule.condition, labels: formatLabels(n.labels), description: n.rule.description },
    },
    client: 'Platform alerts',
    client_url: n.links.dashboard,
    links: [
      { href: n.links.alert, text: 'Alert in the console' },
      ...(n.rule.runbookUrl ? [{ href: n.rule.runbookUrl, text: 'Runbook' }] : []),
    ],
  };
}

import { describeAlert, describeCondition, type AlertNotification } from '@platform/sdk/alert-channels';

/**
 * Alertmanager's webhook payload, version 4, for one alert: receivers written for Alertmanager
 * (`status`, `alerts[].labels`, `annotations`, `startsAt`, `endsAt`, `fingerprint`...) work unchanged.
 * Acknowledgements and repeats are sent with status `firing`.
 */
export function alertmanagerPayload(n: AlertNotification, receiver: string): Record<string, unknown> {
  const status = n.kind === 'resolved' ? 'resolved' : 'firing';
  const labels: Record<string, string> = {
    alertname: n.rule.name,
    severity: n.rule.severity,
    ...(n.rule.component ? { component: n.rule.component } : {}),
    ...n.labels,
  };
  const annotations: Record<string, string> = {
    summary: describeAlert(n),
    description: n.rule.description ?? describeCondition(n),
    value: n.value === null ? '' : String(n.value),
    threshold: String(n.threshold),
    ...(n.rule.runbookUrl ? { runbook_url: n.rule.runbookUrl } : {}),
    ...(n.acknowledgement ? { acknowledged_by: n.acknowledgement.by, acknowledgement: n.acknowledgement.comment } : {}),
  };
  return {
    version: '4',
    groupKey: `{}:{alertname="${n.rule.name}"}`,
    truncatedAlerts: 0,
    status,
    receiver,
    groupLabels: { alertname: n.rule.name },
    commonLabels: labels,
    commonAnnotations: annotations,
    externalURL: n.links.dashboard,
    alerts: [
      {
        status,
        labels,
        annotations,
        startsAt: n.startsAt,
        endsAt: n.endsAt ?? '0001-01-01T00:00:00Z',
        generatorURL: n.links.rule,
        fingerprint: n.fingerprint,
      },
    ],
  };
}

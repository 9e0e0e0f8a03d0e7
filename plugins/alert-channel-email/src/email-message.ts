import { describeAlert, describeCondition, formatLabels, formatMetricValue, type AlertNotification } from '@platform/sdk/alert-channels';

const KIND = { firing: 'FIRING', repeat: 'STILL FIRING', acknowledged: 'ACKNOWLEDGED', resolved: 'RESOLVED' } as const;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** The alert email: subject with severity and state, plain text and a simple HTML part with the same facts and links. */
export function emailMessage(n: AlertNotification): EmailMessage {
  const labels = formatLabels(n.labels);
  const facts: [string, string][] = [
    ['Severity', n.rule.severity],
    ['Value', formatMetricValue(n.value)],
    ['Condition', describeCondition(n)],
    ['Since', n.startsAt],
    ...(n.endsAt ? ([['Resolved at', n.endsAt]] as [string, string][]) : []),
    ...(labels ? ([['Labels', labels]] as [string, string][]) : []),
    ...(n.acknowledgement ? ([['Acknowledged by', `${n.acknowledgement.by}: ${n.acknowledgement.comment} (until ${n.acknowledgement.expiresAt})`]] as [string, string][]) : []),
  ];
  const links: [string, string][] = [['Alert', n.links.alert], ['Dashboard', n.links.dashboard], ...(n.rule.runbookUrl ? ([['Runbook', n.rule.runbookUrl]] as [string, string][]) : [])];
  const text = [describeAlert(n), '', ...(n.rule.description ? [n.rule.description, ''] : []), ...facts.map(([k, v]) => `${k}: ${v}`), '', ...links.map(([k, v]) => `${k}: ${v}`)].join('\n');
  const html = `<h2>${escapeHtml(`${KIND[n.kind]}: ${n.rule.name}`)}</h2>
${n.rule.description ? `<p>${escapeHtml(n.rule.description)}</p>` : ''}
<table>${facts.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>
<p>${links.map(([k, v]) => `<a href="${escapeHtml(v)}">${escapeHtml(k)}</a>`).join(' · ')}</p>`;
  return {
    subject: `[${n.rule.severity.toUpperCase()}] ${KIND[n.kind]}: ${n.rule.name}${labels ? ` (${labels})` : ''}`.slice(0, 250),
    text,
    html,
    headers: { 'X-Alert-Fingerprint': n.fingerprint, 'X-Platform-Delivery': n.deliveryId },
  };
}

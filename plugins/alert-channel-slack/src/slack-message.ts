import { describeAlert, describeCondition, formatLabels, formatMetricValue, type AlertNotification } from '@platform/sdk/alert-channels';

const EMOJI: Record<AlertNotification['kind'], string> = { firing: ':rotating_light:', repeat: ':rotating_light:', acknowledged: ':eyes:', resolved: ':white_check_mark:' };

/** A Slack incoming-webhook message: a `text` fallback (notifications, screen readers) plus Block Kit blocks. */
export function slackMessage(n: AlertNotification, opts: { channel?: string; username?: string } = {}): Record<string, unknown> {
  const text = `${EMOJI[n.kind]} ${describeAlert(n)}`;
  const fields = [
    { type: 'mrkdwn', text: `*Severity*\n${n.rule.severity}` },
    { type: 'mrkdwn', text: `*Value*\n${formatMetricValue(n.value)}` },
    { type: 'mrkdwn', text: `*Condition*\n${describeCondition(n)}` },
    { type: 'mrkdwn', text: `*Since*\n<!date^${Math.floor(Date.parse(n.startsAt) / 1000)}^{date_short_pretty} {time}|${n.startsAt}>` },
  ];
  const labels = formatLabels(n.labels);
  const blocks: Record<string, unknown>[] = [
    { type: 'header', text: { type: 'plain_text', text: `${n.kind === 'resolved' ? 'Resolved' : n.kind === 'acknowledged' ? 'Acknowledged' : 'Firing'}: ${n.rule.name}`.slice(0, 150), emoji: true } },
    { type: 'section', text: { type: 'mrkdwn', text: text.slice(0, 3000) }, fields },
  ];
  if (labels || n.rule.description) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: [n.rule.description, labels && `Labels: ${labels}`].filter(Boolean).join(' · ').slice(0, 3000) }] });
  if (n.acknowledgement) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `Acknowledged by ${n.acknowledgement.by}: ${n.acknowledgement.comment}`.slice(0, 3000) }] });
  const buttons = [
    { type: 'button', text: { type: 'plain_text', text: 'Open alert' }, url: n.links.alert },
    { type: 'button', text: { type: 'plain_text', text: 'Dashboard' }, url: n.links.dashboard },
    ...(n.rule.runbookUrl ? [{ type: 'button', text: { type: 'plain_text', text: 'Runbook' }, url: n.rule.runbookUrl }] : []),
  ];
  blocks.push({ type: 'actions', elements: buttons });
  return { text, blocks, ...(opts.channel ? { channel: opts.channel } : {}), ...(opts.username ? { username: opts.username } : {}) };
}

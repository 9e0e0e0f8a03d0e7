import { defineAlertChannel, defineAlertChannelPlugin, postJson } from '@platform/sdk/alert-channels';
import { Secret, Type } from '@platform/sdk';
import { slackMessage } from './slack-message.ts';

/** Slack through an incoming webhook (`https://hooks.slack.com/services/...`). */
export const slackChannel = defineAlertChannel({
  id: 'slack',
  name: 'Slack',
  description: 'Posts to a Slack channel through an incoming webhook (text plus Block Kit blocks)',
  configSchema: Type.Object({
    webhookUrl: Secret(Type.String({ pattern: '^https?://\\S+$', description: 'Incoming webhook URL' })),
    channel: Type.Optional(Type.String({ maxLength: 80, description: 'Override the channel (legacy webhooks only)' })),
    username: Type.Optional(Type.String({ maxLength: 80 })),
  }),
  handles: ['firing', 'repeat', 'acknowledged', 'resolved'],
  send: (ctx, n) => postJson(ctx, ctx.config.webhookUrl, slackMessage(n, ctx.config)),
});

export default defineAlertChannelPlugin(slackChannel, { version: '0.1.0', kernel: '^0.1.0', description: 'Alert channel: Slack incoming webhook' });

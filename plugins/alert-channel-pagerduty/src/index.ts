import { apiUrl, BaseUrl } from '@platform/sdk/monitors';
import { defineAlertChannel, defineAlertChannelPlugin, postJson } from '@platform/sdk/alert-channels';
import { Secret, Type } from '@platform/sdk';
import { pagerdutyEvent } from './pagerduty-event.ts';

/** PagerDuty Events API v2: trigger, acknowledge and resolve with the alert fingerprint as `dedup_key`. */
export const pagerdutyChannel = defineAlertChannel({
  id: 'pagerduty',
  name: 'PagerDuty',
  description: 'Events API v2 (trigger / acknowledge / resolve, dedup_key = alert fingerprint)',
  configSchema: Type.Object({
    routingKey: Secret(Type.String({ minLength: 8, description: 'Integration (routing) key of an Events API v2 integration' })),
    baseUrl: BaseUrl('https://events.pagerduty.com', 'Events API base URL'),
    source: Type.String({ default: 'platform', maxLength: 255 }),
  }),
  handles: ['firing', 'acknowledged', 'resolved'],
  send: (ctx, n) => postJson(ctx, apiUrl(ctx.config.baseUrl, '/v2/enqueue'), pagerdutyEvent(n, ctx.config.routingKey, ctx.config.source)),
});

export default defineAlertChannelPlugin(pagerdutyChannel, { version: '0.1.0', kernel: '^0.1.0', description: 'Alert channel: PagerDuty Events API v2' });

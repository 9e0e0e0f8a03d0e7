import { defineAlertChannel, defineAlertChannelPlugin, postBody } from '@platform/sdk/alert-channels';
import { Secret, Type } from '@platform/sdk';
import { alertmanagerPayload } from './alertmanager-payload.ts';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from './webhook-signature.ts';

export { verifyWebhook, signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER, DELIVERY_HEADER } from './webhook-signature.ts';

/** A generic webhook: Alertmanager-compatible JSON (version 4), signed with HMAC-SHA256. */
export const webhookChannel = defineAlertChannel({
  id: 'webhook',
  name: 'Webhook',
  description: 'POSTs Alertmanager webhook v4 JSON, signed (X-Platform-Signature: sha256=HMAC of "timestamp.body")',
  configSchema: Type.Object({
    url: Type.String({ pattern: '^https?://\\S+$' }),
    secret: Secret(Type.String({ minLength: 16, description: 'HMAC key shared with the receiver' })),
    receiver: Type.String({ default: 'platform', maxLength: 100 }),
  }),
  send(ctx, n) {
    const body = JSON.stringify(alertmanagerPayload(n, ctx.config.receiver));
    const timestamp = Math.floor(Date.now() / 1000);
    return postBody(ctx, ctx.config.url, body, {
      'content-type': 'application/json',
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: signWebhook(ctx.config.secret, timestamp, body),
      [DELIVERY_HEADER]: n.deliveryId,
    });
  },
});

export default defineAlertChannelPlugin(webhookChannel, { version: '0.1.0', kernel: '^0.1.0', description: 'Alert channel: generic signed webhook (Alertmanager v4 JSON)' });

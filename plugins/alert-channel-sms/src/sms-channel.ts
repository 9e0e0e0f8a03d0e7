import { defineAlertChannel, type AlertChannelDefinition } from '@platform/sdk/alert-channels';
import type { MessageSender } from '@platform/sdk/messaging';
import { Type } from '@platform/sdk';
import { summarizeRecipientOutcomes, type RecipientOutcome } from './recipient-outcomes.ts';
import { smsAlertText } from './sms-alert-text.ts';

/** E.164: `+`, a country code that does not start with 0, 7 to 15 digits in all. */
export const E164 = '^\\+[1-9][0-9]{6,14}$';

export const smsChannelConfig = Type.Object({
  recipients: Type.Array(Type.String({ pattern: E164, format: 'e164-phone', description: 'E.164 and valid for its country, e.g. +447700900123' }), { minItems: 1, maxItems: 20, description: 'Who gets the SMS' }),
  tenantId: Type.Optional(
    Type.String({
      pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
      description: "Whose providers and SMS credits pay for it; empty for platform messages (the platform's providers)",
    }),
  ),
  maxSegments: Type.Integer({ minimum: 1, maximum: 4, default: 2, description: 'Longer texts are shortened to fit' }),
  from: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: "Sender id or number; the provider configuration's default when absent" })),
});

export type SmsChannelConfig = typeof smsChannelConfig;

/**
 * Alert notifications as SMS through the messaging service (`MESSAGING_SERVICE`): its providers in priority
 * order with failover, its credits, its delivery records. One message per recipient, with the idempotency key
 * `alert:<deliveryId>:<number>`: a retry of the same notification never texts a recipient twice.
 * `sender()` is the messaging service, or null while it is not there.
 */
export function createSmsChannel(sender: () => MessageSender | null): AlertChannelDefinition<SmsChannelConfig> {
  return defineAlertChannel({
    id: 'sms',
    name: 'SMS',
    description: "Texts the recipients through the platform's SMS providers (failover, credits and delivery records of the messaging plugin)",
    configSchema: smsChannelConfig,
    handles: ['firing', 'repeat', 'acknowledged', 'resolved'],
    async send(ctx, n) {
      const messaging = sender();
      if (!messaging) return { ok: false, retryable: true, detail: 'the messaging service is not available' };
      const body = smsAlertText(n, ctx.config.maxSegments);
      const outcomes: RecipientOutcome[] = [];
      for (const to of ctx.config.recipients) {
        try {
          const receipt = await messaging.send({
            channel: 'sms',
            tenantId: ctx.config.tenantId ?? null,
            to,
            ...(ctx.config.from ? { from: ctx.config.from } : {}),
            body,
            purpose: 'alert',
            idempotencyKey: `alert:${n.deliveryId}:${to}`,
          });
          outcomes.push({ to, receipt });
        } catch (error) {
          outcomes.push({ to, error });
        }
      }
      return summarizeRecipientOutcomes(outcomes);
    },
  });
}

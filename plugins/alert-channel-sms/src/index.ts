import { defineAlertChannelPlugin, type AlertChannelPlugin } from '@platform/sdk/alert-channels';
import { MESSAGING_SERVICE, type MessageSender } from '@platform/sdk/messaging';
import type { PluginContext } from '@platform/sdk';
import { createSmsChannel, type SmsChannelConfig } from './sms-channel.ts';

export { createSmsChannel, smsChannelConfig, E164 } from './sms-channel.ts';
export { smsAlertText } from './sms-alert-text.ts';
export { summarizeRecipientOutcomes, maskPhoneNumber, type RecipientOutcome } from './recipient-outcomes.ts';

/**
 * The plugin, with its own channel instance bound to the kernel that boots it: the channel resolves the
 * messaging service at send time (the alert channel context carries no DI), so each kernel gets its own.
 */
export function createSmsAlertChannelPlugin(): AlertChannelPlugin<SmsChannelConfig> {
  let plugin: PluginContext | null = null;
  const sender = (): MessageSender | null => {
    if (!plugin) return null;
    try {
      return plugin.resolve<MessageSender>(MESSAGING_SERVICE) ?? null;
    } catch {
      return null;
    }
  };
  return defineAlertChannelPlugin(createSmsChannel(sender), {
    version: '0.1.0',
    kernel: '^0.1.0',
    description: "Alert channel: SMS through the platform's messaging service",
    dependsOn: ['messaging'],
    boot(ctx) {
      plugin = ctx;
    },
  });
}

export default createSmsAlertChannelPlugin();

import { EMAIL_PROVIDERS, SMS_PROVIDERS, type EmailProviderDefinition, type MessageChannel, type SmsProviderDefinition } from '@platform/sdk/messaging';
import type { ExtensionRegistry } from '@platform/sdk';

export type AnyProvider = SmsProviderDefinition<any> | EmailProviderDefinition<any>;

/** The providers that plugins contributed, by channel and id (read at call time: contributions land in boot). */
export class ProviderCatalog {
  constructor(private readonly extensions: ExtensionRegistry) {}

  list(channel: MessageChannel): { provider: AnyProvider; plugin: string }[] {
    return channel === 'sms' ? this.extensions.get(SMS_PROVIDERS) : this.extensions.get(EMAIL_PROVIDERS);
  }

  find(channel: MessageChannel, id: string): AnyProvider | null {
    return this.list(channel).find((r) => r.provider.id === id)?.provider ?? null;
  }
}

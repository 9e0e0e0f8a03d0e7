import type { TObject } from '@sinclair/typebox';
import { defineProviderPlugin, type ProviderPlugin, type ProviderPluginMeta } from './provider-plugin.ts';
import { EMAIL_PROVIDERS, SMS_PROVIDERS, type EmailProviderDefinition, type SmsProviderDefinition } from './messaging.ts';

/**
 * What a provider plugin declares besides its provider: version, kernel range, description. `name`
 * defaults to `sms-<id>` / `email-<id>`; `dependsOn` gets `messaging` added. A `boot` of its own runs after
 * the contribution. Configurations live in the messaging plugin (many per provider), not in settings.
 */
export type MessagingProviderPluginMeta = ProviderPluginMeta;

export type SmsProviderPlugin<S extends TObject = TObject> = ProviderPlugin<SmsProviderDefinition<S>>;
export type EmailProviderPlugin<S extends TObject = TObject> = ProviderPlugin<EmailProviderDefinition<S>>;

/** One SMS provider as a whole plugin: `export default defineSmsProviderPlugin(twilio, { version: '1.0.0', kernel: '^0.1.0' })`. */
export function defineSmsProviderPlugin<S extends TObject>(provider: SmsProviderDefinition<S>, meta: MessagingProviderPluginMeta): SmsProviderPlugin<S> {
  return defineProviderPlugin({ owner: 'messaging', point: SMS_PROVIDERS, prefix: 'sms', label: 'SMS provider' }, provider, meta);
}

/** One email provider as a whole plugin: `export default defineEmailProviderPlugin(resend, { version: '1.0.0', kernel: '^0.1.0' })`. */
export function defineEmailProviderPlugin<S extends TObject>(provider: EmailProviderDefinition<S>, meta: MessagingProviderPluginMeta): EmailProviderPlugin<S> {
  return defineProviderPlugin({ owner: 'messaging', point: EMAIL_PROVIDERS, prefix: 'email', label: 'Email provider' }, provider, meta);
}

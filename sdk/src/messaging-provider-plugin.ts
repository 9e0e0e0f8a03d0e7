import type { TObject } from '@sinclair/typebox';
import type { PluginContext } from './context.ts';
import { definePlugin, type PluginManifest } from './plugin.ts';
import { EMAIL_PROVIDERS, SMS_PROVIDERS, type EmailProviderDefinition, type SmsProviderDefinition } from './messaging.ts';

/**
 * What a provider plugin declares besides its provider: version, kernel range, description. `name`
 * defaults to `sms-<id>` / `email-<id>`; `dependsOn` gets `messaging` added. A `boot` of its own runs after
 * the contribution. Configurations live in the messaging plugin (many per provider), not in settings.
 */
export type MessagingProviderPluginMeta = Omit<PluginManifest, 'name'> & { name?: string };

export type SmsProviderPlugin<S extends TObject = TObject> = PluginManifest & { readonly provider: SmsProviderDefinition<S> };
export type EmailProviderPlugin<S extends TObject = TObject> = PluginManifest & { readonly provider: EmailProviderDefinition<S> };

function withMessaging(dependsOn: string[] = []): string[] {
  return dependsOn.includes('messaging') ? dependsOn : ['messaging', ...dependsOn];
}

/** One SMS provider as a whole plugin: `export default defineSmsProviderPlugin(twilio, { version: '1.0.0', kernel: '^0.1.0' })`. */
export function defineSmsProviderPlugin<S extends TObject>(provider: SmsProviderDefinition<S>, meta: MessagingProviderPluginMeta): SmsProviderPlugin<S> {
  const { boot, dependsOn, ...rest } = meta;
  return definePlugin({
    name: `sms-${provider.id}`,
    description: `SMS provider: ${provider.name}`,
    ...rest,
    dependsOn: withMessaging(dependsOn),
    provider,
    async boot(ctx: PluginContext) {
      ctx.extensions.contribute(SMS_PROVIDERS, { provider, plugin: ctx.plugin.name });
      await boot?.(ctx);
    },
  });
}

/** One email provider as a whole plugin: `export default defineEmailProviderPlugin(resend, { version: '1.0.0', kernel: '^0.1.0' })`. */
export function defineEmailProviderPlugin<S extends TObject>(provider: EmailProviderDefinition<S>, meta: MessagingProviderPluginMeta): EmailProviderPlugin<S> {
  const { boot, dependsOn, ...rest } = meta;
  return definePlugin({
    name: `email-${provider.id}`,
    description: `Email provider: ${provider.name}`,
    ...rest,
    dependsOn: withMessaging(dependsOn),
    provider,
    async boot(ctx: PluginContext) {
      ctx.extensions.contribute(EMAIL_PROVIDERS, { provider, plugin: ctx.plugin.name });
      await boot?.(ctx);
    },
  });
}

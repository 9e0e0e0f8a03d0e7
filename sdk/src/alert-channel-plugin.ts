import type { TObject } from '@sinclair/typebox';
import type { PluginContext } from './context.ts';
import { definePlugin, type PluginManifest } from './plugin.ts';
import { ALERT_CHANNELS, alertChannelRegistration, alertChannelSettings, type AlertChannelDefinition } from './alert-channels.ts';

/**
 * What an alert-channel plugin declares besides its channel: its version, the kernel range it supports, a
 * description. `name` defaults to `alert-channel-<channel id>`; `dependsOn` gets `alerts` added; `settings` is the
 * channel's config schema. A `boot` of its own runs after the contribution.
 */
export type AlertChannelPluginMeta = Omit<PluginManifest, 'name' | 'settings'> & { name?: string };

/** A plugin made of one alert channel; `channel` is kept so that tests get its typed config. */
export type AlertChannelPlugin<S extends TObject = TObject> = PluginManifest & { readonly channel: AlertChannelDefinition<S> };

/**
 * One alert channel as a whole plugin:
 * ```ts
 * export default defineAlertChannelPlugin(slackChannel, { version: '1.0.0', kernel: '^0.1.0' });
 * ```
 */
export function defineAlertChannelPlugin<S extends TObject>(channel: AlertChannelDefinition<S>, meta: AlertChannelPluginMeta): AlertChannelPlugin<S> {
  const { boot, dependsOn = [], ...rest } = meta;
  return definePlugin({
    name: `alert-channel-${channel.id}`,
    description: `Alert channel: ${channel.name}`,
    ...rest,
    dependsOn: dependsOn.includes('alerts') ? dependsOn : ['alerts', ...dependsOn],
    settings: alertChannelSettings(channel),
    channel,
    async boot(ctx: PluginContext) {
      ctx.extensions.contribute(ALERT_CHANNELS, alertChannelRegistration(ctx, channel));
      await boot?.(ctx);
    },
  });
}

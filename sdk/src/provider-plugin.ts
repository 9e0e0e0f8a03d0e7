import type { PluginContext } from './context.ts';
import { definePlugin, type ExtensionPoint, type PluginManifest } from './plugin.ts';

/**
 * What a provider plugin declares besides its provider: version, kernel range, description. `name` defaults to
 * `<kind>-<id>` (`sms-twilio`, `payment-stripe`); `dependsOn` gets the owning plugin added. A `boot` of its own
 * runs after the contribution. Configurations live in the owning plugin (many per provider), not in settings.
 */
export type ProviderPluginMeta = Omit<PluginManifest, 'name'> & { name?: string };

/** A plugin whose whole job is to contribute one provider to its owner's extension point. */
export type ProviderPlugin<P> = PluginManifest & { readonly provider: P };

/** Where a kind of provider goes: the owning plugin, its extension point, and the default naming. */
export interface ProviderPluginKind<P> {
  /** The plugin that owns the extension point (`messaging`, `billing`): added to `dependsOn`. */
  owner: string;
  point: ExtensionPoint<{ provider: P; plugin: string }>;
  /** Default plugin name prefix: `sms` gives `sms-<id>`. */
  prefix: string;
  /** Default description prefix: `SMS provider` gives `SMS provider: <name>`. */
  label: string;
}

/** One provider as a whole plugin: contributes `provider` to `kind.point` in boot, after its owner booted. */
export function defineProviderPlugin<P extends { id: string; name: string }>(kind: ProviderPluginKind<P>, provider: P, meta: ProviderPluginMeta): ProviderPlugin<P> {
  const { boot, dependsOn = [], ...rest } = meta;
  return definePlugin({
    name: `${kind.prefix}-${provider.id}`,
    description: `${kind.label}: ${provider.name}`,
    ...rest,
    dependsOn: dependsOn.includes(kind.owner) ? dependsOn : [kind.owner, ...dependsOn],
    provider,
    async boot(ctx: PluginContext) {
      ctx.extensions.contribute(kind.point, { provider, plugin: ctx.plugin.name });
      await boot?.(ctx);
    },
  });
}

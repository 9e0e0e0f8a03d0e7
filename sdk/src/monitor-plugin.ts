import type { TObject } from '@sinclair/typebox';
import type { PluginContext } from './context.ts';
import { definePlugin, type PluginManifest } from './plugin.ts';
import { MONITORS, monitorRegistration, monitorSettings, type MonitorDefinition } from './monitors.ts';

/**
 * What a monitor plugin declares besides its monitor: its version, the kernel range it supports, a description.
 * `name` defaults to `monitor-<monitor id>`; `dependsOn` gets `health` added; `settings` is the monitor's config
 * schema; a tenant-scoped monitor makes a tenant-scoped plugin. A `boot` of its own runs after the contribution.
 */
export type MonitorPluginMeta = Omit<PluginManifest, 'name' | 'settings'> & { name?: string };

/** A plugin made of one monitor; `monitor` is kept so that tests get its typed config. */
export type MonitorPlugin<S extends TObject = TObject> = PluginManifest & { readonly monitor: MonitorDefinition<S> };

/**
 * One monitor as a whole plugin:
 * ```ts
 * export default defineMonitorPlugin(stripeMonitor, { version: '1.0.0', kernel: '^0.1.0' });
 * ```
 */
export function defineMonitorPlugin<S extends TObject>(monitor: MonitorDefinition<S>, meta: MonitorPluginMeta): MonitorPlugin<S> {
  const { boot, dependsOn = [], ...rest } = meta;
  return definePlugin({
    name: `monitor-${monitor.id}`,
    description: `Health monitor: ${monitor.name}`,
    ...(monitor.scope === 'tenant' ? { scope: 'tenant' as const } : {}),
    ...rest,
    dependsOn: dependsOn.includes('health') ? dependsOn : ['health', ...dependsOn],
    settings: monitorSettings(monitor),
    monitor,
    async boot(ctx: PluginContext) {
      ctx.extensions.contribute(MONITORS, monitorRegistration(ctx, monitor));
      await boot?.(ctx);
    },
  });
}

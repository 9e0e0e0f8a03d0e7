import { definePlugin, type PluginContext } from '@platform/sdk';

/** A plugin whose only job is to hand the benchmark its context (logger, pipeline, database). */
export function createBenchPlugin(): { plugin: ReturnType<typeof definePlugin>; context(): PluginContext } {
  let ctxRef: PluginContext | null = null;
  const plugin = definePlugin({
    name: 'bench',
    version: '1.0.0',
    kernel: '^0.1.0',
    dependsOn: ['logging'],
    boot(ctx) {
      ctxRef = ctx;
    },
  });
  return { plugin, context: () => ctxRef! };
}

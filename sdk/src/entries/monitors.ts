/** `@platform/sdk/monitors`: the monitor extension point's contract (owned by the health plugin). */
export * from '../monitors.ts';
export * from '../monitor-plugin.ts';

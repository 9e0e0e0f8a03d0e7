import { describe, expect, it } from 'vitest';
import { Secret, Type, type PluginContext } from '../src/index.ts';
import { defineMonitor, defineMonitorPlugin, MONITORS } from '../src/entries/monitors.ts';
import { ALERT_CHANNELS, defineAlertChannel, defineAlertChannelPlugin } from '../src/entries/alert-channels.ts';

const monitor = (scope: 'platform' | 'tenant') =>
  defineMonitor({
    id: 'acme', name: 'Acme', tier: 'core', scope,
    configSchema: Type.Object({ apiKey: Secret(Type.String()), region: Type.String({ default: 'eu' }) }),
    check: async () => ({ status: 'healthy' }),
  });

/** A context that records contributions, in the order they happen. */
function bootContext(log: string[]): PluginContext {
  return {
    plugin: { name: 'under-test' },
    settings: {},
    extensions: { contribute: (point: { id: string }) => log.push(`contribute ${point.id}`) },
  } as unknown as PluginContext;
}

describe('defineMonitorPlugin', () => {
  it('names the plugin after the monitor, depends on health, takes the config schema as optional settings', () => {
    const p = defineMonitorPlugin(monitor('platform'), { version: '1.0.0', kernel: '^0.1.0' });
    expect(p).toMatchObject({ name: 'monitor-acme', version: '1.0.0', kernel: '^0.1.0', description: 'Health monitor: Acme', dependsOn: ['health'] });
    expect(p.scope).toBeUndefined();
    expect(p.settings!.required ?? []).toEqual([]);
    expect(Object.keys(p.settings!.properties)).toEqual(['apiKey', 'region']);
    expect(p.settings!.properties.apiKey['x-secret']).toBe(true);
  });

  it('a tenant-scoped monitor makes a tenant-scoped plugin; extra dependencies keep health first', () => {
    const p = defineMonitorPlugin(monitor('tenant'), { name: 'acme-tenants', version: '1.0.0', kernel: '^0.1.0', dependsOn: ['metrics'] });
    expect(p).toMatchObject({ name: 'acme-tenants', scope: 'tenant', dependsOn: ['health', 'metrics'] });
  });

  it('boot contributes the monitor, then runs the plugin\'s own boot', async () => {
    const log: string[] = [];
    const p = defineMonitorPlugin(monitor('platform'), { version: '1.0.0', kernel: '^0.1.0', boot: () => void log.push('own boot') });
    await p.boot!(bootContext(log));
    expect(log).toEqual([`contribute ${MONITORS.id}`, 'own boot']);
  });
});

describe('defineAlertChannelPlugin', () => {
  const channel = defineAlertChannel({
    id: 'acme-pager', name: 'Acme Pager', configSchema: Type.Object({ token: Secret(Type.String()) }),
    send: async () => ({ ok: true }),
  });

  it('names the plugin after the channel, depends on alerts, contributes the channel in boot', async () => {
    const p = defineAlertChannelPlugin(channel, { version: '2.0.0', kernel: '^0.1.0', description: 'Pages' });
    expect(p).toMatchObject({ name: 'alert-channel-acme-pager', description: 'Pages', dependsOn: ['alerts'], channel });
    const log: string[] = [];
    await p.boot!(bootContext(log));
    expect(log).toEqual([`contribute ${ALERT_CHANNELS.id}`]);
  });
});

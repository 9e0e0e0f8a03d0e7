import type { PluginManifest, Static, TenantInfo, TObject } from '@platform/sdk';
import { createHealthPlugin, type TargetView } from '@platform/plugin-health';
import { createTestKernel, type TestKernel } from './test-kernel.ts';

export type { TargetView };

/** A monitor plugin test's handle on a kernel running the health plugin and the monitor plugin. */
export interface MonitorHarness<C = Record<string, unknown>> {
  t: TestKernel;
  /** Saves the monitor plugin's settings (platform-wide, or for one tenant) through the kernel's settings API. */
  configure(values: Partial<C>, tenant?: TenantInfo): Promise<void>;
  /** Runs the monitor now through the health plugin and returns what the health API shows for the target. */
  check(monitorId: string, target?: TenantInfo | string): Promise<TargetView>;
  tenant(slug: string): Promise<TenantInfo>;
  close(): Promise<void>;
}

/** The config type of a `defineMonitorPlugin` plugin (its settings), else an untyped record. */
export type MonitorConfigOf<P> = P extends { monitor: { configSchema: infer S extends TObject } } ? Static<S> : Record<string, unknown>;

/**
 * Boots a real kernel with the health plugin and one monitor plugin, for monitor plugin tests: settings go
 * through `PUT /api/plugins/<plugin>/settings` (secrets sealed by the kernel), checks through
 * `POST /api/health/services/<id>/run`. The settings are typed from the plugin's config schema.
 */
export async function startMonitorHarness<P extends PluginManifest>(plugin: P, opts: { database?: 'server' | 'embedded' } = {}): Promise<MonitorHarness<MonitorConfigOf<P>>> {
  const health = createHealthPlugin({ autoStart: false });
  const t = await createTestKernel({ plugins: [health, plugin], database: opts.database });
  return {
    t,
    async configure(values, tenant) {
      const r = await t.inject({ method: 'PUT', url: `/api/plugins/${plugin.name}/settings`, headers: tenant ? { 'x-tenant-id': tenant.id } : {}, payload: values as Record<string, unknown> });
      if (r.statusCode !== 200) throw new Error(`settings refused: ${r.body}`);
      health.runtime().directory.invalidate();
    },
    async check(monitorId, target) {
      const targetKey = typeof target === 'string' ? target : target?.id ?? 'platform';
      const r = await t.inject({ method: 'POST', url: `/api/health/services/${monitorId}/run`, payload: { targetKey } });
      if (r.statusCode !== 200) throw new Error(`run failed: ${r.body}`);
      const view = (r.json().targets as TargetView[]).find((v) => v.targetKey === targetKey);
      if (!view) throw new Error(`no target ${targetKey} for monitor ${monitorId}`);
      return view;
    },
    tenant: (slug) => t.tenant(slug),
    close: () => t.close(),
  };
}

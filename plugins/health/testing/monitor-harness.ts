import { createTestKernel, type TestKernel } from '@platform/sdk/testing';
import type { PluginManifest, TenantInfo } from '@platform/sdk';
import { createHealthPlugin } from '../src/index.ts';
import type { TargetView } from '../src/views/target-view.ts';

export type { TargetView };

export interface MonitorHarness {
  t: TestKernel;
  /** Saves the monitor plugin's settings (platform-wide, or for one tenant) through the kernel's settings API. */
  configure(values: Record<string, unknown>, tenant?: TenantInfo): Promise<void>;
  /** Runs the monitor now through the health plugin and returns what the health API shows for the target. */
  check(monitorId: string, target?: TenantInfo | string): Promise<TargetView>;
  tenant(slug: string): Promise<TenantInfo>;
  close(): Promise<void>;
}

/**
 * Boots a real kernel with the health plugin and one monitor plugin, for monitor plugin tests:
 * settings go through `PUT /api/plugins/<plugin>/settings` (secrets sealed by the kernel), checks
 * through `POST /api/health/services/<id>/run`.
 */
export async function startMonitorHarness(plugin: PluginManifest, opts: { database?: 'server' | 'embedded' } = {}): Promise<MonitorHarness> {
  const health = createHealthPlugin({ autoStart: false });
  const t = await createTestKernel({ plugins: [health, plugin], database: opts.database });
  return {
    t,
    async configure(values, tenant) {
      const r = await t.inject({ method: 'PUT', url: `/api/plugins/${plugin.name}/settings`, headers: tenant ? { 'x-tenant-id': tenant.id } : {}, payload: values });
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

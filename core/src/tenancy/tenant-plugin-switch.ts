import type { MikroORM } from '@mikro-orm/core';
import { requireEntitlement, type EntitlementChecker } from '@platform/sdk/entitlements';
import { ProblemError, type PluginManifest, type TenantPluginControl, type TenantPluginState } from '@platform/sdk';
import { TenantPlugin } from '../entities/kernel-entities.ts';
import type { CachedTenantDirectory } from './tenant-directory.ts';
import type { AuditRecordInput } from '../audit/audit-writer.ts';
import type { KernelEventBus } from '../routes/kernel-services.ts';

export interface TenantPluginSwitchDeps {
  orm: MikroORM;
  plugins: () => PluginManifest[];
  directory: CachedTenantDirectory;
  audit: { record(entry: AuditRecordInput, em?: any): Promise<void> };
  events: KernelEventBus;
  /** The plan service, when a plugin provides `entitlements`. */
  entitlements: () => EntitlementChecker | null;
}

/**
 * The one place a tenant's plugin enablement is written: staff's `PUT /api/plugins/:name/tenants/:tenantId`
 * (an override, outside the plan) and plugins acting for a tenant (`ctx.tenantPlugins`, within the plan).
 */
export class TenantPluginSwitch {
  constructor(private readonly deps: TenantPluginSwitchDeps) {}

  /** The control plugins get: enabling is checked against the tenant's plan. */
  forPlugins(): TenantPluginControl {
    return {
      list: (tenantId) => this.list(tenantId),
      setEnabled: (tenantId, plugin, enabled, by) => this.set(tenantId, plugin, enabled, { ...by, withinPlan: true }),
    };
  }

  manifest(name: string): PluginManifest {
    const m = this.deps.plugins().find((p) => p.name === name);
    if (!m) throw new ProblemError(404, 'plugin_not_found', `Plugin "${name}" is not installed`, { field: 'plugin' });
    return m;
  }

  async list(tenantId: string): Promise<TenantPluginState[]> {
    const checker = this.deps.entitlements();
    const tenantScoped = this.deps.plugins().filter((m) => m.scope === 'tenant');
    return Promise.all(tenantScoped.map((m) => this.stateOf(tenantId, m, checker)));
  }

  async set(
    tenantId: string,
    plugin: string,
    enabled: boolean,
    opts: { actorId?: string | null; actorType?: string; actorLabel?: string | null; requestId?: string | null; withinPlan: boolean },
  ): Promise<TenantPluginState> {
    const m = this.manifest(plugin);
    if (m.scope !== 'tenant') throw new ProblemError(409, 'plugin_platform_scoped', `Plugin "${m.name}" is platform-wide and cannot be toggled per tenant`, { field: 'plugin' });
    const tenant = await this.deps.directory.get(tenantId);
    if (!tenant) throw new ProblemError(404, 'tenant_not_found', 'Tenant not found');
    const checker = this.deps.entitlements();
    if (enabled && opts.withinPlan && checker) {
      await requireEntitlement(checker, tenant.id, `plugin:${m.name}`);
    }
    const before = await this.deps.directory.isPluginEnabled(tenant.id, m.name);
    await this.deps.orm.em.fork().transactional(async (em) => {
      const row = await em.findOne(TenantPlugin, { tenantId: tenant.id, plugin: m.name });
      if (row) row.enabled = enabled;
      else em.create(TenantPlugin, { tenantId: tenant.id, plugin: m.name, enabled } as any);
      await em.flush();
      await this.deps.audit.record(
        { action: enabled ? 'plugin.enabled' : 'plugin.disabled', tenantId: tenant.id, targetType: 'plugin', targetId: m.name, before: { enabled: before }, after: { enabled }, actorId: opts.actorId ?? null, actorType: opts.actorType ?? 'system', actorLabel: opts.actorLabel ?? null, requestId: opts.requestId ?? null },
        em,
      );
      await this.deps.events.emitDurable(em, 'tenant.plugin_toggled', { tenantId: tenant.id, plugin: m.name, enabled });
    });
    this.deps.directory.invalidate(tenant.id);
    return { ...(await this.stateOf(tenant.id, m, checker)), enabled };
  }

  private async stateOf(tenantId: string, m: PluginManifest, checker: EntitlementChecker | null): Promise<TenantPluginState> {
    return {
      name: m.name,
      description: m.description ?? null,
      defaultEnabled: m.defaultEnabled !== false,
      enabled: await this.deps.directory.isPluginEnabled(tenantId, m.name),
      entitled: checker ? (await checker.check(tenantId, `plugin:${m.name}`)).allowed : null,
    };
  }
}


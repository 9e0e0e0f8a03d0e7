import type { EntityManager } from '@mikro-orm/core';

/**
 * Turning a `scope: 'tenant'` plugin on or off for one tenant from another plugin (the marketplace enables a
 * plugin a tenant bought). The kernel provides {@link TenantPluginSwitch} under {@link TENANT_PLUGINS} and
 * enforces the rules: the plugin must be installed and tenant-scoped (a platform-wide plugin is never toggled
 * per tenant), the write lands in the caller's transaction when `em` is given, and the kernel's cached
 * enablement is refreshed once that transaction commits.
 */

/** DI key of the kernel's {@link TenantPluginSwitch}. */
export const TENANT_PLUGINS = 'kernel.tenant-plugins';

export interface InstalledPluginInfo {
  name: string;
  version: string;
  description: string | null;
  scope: 'tenant' | 'platform';
  defaultEnabled: boolean;
}

export interface TenantPluginSetOptions {
  /** The transaction to write in (a tenant-bound one works: the row is the tenant's). Absent: the kernel's own. */
  em?: EntityManager;
  /** Who asks, for the audit entry (e.g. `marketplace.purchase`). */
  actorLabel: string;
  reason?: string | null;
  /**
   * Refuse with 402 `limit_exceeded` to enable a plugin the tenant's plan does not include (the entitlement
   * `plugin:<name>` of the `entitlements` service, when a plan plugin provides it): for plugins acting for the
   * tenant itself, such as the onboarding wizard. Default false: a purchase or a staff override.
   */
  withinPlan?: boolean;
}

/** A `scope: 'tenant'` plugin as one tenant has it. */
export interface TenantPluginState extends InstalledPluginInfo {
  enabled: boolean;
  /**
   * Whether the tenant's plan includes the plugin (entitlement `plugin:<name>`); null when no plan service is
   * installed (nothing limits enabling then).
   */
  entitled: boolean | null;
}

export interface TenantPluginSwitch {
  /** The installed plugin named `plugin`, or null. */
  describe(plugin: string): InstalledPluginInfo | null;
  /** Installed plugins whose scope is `tenant`. */
  tenantScoped(): InstalledPluginInfo[];
  /**
   * Sets the plugin's enablement for the tenant (audited, `tenant.plugin_toggled` emitted durably). Throws a
   * 409 problem (`plugin_platform_scoped`) for a platform-wide plugin, 404 (`plugin_not_found`) for one not installed.
   */
  setEnabled(tenantId: string, plugin: string, enabled: boolean, options: TenantPluginSetOptions): Promise<{ before: boolean; enabled: boolean }>;
  /** Every tenant-scoped plugin with its enablement and plan entitlement for the tenant. */
  statesFor(tenantId: string): Promise<TenantPluginState[]>;
}

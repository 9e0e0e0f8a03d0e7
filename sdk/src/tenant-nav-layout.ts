/**
 * A tenant's default console menu layout, seeded by plugins when the tenant is provisioned (`onTenantProvisioned`):
 * hide, rename or reorder menu items for that tenant, as its navigation overrides (which its admins and staff can
 * change later in Navigation). The kernel provides {@link TenantNavLayout} under {@link TENANT_NAV_LAYOUT}.
 */

/** DI key of the kernel's {@link TenantNavLayout}. */
export const TENANT_NAV_LAYOUT = 'kernel.tenant-nav-layout';

/** One menu item's place in a tenant's layout (a navigation override): absent fields keep the item's own. */
export interface TenantNavLayoutItem {
  /** The item's id (`NavItemDefinition.id`, e.g. `onboarding.wizard`). */
  itemId: string;
  hidden?: boolean;
  label?: string | null;
  order?: number | null;
}

export interface TenantNavLayout {
  /**
   * Seeds these overrides for the tenant, each only where the tenant has no override of that item yet (idempotent:
   * a re-run or an edit made since is kept), in one transaction, audited as `nav.override_saved`. Items no installed
   * plugin contributes are skipped. Returns the item ids it created an override of.
   */
  seedDefaults(tenantId: string, items: readonly TenantNavLayoutItem[], by: { actorLabel: string }): Promise<string[]>;
}

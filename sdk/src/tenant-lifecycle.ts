/**
 * What a plugin may do to a tenant's lifecycle (provided by the kernel): suspend it, for a reason, audited as the
 * plugin. Billing's dunning uses it after repeated failed payments. `ctx.resolve<TenantLifecycle>(TENANT_LIFECYCLE)`.
 */
export const TENANT_LIFECYCLE = 'kernel.tenant-lifecycle';

export interface TenantLifecycle {
  /** Suspends an active tenant (`tenant.suspended`, audited with `reason`); an already suspended one is left as is. */
  suspend(tenantId: string, reason: string, by: { plugin: string }): Promise<{ changed: boolean }>;
}

import { ProblemError, type TenantInfo } from '@platform/sdk';
import type { FlagValue } from '../engine/index.ts';
import type { ChangeAuthor } from '../model/change-author.ts';
import type { FlagServices } from '../service/flag-services.ts';

/** A flag value a new tenant starts with: a tenant override, visible and editable like any other. */
export interface TenantDefaultFlag {
  flagKey: string;
  value: FlagValue;
}

/**
 * The default flag set of a new tenant (plugin setting `tenantDefaults` replaces it): a self-serve tenant
 * lets its creators onboard themselves and gets the live dashboard.
 */
export const TENANT_DEFAULT_FLAGS: readonly TenantDefaultFlag[] = [
  { flagKey: 'creators.self_service_onboarding', value: true },
  { flagKey: 'admin.realtime_dashboard', value: true },
];

export const TENANT_DEFAULT_REASON = 'Default for new tenants (provisioning)';
const PROVISIONING_AUTHOR: ChangeAuthor = { actorType: 'system', actorId: null, actorLabel: 'provisioning', requestId: null };

/**
 * Seeds the tenant's default overrides (`onTenantProvisioned`). Idempotent: an override the tenant already has,
 * whatever its value, is left alone, so a re-run after a failure adds only what is missing. A default naming a
 * flag that does not exist (deleted by an operator) is skipped. Returns the flag keys it created an override of.
 */
export async function seedTenantDefaultFlags(s: FlagServices, tenant: TenantInfo, defaults: readonly TenantDefaultFlag[]): Promise<string[]> {
  const created: string[] = [];
  for (const d of defaults) {
    if (!s.cache.snapshot.records.has(d.flagKey)) continue;
    try {
      await s.overrides.create(tenant.id, { flagKey: d.flagKey, scope: 'tenant', value: d.value }, TENANT_DEFAULT_REASON, PROVISIONING_AUTHOR);
      created.push(d.flagKey);
    } catch (err) {
      if (err instanceof ProblemError && err.code === 'override_exists') continue;
      throw err;
    }
  }
  return created;
}

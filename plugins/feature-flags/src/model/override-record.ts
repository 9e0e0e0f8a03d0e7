import type { FlagValue } from '../engine/index.ts';

/** A per-tenant or per-user override as the API returns it. */
export interface OverrideRecord {
  id: string;
  tenantId: string;
  flagKey: string;
  scope: 'tenant' | 'user';
  userId: string | null;
  value: FlagValue;
  variant: string | null;
  expiresAt: string | null;
  /** False once `expiresAt` has passed. */
  active: boolean;
  reason: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Which tenants' overrides a query may see: one tenant, or all of them (staff reading across tenants). */
export type TenantScope = { tenantId: string } | { allTenants: true };

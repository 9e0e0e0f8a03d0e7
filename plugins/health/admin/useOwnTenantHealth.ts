import { usePermissions } from 'react-admin';
import type { PlatformSession } from '@platform/sdk/admin';
import type { ObservedStatus, TargetView } from './health-api-types.ts';
import { useHealthApi } from './useHealthApi.ts';

export interface TenantHealth {
  tenant: { id: string; slug: string; name: string };
  status: ObservedStatus;
  monitors: TargetView[];
}

/** The signed-in tenant user's own tenant health (`GET /api/health/tenants/:id`, a tenant route). */
export function useOwnTenantHealth() {
  const { permissions: session } = usePermissions<PlatformSession>();
  const tenantId = session?.tenant?.id ?? null;
  return useHealthApi<TenantHealth>(tenantId ? `/health/tenants/${encodeURIComponent(tenantId)}` : null);
}

/** Failing first, then by name: what needs attention on top. */
const RANK: Record<string, number> = { unhealthy: 0, degraded: 1, unknown: 2, healthy: 3 };
export function byAttention(monitors: TargetView[]): TargetView[] {
  return [...monitors].sort((a, b) => (RANK[a.status] ?? 2) - (RANK[b.status] ?? 2) || a.monitorName.localeCompare(b.monitorName));
}

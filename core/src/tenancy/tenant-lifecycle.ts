import type { TenantLifecycle } from '@platform/sdk';
import type { TenantService } from './tenant-service.ts';

/** The kernel's {@link TenantLifecycle} for plugins: a suspension audited as `plugin:<name>`. */
export function createTenantLifecycle(tenants: Pick<TenantService, 'transition'>): TenantLifecycle {
  return {
    async suspend(tenantId, reason, by) {
      try {
        await tenants.transition(tenantId, 'suspend', reason, { actorType: 'system', actorId: by.plugin, actorLabel: `plugin:${by.plugin}`, requestId: null });
        return { changed: true };
      } catch (err) {
        if ((err as { code?: string })?.code === 'invalid_transition') return { changed: false };
        throw err;
      }
    },
  };
}

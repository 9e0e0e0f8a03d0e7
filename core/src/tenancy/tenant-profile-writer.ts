import { UniqueConstraintViolationException, type MikroORM } from '@mikro-orm/core';
import { ProblemError, type TenantProfileWriter } from '@platform/sdk';
import { Tenant } from '../entities/kernel-entities.ts';
import type { TenantService } from './tenant-service.ts';
import { toTenantInfo } from './tenant-directory.ts';

/** `ctx.tenantProfile`: a tenant's name, slug and domain through the tenant service (audited, announced). */
export function tenantProfileWriter(tenants: TenantService, orm: MikroORM): TenantProfileWriter {
  return {
    async update(tenantId, changes, by = {}) {
      const stamp = { actorType: by.actorType ?? 'system', actorId: by.actorId ?? null, actorLabel: by.actorLabel ?? null, requestId: by.requestId ?? null };
      try {
        return toTenantInfo(await tenants.update(tenantId, changes, stamp));
      } catch (err) {
        if (!(err instanceof UniqueConstraintViolationException) || !changes.primaryDomain) throw err;
        const holder = await orm.em.fork().findOne(Tenant, { primaryDomain: changes.primaryDomain.toLowerCase() });
        if (!holder || holder.id === tenantId) throw err;
        throw new ProblemError(409, 'domain_taken', `The domain "${changes.primaryDomain}" belongs to another tenant`, { field: 'primaryDomain' });
      }
    },
  };
}

import type { MikroORM } from '@mikro-orm/core';
import { ProblemError, type TenantInfo } from '@platform/sdk';
import { TENANT_SLUG_PATTERN, type NewTenant, type ProvisioningActor, type TenantProvisioning } from '@platform/sdk/accounts';
import { Tenant } from '../entities/kernel-entities.ts';
import { toTenantInfo } from './tenant-directory.ts';
import type { TenantService } from './tenant-service.ts';

/** The kernel's {@link TenantProvisioning}, provided to plugins under `TENANT_PROVISIONING`. */
export class KernelTenantProvisioning implements TenantProvisioning {
  constructor(private readonly deps: { orm: MikroORM; tenants: TenantService }) {}

  async create(input: NewTenant, by: ProvisioningActor): Promise<TenantInfo & { statusReason: string | null }> {
    const slug = String(input.slug ?? '').toLowerCase();
    if (!TENANT_SLUG_PATTERN.test(slug)) throw new ProblemError(400, 'validation_failed', '"slug" must be lowercase letters, digits and dashes', { field: 'slug' });
    if (typeof input.name !== 'string' || !input.name.trim() || input.name.length > 200) throw new ProblemError(400, 'validation_failed', '"name" must be 1 to 200 characters', { field: 'name' });
    const stamp = { actorType: 'system', actorId: by.actorId ?? null, actorLabel: by.label, requestId: by.requestId ?? null };
    const { tenant } = await this.deps.tenants.create({ ...input, slug, name: input.name.trim() }, stamp, { ifExists: 'refuse' });
    return { ...toTenantInfo(tenant), statusReason: tenant.statusReason };
  }

  async isSlugAvailable(slug: string): Promise<boolean> {
    return !(await this.deps.orm.em.fork().findOne(Tenant, { slug: slug.toLowerCase() }));
  }
}

import type { TenantDirectory } from '@platform/sdk';

/** Slugs that name parts of the platform (subdomains, paths) rather than a tenant. */
export const RESERVED_SLUGS = new Set(['admin', 'api', 'app', 'www', 'status', 'docs', 'mail', 'platform', 'console', 'static', 'assets', 'login', 'signup']);

export const SLUG_PATTERN = '^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$';
const SLUG = new RegExp(SLUG_PATTERN);

export type SlugAvailability = { available: true } | { available: false; reason: 'invalid' | 'reserved' | 'taken' };

/** Whether `tenantId` may take `slug`: its own slug stays available to it. */
export async function slugAvailability(tenants: Pick<TenantDirectory, 'get'>, tenantId: string, slug: string): Promise<SlugAvailability> {
  if (!SLUG.test(slug)) return { available: false, reason: 'invalid' };
  if (RESERVED_SLUGS.has(slug)) return { available: false, reason: 'reserved' };
  const holder = await tenants.get(slug);
  if (holder && holder.id !== tenantId) return { available: false, reason: 'taken' };
  return { available: true };
}

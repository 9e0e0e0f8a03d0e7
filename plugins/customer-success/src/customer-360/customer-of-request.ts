import { ProblemError, Type, type PluginContext, type RequestContext, type TenantInfo } from '@platform/sdk';
import type { Author } from './customer-notes-store.ts';

export const TAGS = ['customer-success'];
export const UUID = Type.String({ format: 'uuid' });
/** Text without NUL bytes (PostgreSQL refuses them: a 400 naming the field, never a 500). */
export const Text = (min: number, max: number) => Type.String({ minLength: min, maxLength: max, pattern: '^[^\\u0000]*$' });
export const TenantParams = Type.Object({ tenantId: UUID });

/** The tenant a `customers/:tenantId/...` route is about, or 404 naming `tenantId` (deleted tenants included: staff may still look). */
export async function customerOf(ctx: PluginContext, tenantId: string): Promise<TenantInfo> {
  const tenant = await ctx.tenants.get(tenantId);
  if (!tenant || tenant.id !== tenantId) throw new ProblemError(404, 'not_found', `tenant ${tenantId} not found`, { field: 'tenantId' });
  return tenant;
}

/** Who wrote a note or logged a contact: the signed-in user (ids only for users; keys and jobs by label). */
export function authorOf(req: RequestContext): Author {
  const a = req.actor;
  if (!a) return { id: null, label: null };
  return { id: a.type === 'user' ? a.id : null, label: a.name ?? a.email ?? `${a.type}:${a.id}` };
}

/** A service another plugin provides, or null when that plugin is not installed. */
export function optionalService<T>(ctx: Pick<PluginContext, 'resolve'>, key: string): T | null {
  try {
    return ctx.resolve<T>(key);
  } catch {
    return null;
  }
}

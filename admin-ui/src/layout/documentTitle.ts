import type { PlatformSession, ResolvedNav } from '@platform/sdk/admin';
import { ALL_TENANTS } from '../api/tenantSelection.ts';
import { normalizePath } from '../nav/menuModel.ts';

/** The product's name, last in every browser tab title. */
export const PRODUCT_NAME = 'Platform';

/** "Incidents · Acme · Platform": the page, the tenant acted in (when any), the product. */
export function documentTitle(parts: { page?: string | null; tenant?: string | null }): string {
  return [parts.page, parts.tenant, PRODUCT_NAME].filter((p): p is string => !!p && !!p.trim()).join(' · ');
}

/**
 * The page's name, as the menu calls it: the label of the nav item whose path is the longest prefix of the
 * URL (`/incidents/12/show` → "Incidents"; `/` only for itself). A page outside the nav is named after its
 * first path segment (`/dead-letters` → "Dead letters").
 */
export function pageNameOf(pathname: string, nav: ResolvedNav | null | undefined): string {
  const path = normalizePath(pathname || '/');
  let best: { length: number; label: string } | null = null;
  for (const section of nav?.sections ?? []) {
    for (const item of section.items ?? []) {
      if (!item?.path || !item.label) continue;
      const p = normalizePath(item.path);
      const matches = p === '/' ? path === '/' : path === p || path.startsWith(`${p}/`);
      if (matches && (!best || p.length > best.length)) best = { length: p.length, label: item.label };
    }
  }
  if (best) return best.label;
  if (path === '/') return 'Dashboard';
  const first = decodeURIComponent(path.split('/')[1] ?? '').replace(/[-_]+/g, ' ').trim();
  return first ? first.charAt(0).toUpperCase() + first.slice(1) : 'Dashboard';
}

/** The tenant the session acts in: its name, "All tenants" for staff at platform level. */
export function tenantNameOf(session: Pick<PlatformSession, 'tenant' | 'tenantSelection' | 'user'> | null | undefined): string | null {
  if (!session) return null;
  if (session.tenant?.name) return session.tenant.name;
  return session.user.kind === 'staff' && session.tenantSelection === ALL_TENANTS ? 'All tenants' : null;
}

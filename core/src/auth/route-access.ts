import type { Actor } from '@platform/sdk';
import type { RouteRecord } from '../http/route-registrar.ts';
import { hasPermission, isTenantBound } from './permission-catalog.ts';

/** One API route (method and Fastify URL pattern, `/api/plans/plans/:id`) and whether this caller may call it. */
export interface RouteAccessEntry {
  method: string;
  url: string;
  allowed: boolean;
}

/**
 * Whether the route guard lets this actor through a route, as far as the actor alone decides: the route's
 * permission, and no `platform` route for a tenant-bound caller. (Tenant state and plugin enablement are
 * the tenant's business and show in the nav.) The console hides the buttons and menu entries this refuses.
 */
export function actorMayCall(actor: Pick<Actor, 'permissions' | 'kind' | 'tenantId'>, route: Pick<RouteRecord, 'permission' | 'public' | 'scope'>): boolean {
  if (route.public) return true;
  if (!route.permission || !hasPermission(actor.permissions, route.permission)) return false;
  return !(isTenantBound(actor) && route.scope === 'platform');
}

/**
 * Every non-public `/api` route, one entry per method (HEAD left out), with whether this actor may call it.
 * The refused ones are listed too, so that the console can tell "refused" from "not a route it knows".
 */
export function routeAccessOf(actor: Pick<Actor, 'permissions' | 'kind' | 'tenantId'>, table: readonly RouteRecord[]): RouteAccessEntry[] {
  const out: RouteAccessEntry[] = [];
  const seen = new Set<string>();
  for (const route of table) {
    if (route.public || !route.url.startsWith('/api/')) continue;
    const allowed = actorMayCall(actor, route);
    for (const method of route.method.split(',')) {
      if (method === 'HEAD') continue;
      const key = `${method} ${route.url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ method, url: route.url, allowed });
    }
  }
  return out;
}

import type { PlatformSession, ResolvedNav } from '@platform/sdk/admin';
import { apiJson } from './http.ts';
import { errorStatus } from './problem.ts';
import { RouteAccess, type RouteAccessEntry } from './routeAccess.ts';
import { ALL_TENANTS, getTenantSelection, setTenantSelection } from './tenantSelection.ts';

interface MeResponse {
  user: PlatformSession['user'];
  permissions: string[];
  tenant: PlatformSession['tenant'];
}

/** How long a loaded session answers `checkAuth` without asking the server again. */
const FRESH_MS = 10_000;
let cache: { selection: string; at: number; promise: Promise<PlatformSession> } | null = null;

/**
 * The session last loaded for the current tenant selection, however old, else a fresh load: for questions
 * asked many times per page (may this button show?) that must not each ask the server again.
 */
export function knownSession(): Promise<PlatformSession> {
  if (cache && cache.selection === getTenantSelection()) return cache.promise;
  return loadSession();
}

export function invalidateSession(): void {
  cache = null;
}

let lastAnswer: { promise: Promise<PlatformSession>; signedOut: boolean } | null = null;

/** True while the last fresh answer was "not signed in" (401): nothing to sign out from. */
export function knownSignedOut(): boolean {
  return !!cache && lastAnswer?.promise === cache.promise && lastAnswer.signedOut && Date.now() - cache.at < FRESH_MS;
}

/**
 * The signed-in actor (`GET /api/auth/me`) and the nav resolved for it (`GET /api/nav`), in the selected
 * tenant. A staff selection the server refuses (tenant suspended, deleted or gone) falls back to
 * "All tenants" instead of locking the console.
 */
export function loadSession(options: { fresh?: boolean } = {}): Promise<PlatformSession> {
  const selection = getTenantSelection();
  if (!options.fresh && cache && cache.selection === selection && Date.now() - cache.at < FRESH_MS) return cache.promise;
  const promise = fetchSession(selection);
  cache = { selection, at: Date.now(), promise };
  promise.then(
    (s) => {
      lastAnswer = { promise, signedOut: false };
      // The selection may have been reset during the fetch: key the cache by what it ended as.
      if (cache?.promise === promise) cache.selection = s.tenantSelection;
    },
    (err: unknown) => {
      // Keep a "not signed in" answer for a while: react-admin asks several times (checkAuth, permissions
      // and its retries) before showing the login page; signing in clears it.
      if (cache?.promise !== promise) return;
      if (errorStatus(err) === 401) {
        lastAnswer = { promise, signedOut: true };
      } else cache = null;
    },
  );
  return promise;
}

async function fetchSession(selection: string, retried = false): Promise<PlatformSession> {
  try {
    const [me, nav] = await Promise.all([apiJson<MeResponse>('/auth/me'), apiJson<ResolvedNav>('/nav')]);
    if (me.user.kind !== 'staff' && selection !== ALL_TENANTS) {
      // Tenant users always act in their own tenant; a staff choice left in this browser must not leak.
      setTenantSelection(ALL_TENANTS);
    }
    return {
      user: me.user,
      permissions: me.permissions ?? [],
      tenant: me.tenant ?? null,
      tenantSelection: me.user.kind === 'staff' ? selection : ALL_TENANTS,
      nav: nav && Array.isArray(nav.sections) ? nav : { sections: [] },
    };
  } catch (err) {
    const status = errorStatus(err);
    if (!retried && selection !== ALL_TENANTS && (status === 400 || status === 403 || status === 404)) {
      setTenantSelection(ALL_TENANTS);
      return fetchSession(ALL_TENANTS, true);
    }
    throw err;
  }
}

let routeAccessCache: { key: string; promise: Promise<RouteAccess | null> } | null = null;

/**
 * The routes this session's actor may call (`GET /api/auth/routes`), loaded once per user and permission
 * set. Null when the kernel does not say (the API still refuses what it must).
 */
export function loadRouteAccess(session: PlatformSession): Promise<RouteAccess | null> {
  const key = `${session.user.id}|${session.user.kind}|${session.permissions.join(',')}`;
  if (routeAccessCache?.key === key) return routeAccessCache.promise;
  const promise = apiJson<{ routes: RouteAccessEntry[] }>('/auth/routes').then(
    (answer) => (Array.isArray(answer?.routes) ? new RouteAccess(answer.routes) : null),
    (err: unknown) => {
      if (routeAccessCache?.promise === promise) routeAccessCache = null;
      if (errorStatus(err) === 404) return null;
      throw err;
    },
  );
  routeAccessCache = { key, promise };
  return promise;
}

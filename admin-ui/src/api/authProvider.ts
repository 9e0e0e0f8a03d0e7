import type { AuthProvider } from 'ra-core';
import type { PlatformSession } from '@platform/sdk/admin';
import { API_URL } from './http.ts';
import { errorStatus, problemToHttpError } from './problem.ts';
import { invalidateSession, knownSession, knownSignedOut, loadRouteAccess, loadSession } from './session.ts';
import { canDo } from './routeAccess.ts';
import { apiPathOf } from './apiPaths.ts';
import { ALL_TENANTS, setTenantSelection } from './tenantSelection.ts';

const SIGNED_IN = 'platform.signedIn';

function rememberSignedIn(on: boolean) {
  try {
    if (on) localStorage.setItem(SIGNED_IN, '1');
    else localStorage.removeItem(SIGNED_IN);
  } catch {
    /* private mode */
  }
}

function wasSignedIn(): boolean {
  try {
    return localStorage.getItem(SIGNED_IN) === '1';
  } catch {
    return false;
  }
}

const LOGIN_NOTICE = 'platform.loginNotice';

/** A message for the login page to show once (react-admin's own notification does not survive the redirect). */
export function takeLoginNotice(): string | null {
  try {
    const notice = sessionStorage.getItem(LOGIN_NOTICE);
    sessionStorage.removeItem(LOGIN_NOTICE);
    return notice;
  } catch {
    return null;
  }
}

/** Where react-admin sends someone whose session is gone; `message: false` because the login page says it. */
function backToLogin(): { message: false; redirectTo: string } {
  if (wasSignedIn()) {
    try {
      sessionStorage.setItem(LOGIN_NOTICE, 'Your session has expired. Please sign in again.');
    } catch {
      /* private mode */
    }
  }
  return { message: false, redirectTo: '/login' };
}

interface LoginResponse {
  token: string;
  expiresAt: string;
  user: { kind: 'staff' | 'tenant' };
}

export const authProvider: AuthProvider = {
  async login(params: { email?: string; username?: string; password?: string }) {
    const email = (params.email ?? params.username ?? '').trim();
    let res: Response;
    try {
      // No X-Tenant-Id here: signing in is not an act inside a tenant.
      res = await fetch(`${API_URL}/auth/login`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ email, password: params.password ?? '' }),
      });
    } catch (err) {
      throw problemToHttpError(0, (err as Error).message, null);
    }
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    if (!res.ok) throw problemToHttpError(res.status, res.statusText, body);
    const login = body as LoginResponse;
    if (login?.user?.kind !== 'staff') setTenantSelection(ALL_TENANTS);
    invalidateSession();
    rememberSignedIn(true);
  },

  async logout() {
    // react-admin also "logs out" an anonymous visitor it sends to the login page: no request then. The cached
    // "signed out" answer is dropped all the same: kept, react-admin went on checking and logging out against it
    // (the page blank, no request) until it was 10 s old, so a signed-out deep link waited that long for the form.
    if (knownSignedOut()) {
      rememberSignedIn(false);
      invalidateSession();
      return;
    }
    invalidateSession();
    try {
      await fetch(`${API_URL}/auth/logout`, { method: 'POST', credentials: 'include' });
    } catch {
      /* signed out locally either way */
    }
    rememberSignedIn(false);
  },

  async checkAuth() {
    try {
      await loadSession();
    } catch (err) {
      if (errorStatus(err) === 401) throw backToLogin();
      throw err;
    }
  },

  async checkError(error: unknown) {
    if (errorStatus(error) === 401) {
      // A session that was good has expired: forget it. (A 401 from our own session check is already known.)
      if (!knownSignedOut()) invalidateSession();
      throw backToLogin();
    }
    // 403 (forbidden, tenant_suspended) and the rest: stay signed in, the notification says why.
  },

  async getIdentity() {
    const s = await loadSession();
    return {
      id: s.user.id,
      fullName: s.user.name || s.user.email || 'Signed in',
      email: s.user.email,
      kind: s.user.kind,
      tenantName: s.tenant?.name ?? null,
    };
  },

  /** The whole console session: permissions, user, tenant and the resolved nav (see PlatformSession). */
  async getPermissions(): Promise<PlatformSession> {
    return loadSession();
  },

  /**
   * Whether an action may be offered: react-admin asks before showing Create, Edit, Show and Delete buttons,
   * rows that open a record, and list/create/edit pages; plugin buttons ask through `useCanCall`
   * (`action: 'POST /plans/change'`). Answered from the kernel's route permissions for this user.
   */
  async canAccess({ action, resource }: { action: string; resource: string }) {
    let access;
    try {
      access = await loadRouteAccess(await knownSession());
    } catch {
      // Permissions unknown for now (server busy, network): offer the action; the API still decides.
      return true;
    }
    return access ? canDo(access, action, apiPathOf(resource)) : true;
  },
};

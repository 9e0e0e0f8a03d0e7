import type { AuthProvider } from 'ra-core';
import type { PlatformSession } from '@platform/sdk/admin';
import { leaveLoginNotice, SESSION_EXPIRED } from '../login/loginNotice.ts';
import { signIn } from '../login/signIn.ts';
import { API_URL } from './apiUrl.ts';
import { errorStatus } from './problem.ts';
import { invalidateSession, knownSession, knownSignedOut, loadRouteAccess, loadSession } from './session.ts';
import { canDo } from './routeAccess.ts';
import { apiPathOf } from './apiPaths.ts';
import { rememberSignedIn, wasSignedIn } from './signedInMark.ts';

/** Where react-admin sends someone whose session is gone; `message: false` because the login page says it. */
function backToLogin(): { message: false; redirectTo: string } {
  if (wasSignedIn()) leaveLoginNotice(SESSION_EXPIRED);
  return { message: false, redirectTo: '/login' };
}

export const authProvider: AuthProvider = {
  async login(params: { email?: string; username?: string; password?: string }) {
    await signIn({ email: params.email ?? params.username ?? '', password: params.password ?? '' });
    invalidateSession();
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
